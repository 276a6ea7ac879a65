import { mockCredentials } from '@backstage/backend-test-utils';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { CLEAN_TEXTS, retuningTestApp } from './__testUtils__/retuningTestApp';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const MIN = 60_000;
const HOUR = 60 * MIN;
const RETUNE = '/agents/ava-ads/retune';
const body = {
  knowledge_version: 'v2026-12-04',
  reason: 'Improve accuracy on Q4 2024 ad formats',
};

type App = Awaited<ReturnType<typeof retuningTestApp>>;

/** A proposal Genesis approved, waiting for an admin. */
async function proposed(app: App) {
  if (!(await app.knowledge.findVersion('v2026-12-04'))) {
    app.knowledge.add('v2026-12-04', CLEAN_TEXTS);
  }
  const res = await app.post(RETUNE, body, 'Ina Industry');
  expect(res.status).toBe(201);
  expect(res.body.status).toBe('awaiting_approval');
  return res.body.id as string;
}

/** Approved and stepped to the canary watch (10 % on green). */
async function inCanary(app: App) {
  const id = await proposed(app);
  const ok = await app.post(
    `/agent-retuning/${id}/approve`,
    { reason: 'Looks right' },
    'Ada Admin',
  );
  expect(ok.status).toBe(200);
  expect(ok.body.status).toBe('deploying');
  await app.tick(); // deploy green
  await app.tick(MIN); // green ready: smoke tests
  await app.tick(MIN); // smoke passed: 10 %
  await app.tick(MIN); // the target shows 10 %: the watch starts
  const r = (await app.get(`/agent-retuning/${id}`, 'Vik Viewer')).body;
  expect(r.rollout).toMatchObject({ phase: 'canary', traffic_percent: 10 });
  return id;
}

async function evaluation(
  app: App,
  id: string,
  side: string,
  accuracy: number,
) {
  return app.post(
    `/agent-retuning/${id}/evaluations`,
    { side, accuracy, samples: 200 },
    'Eval Service',
  );
}

describe.each(databases.eachSupportedId())('agent retuning (%s)', dbId => {
  let app: App;
  beforeEach(async () => {
    app = await retuningTestApp(await databases.init(dbId));
  });

  it('the list and one retuning are versioned reads: 304 until a write, then 200 with the change', async () => {
    const id = await proposed(app);
    for (const path of ['/agent-retuning', `/agent-retuning/${id}`]) {
      const first = await app.get(path, 'Vik Viewer');
      expect(first.status).toBe(200);
      expect(first.headers['cache-control']).toMatch(/max-age=10/);
      const again = await app
        .get(path, 'Vik Viewer')
        .set('if-none-match', first.headers.etag);
      expect(again.status).toBe(304);
    }
    const before = await app.get(`/agent-retuning/${id}`, 'Vik Viewer');
    const listBefore = await app.get('/agent-retuning', 'Vik Viewer');
    const approved = await app.post(
      `/agent-retuning/${id}/approve`,
      { reason: 'Looks right' },
      'Ada Admin',
    );
    expect(approved.status).toBe(200);
    const after = await app
      .get(`/agent-retuning/${id}`, 'Vik Viewer')
      .set('if-none-match', before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.status).toBe('deploying');
    const listAfter = await app
      .get('/agent-retuning', 'Vik Viewer')
      .set('if-none-match', listBefore.headers.etag);
    expect(listAfter.status).toBe(200);
    // a rollout step written by the job is a change too
    const stepped = after.headers.etag;
    await app.tick();
    expect(
      (
        await app
          .get(`/agent-retuning/${id}`, 'Vik Viewer')
          .set('if-none-match', stepped)
      ).status,
    ).toBe(200);
  });

  it('each route: the allowed role passes, others are refused', async () => {
    app.knowledge.add('v2026-12-04', CLEAN_TEXTS);
    expect((await app.post(RETUNE, body, null)).status).toBe(401);
    expect((await app.post(RETUNE, body, 'Vik Viewer')).status).toBe(403);
    expect((await app.post(RETUNE, body, 'Hana Helpdesk')).status).toBe(403);
    const created = await app.post(RETUNE, body, 'Olu Orchestrator');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      agent_id: 'ava-ads',
      agent_name: 'Ava Ads',
      industry: 'marketing',
      knowledge_version: 'v2026-12-04',
      previous_knowledge_version: null,
      strategy: 'blue_green',
      status: 'awaiting_approval',
      genesis: { verdict: 'approved', validator: 'built-in' },
      created_by_name: 'Olu Orchestrator',
    });
    expect(created.body.genesis.checks).toHaveLength(5);
    const id = created.body.id;

    for (const who of ['Ina Industry', 'Olu Orchestrator', 'Vik Viewer']) {
      expect(
        (
          await app.post(
            `/agent-retuning/${id}/approve`,
            { reason: 'yes please' },
            who,
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await app.post(
            `/agent-retuning/${id}/decline`,
            { reason: 'no thanks' },
            who,
          )
        ).status,
      ).toBe(403);
    }
    expect((await evaluation(app, id, 'blue', 0.9)).status).toBe(409); // not deploying yet
    const asAdmin = await app.post(
      `/agent-retuning/${id}/evaluations`,
      { side: 'blue', accuracy: 0.9, samples: 10 },
      'Ada Admin',
    );
    expect(asAdmin.status).toBe(403); // a service principal's route
    const otherService = await app.post(
      `/agent-retuning/${id}/evaluations`,
      { side: 'green', accuracy: 0.1, samples: 10 },
      'Other Service',
    );
    expect(otherService.status).toBe(403); // not the agent's evaluation service
    expect(otherService.body.error.message).toMatch(
      /may not report the accuracy of Ava Ads/,
    );

    for (const path of [
      '/agent-retuning',
      `/agent-retuning/${id}`,
      '/agents/ava-ads/knowledge',
    ]) {
      expect((await app.get(path, 'Vik Viewer')).status).toBe(200);
      expect((await app.get(path, 'Ina Industry')).status).toBe(200);
      expect((await app.get(path, 'Hana Helpdesk')).status).toBe(403);
      expect((await app.get(path, null)).status).toBe(401);
    }
    expect((await app.get('/agent-retuning/nope', 'Vik Viewer')).status).toBe(
      404,
    );
    const list = await app.get(
      '/agent-retuning?agent_id=ava-ads',
      'Vik Viewer',
    );
    expect(list.body).toMatchObject({ total_count: 1, limit: 50, offset: 0 });
    const knowledge = await app.get('/agents/ava-ads/knowledge', 'Vik Viewer');
    expect(knowledge.body).toMatchObject({
      agent_id: 'ava-ads',
      industry: 'marketing',
      knowledge_version: null,
      latest_version: 'v2026-12-04',
      active_retuning: { id },
    });
    expect(
      (await app.get('/agents/nobody/knowledge', 'Vik Viewer')).status,
    ).toBe(404);

    // the admin declines: final
    const declined = await app.post(
      `/agent-retuning/${id}/decline`,
      { reason: 'Not this quarter' },
      'Ada Admin',
    );
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      status: 'declined',
      decision: {
        outcome: 'declined',
        by_name: 'Ada Admin',
        reason: 'Not this quarter',
      },
    });
    expect(
      (
        await app.post(
          `/agent-retuning/${id}/approve`,
          { reason: 'changed my mind' },
          'Ada Admin',
        )
      ).status,
    ).toBe(409);
    expect(await app.messages('knowledge.retuning.declined')).toHaveLength(1);
    expect(
      await app.messages('knowledge.retuning.awaiting_approval'),
    ).toHaveLength(1);

    // input and lookups
    expect(
      (await app.post(RETUNE, { ...body, reason: 'short' }, 'Ina Industry'))
        .status,
    ).toBe(400);
    expect(
      (
        await app.post(
          RETUNE,
          { ...body, knowledge_version: 'v1999-01-01' },
          'Ina Industry',
        )
      ).status,
    ).toBe(404);
    expect(
      (await app.post('/agents/nobody/retune', body, 'Ina Industry')).status,
    ).toBe(404);
    const wrongIndustry = await app.post(
      RETUNE,
      { ...body, industry: 'sales' },
      'Ina Industry',
    );
    expect(wrongIndustry.status).toBe(400);
    expect(wrongIndustry.body.error.message).toMatch(
      /Ava Ads is a marketing agent/,
    );

    // the MCP tool: read only, the same permission
    const action = app.actions.get('pp-retuning-status');
    expect(action.attributes).toMatchObject({ readOnly: true });
    const as = (who: string) =>
      mockCredentials.service(`pp-principal:${app.userIds[who]}`);
    const one = await action.action({
      input: { retuning_id: id },
      credentials: as('Vik Viewer'),
    });
    expect(one.output).toMatchObject({
      total_count: 1,
      items: [{ id, status: 'declined' }],
    });
    const byAgent = await action.action({
      input: { agent_id: 'ava-ads', status: 'declined' },
      credentials: as('Olu Orchestrator'),
    });
    expect(byAgent.output.items.map((i: any) => i.id)).toEqual([id]);
    await expect(
      action.action({ input: {}, credentials: as('Hana Helpdesk') }),
    ).rejects.toThrow(/you need the role/);
  });

  it('Genesis rejected is final on every write route, for every role', async () => {
    app.knowledge.add('v2026-12-04', [
      ...CLEAN_TEXTS,
      'Women are bad at negotiating budgets, so pitch to their managers instead.',
    ]);
    const res = await app.post(RETUNE, body, 'Ina Industry');
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('rejected');
    expect(res.body.genesis.verdict).toBe('rejected');
    expect(res.body.genesis.reason).toMatch(/^Bias: /);
    const id = res.body.id;
    const final = /Genesis rejected this retuning; a rejection is final/;
    for (const who of ['Ada Admin']) {
      for (const verb of ['approve', 'decline']) {
        const r = await app.post(
          `/agent-retuning/${id}/${verb}`,
          { reason: 'override it please' },
          who,
        );
        expect(r.status).toBe(409);
        expect(r.body.error.message).toMatch(final);
      }
    }
    for (const side of ['blue', 'green']) {
      const r = await evaluation(app, id, side, 0.9);
      expect(r.status).toBe(409);
      expect(r.body.error.message).toMatch(final);
    }
    for (const who of ['Ina Industry', 'Olu Orchestrator', 'Ada Admin']) {
      const again = await app.post(RETUNE, body, who);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/a rejection is final/);
    }
    // the job does not touch it either
    await app.tick(HOUR);
    const after = await app.get(`/agent-retuning/${id}`, 'Vik Viewer');
    expect(after.body).toMatchObject({
      status: 'rejected',
      decision: null,
      rollout: null,
    });
    const notices = await app.messages('knowledge.retuning.rejected');
    expect(notices).toHaveLength(1);
    expect(notices[0].to.roles).toEqual(['admin']);
    // a different version can still be proposed
    app.knowledge.add('v2026-12-05', CLEAN_TEXTS);
    expect(
      (
        await app.post(
          RETUNE,
          { ...body, knowledge_version: 'v2026-12-05' },
          'Ina Industry',
        )
      ).body.status,
    ).toBe('awaiting_approval');
  });

  it('admin approval order: only after Genesis approved, once; one active retuning per agent; If-Match', async () => {
    const v = app.knowledge.add('v2026-12-04', CLEAN_TEXTS);
    // a proposal a crash left in validating (Genesis not run yet)
    const now = app.clock.now;
    await app.store.transaction(uow =>
      uow.insert({
        id: 'r-crashed',
        agent_id: 'ava-ads',
        agent_name: 'Ava Ads',
        industry: 'marketing',
        knowledge_version_id: v.id,
        knowledge_version: v.label,
        previous_knowledge_version: null,
        reason: 'Improve accuracy on Q4 2024 ad formats',
        strategy: 'blue_green',
        status: 'validating',
        genesis: {
          verdict: 'pending',
          checks: [],
          reason: null,
          validator: 'built-in',
          decided_at: null,
        },
        decision: null,
        rollout: null,
        post_checks: [],
        rollbacks: [],
        next_check_at: now,
        created_by: app.userIds['Ina Industry'],
        created_by_name: 'Ina Industry',
        created_at: now,
        updated_at: now,
        version: 1,
      }),
    );
    const early = await app.post(
      '/agent-retuning/r-crashed/approve',
      { reason: 'go ahead' },
      'Ada Admin',
    );
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/only after Genesis approved it/);
    // one active per agent
    const second = await app.post(RETUNE, body, 'Ina Industry');
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(
      /already has a retuning in progress/,
    );
    // the job runs Genesis
    await app.tick();
    const waiting = await app.get('/agent-retuning/r-crashed', 'Vik Viewer');
    expect(waiting.body).toMatchObject({
      status: 'awaiting_approval',
      version: 2,
    });
    const stale = await app
      .post(
        '/agent-retuning/r-crashed/approve',
        { reason: 'go ahead' },
        'Ada Admin',
      )
      .set('If-Match', '"1"');
    expect(stale.status).toBe(412);
    expect(stale.body.error.current_version).toBe(2);
    const ok = await app
      .post(
        '/agent-retuning/r-crashed/approve',
        { reason: 'go ahead' },
        'Ada Admin',
      )
      .set('If-Match', '"2"');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'deploying',
      decision: { outcome: 'approved', by_name: 'Ada Admin' },
      rollout: { phase: 'pending' },
    });
    for (const verb of ['approve', 'decline']) {
      expect(
        (
          await app.post(
            `/agent-retuning/r-crashed/${verb}`,
            { reason: 'again' },
            'Ada Admin',
          )
        ).status,
      ).toBe(409);
    }
    expect(await app.messages('knowledge.retuning.approved')).toHaveLength(1);
  });

  it('without a deployment target (production without a setting) an approval answers 503 and changes nothing', async () => {
    const bare = await retuningTestApp(await databases.init(dbId), {
      noTarget: true,
    });
    const id = await proposed(bare);
    const res = await bare.post(
      `/agent-retuning/${id}/approve`,
      { reason: 'Looks right' },
      'Ada Admin',
    );
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /No deployment target is configured/,
    );
    expect(
      (await bare.get(`/agent-retuning/${id}`, 'Vik Viewer')).body.status,
    ).toBe('awaiting_approval');
  });

  it('a healthy rollout completes after the 1 h, 24 h and 7 d checks; the agent runs on the version', async () => {
    const id = await inCanary(app);
    expect((await evaluation(app, id, 'blue', 0.9)).status).toBe(202);
    expect((await evaluation(app, id, 'green', 0.91)).status).toBe(202);
    await app.tick(61 * MIN); // watch over: promote
    await app.tick(MIN); // 100 %: completed, monitoring
    let r = (await app.get(`/agent-retuning/${id}`, 'Vik Viewer')).body;
    expect(r.status).toBe('monitoring');
    expect(r.rollout).toMatchObject({
      phase: 'completed',
      traffic_percent: 100,
    });
    expect(r.post_checks.map((c: any) => c.after)).toEqual(['1h', '24h', '7d']);
    await app.tick(HOUR);
    await app.tick(23 * HOUR);
    await app.tick(6 * 24 * HOUR);
    r = (await app.get(`/agent-retuning/${id}`, 'Vik Viewer')).body;
    expect(r.status).toBe('completed');
    expect(r.post_checks.map((c: any) => c.outcome)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
    const k = (await app.get('/agents/ava-ads/knowledge', 'Vik Viewer')).body;
    expect(k).toMatchObject({
      knowledge_version: 'v2026-12-04',
      active_retuning: null,
    });
    expect(await app.messages('knowledge.retuning.completed')).toHaveLength(1);
    // the next proposal starts from it
    app.knowledge.add('v2026-12-11', CLEAN_TEXTS);
    const next = await app.post(
      RETUNE,
      { ...body, knowledge_version: 'v2026-12-11' },
      'Ina Industry',
    );
    expect(next.body.previous_knowledge_version).toBe('v2026-12-04');
  });

  const CONDITIONS: Array<
    [string, (a: App, id: string) => Promise<void>, RegExp]
  > = [
    [
      'error rate above 5 %',
      async a => {
        a.figures.green = { error_rate: 0.08, p95_ms: 420 };
      },
      /Error rate 8 % is above 5 %/,
    ],
    [
      'p95 above 2× the baseline',
      async a => {
        a.figures.green = { error_rate: 0.01, p95_ms: 900 };
      },
      /Response time \(p95\) 900 is more than 2× the baseline 400/,
    ],
    [
      'more than 3 complaints',
      async a => {
        a.complaints.count = 4;
      },
      /Customer complaints 4 is above 3/,
    ],
    [
      'accuracy more than 5 % below blue',
      async (a, id) => {
        expect((await evaluation(a, id, 'blue', 0.9)).status).toBe(202);
        expect((await evaluation(a, id, 'green', 0.8)).status).toBe(202);
      },
      /Accuracy 80 % dropped more than 5 % below the baseline 90 %/,
    ],
  ];

  it.each(CONDITIONS)(
    'during the rollout, %s rolls back (controlled clock)',
    async (_w, bad, reason) => {
      const id = await inCanary(app);
      await app.tick(10 * MIN); // healthy so far
      expect(
        (await app.get(`/agent-retuning/${id}`, 'Vik Viewer')).body.status,
      ).toBe('deploying');
      await bad(app, id);
      await app.tick(MIN);
      const r = (await app.get(`/agent-retuning/${id}`, 'Vik Viewer')).body;
      expect(r.status).toBe('rolled_back');
      expect(r.rollout.phase).toBe('rolled_back');
      expect(r.rollbacks).toHaveLength(1);
      expect(r.rollbacks[0].reason).toMatch(reason);
      expect((await app.target.status('ava-ads')).phase).toBe('aborted');
      const notices = await app.messages('knowledge.retuning.rolled_back');
      expect(notices).toHaveLength(1);
      expect(notices[0].description).toMatch(reason);
      expect((await evaluation(app, id, 'green', 0.9)).status).toBe(409);
    },
  );

  it.each(CONDITIONS)(
    'at the 24 h post-deployment check, %s rolls back to blue on standby',
    async (_w, bad, reason) => {
      const id = await inCanary(app);
      expect((await evaluation(app, id, 'blue', 0.9)).status).toBe(202);
      expect((await evaluation(app, id, 'green', 0.9)).status).toBe(202);
      await app.tick(61 * MIN);
      await app.tick(MIN);
      expect(
        (await app.get(`/agent-retuning/${id}`, 'Vik Viewer')).body.status,
      ).toBe('monitoring');
      await app.tick(HOUR); // 1 h check passes
      await bad(app, id);
      await app.tick(12 * HOUR); // nothing due
      let r = (await app.get(`/agent-retuning/${id}`, 'Vik Viewer')).body;
      expect(r.status).toBe('monitoring');
      expect(r.post_checks.map((c: any) => c.outcome)).toEqual([
        'pass',
        'pending',
        'pending',
      ]);
      await app.tick(11 * HOUR); // the 24 h check
      r = (await app.get(`/agent-retuning/${id}`, 'Vik Viewer')).body;
      expect(r.status).toBe('rolled_back');
      expect(r.post_checks[1].outcome).toBe('fail');
      expect(r.rollbacks[0].reason).toMatch(
        /^The 24h post-deployment check failed: /,
      );
      expect(r.rollbacks[0].reason).toMatch(reason);
      expect((await app.target.status('ava-ads')).phase).toBe('aborted');
      expect(await app.messages('knowledge.retuning.rolled_back')).toHaveLength(
        1,
      );
    },
  );
});
