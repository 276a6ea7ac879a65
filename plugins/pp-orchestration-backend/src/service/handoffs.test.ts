import { mockCredentials } from '@backstage/backend-test-utils';
import {
  PP_HANDOFF_ITEM_KEYS,
  ppHandoffPageSchema,
  ppHandoffSchema,
} from '@internal/plugin-pp-common';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { ciRunDeliveries } from '../github/__fixtures__/githubWorkflowEvents';
import { handoffStore } from '../database/HandoffStore';
import { orchestrationTestApp } from './__testUtils__/orchestrationTestApp';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const HOUR = 3_600_000;

/** The 8-item checklist, every item ticked with evidence. */
const checklist = (agentId: string) =>
  PP_HANDOFF_ITEM_KEYS.map(key => ({
    key,
    done: true,
    evidence: `https://wiki.waooaw.com/agents/${agentId}/${key}`,
  }));

describe.each(databases.eachSupportedId())('agent handoff (%s)', id => {
  let t: Awaited<ReturnType<typeof orchestrationTestApp>>;

  beforeAll(async () => {
    t = await orchestrationTestApp(await databases.init(id));
  });
  afterEach(() => {
    t.health.last = undefined;
    jest.restoreAllMocks();
  });

  /** A creation through Genesis and a passing CI run. */
  const ciPassed = async (name: string) => {
    const agent = await t.approvedAgent(name);
    for (const d of ciRunDeliveries(agent)) {
      await t.feed.handle(`github.${d.event}`, d.payload);
    }
    return agent;
  };
  const status = async (agentId: string) =>
    (await t.get(`/agents/${agentId}/creation-status`, 'Vik Viewer')).body
      .status;
  const submit = (body: object, who: string | null = 'Olu Orchestrator') =>
    t.post('/agent-handoff', body, who);
  const accept = (
    hid: string,
    body: object = {},
    who: string | null = 'Ian Infra',
  ) => t.post(`/agent-handoff/${hid}/accept`, body, who);
  const reject = (
    hid: string,
    body: object,
    who: string | null = 'Ian Infra',
  ) => t.post(`/agent-handoff/${hid}/reject`, body, who);

  it('submit: 401, 403 for other roles, 400 for a bad body, 404 for an unknown agent; nothing written', async () => {
    const agent = await ciPassed('Denied Handoff');
    const body = { agent_id: agent, items: checklist(agent) };
    expect((await submit(body, null)).status).toBe(401);
    for (const who of ['Vik Viewer', 'Ian Infra', 'Sam Manager']) {
      const res = await submit(body, who);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
    for (const bad of [
      {},
      { agent_id: agent },
      { agent_id: agent, items: [{ key: 'runbook', done: 'yes' }] },
      { agent_id: agent, items: [{ key: 'coffee', done: true }] },
      {
        agent_id: agent,
        items: [
          { key: 'runbook', done: true },
          { key: 'runbook', done: true },
        ],
      },
    ]) {
      const res = await submit(bad);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    }
    const missing = await submit({
      agent_id: 'no-such-agent',
      items: checklist('x'),
    });
    expect(missing.status).toBe(404);
    expect(await status(agent)).toBe('ci_passed');
    expect(
      await t.store.transaction(uow => uow.tx('pp_agent_handoffs')),
    ).toHaveLength(0);
  });

  it('submit: 409 before CI passed and for a checklist without evidence; a failed health check is shown, and blocks the accept', async () => {
    const early = await t.approvedAgent('Too Early');
    const res = await submit({ agent_id: early, items: checklist(early) });
    expect(res.status).toBe(409);
    expect(res.body.error.name).toBe('ConflictError');

    const agent = await ciPassed('Thin Evidence');
    const thin = checklist(agent).map(i =>
      i.key === 'runbook' ? { ...i, evidence: 'tbd' } : i,
    );
    const unmet = await submit({ agent_id: agent, items: thin });
    expect(unmet.status).toBe(409);
    expect(unmet.body.error.message).toMatch(/Runbook documented: no evidence/);

    expect(await status(agent)).toBe('ci_passed');

    // a fact that contradicts an item does not stop the submit (ticked with evidence is enough):
    // the handoff shows it, incomplete, and accepting it needs it fixed
    t.health.last = {
      healthy: false,
      checked_at: new Date(t.clock.now.getTime() - 60_000),
    };
    const sick = await submit({ agent_id: agent, items: checklist(agent) });
    expect(sick.status).toBe(201);
    expect(sick.body.complete).toBe(false);
    expect(
      sick.body.items.find((i: any) => i.key === 'health_check'),
    ).toMatchObject({
      verification: 'contradicted',
      satisfied: false,
      problem: expect.stringMatching(/last health check .* failed/),
    });
    const refused = await accept(sick.body.handoff_id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/Health check endpoint working/);
    expect(await status(agent)).toBe('handoff_pending');
  });

  it('submit → handoff_pending with a 24 h OLA; accept → production_ready; deciding twice is 409', async () => {
    const agent = await ciPassed('Happy Path');
    t.health.last = {
      healthy: true,
      checked_at: new Date(t.clock.now.getTime() - 30_000),
    };
    const res = await submit({ agent_id: agent, items: checklist(agent) });
    expect(res.status).toBe(201);
    const handoff = ppHandoffSchema.parse(res.body);
    expect(handoff).toMatchObject({
      agent_id: agent,
      status: 'pending',
      complete: true,
      ola: {
        submitted_at: '2026-12-21T09:00:00.000Z',
        reminder_at: '2026-12-22T04:12:00.000Z',
        deadline: '2026-12-22T09:00:00.000Z',
        state: 'on_track',
      },
      decided_by: null,
    });
    const verification = Object.fromEntries(
      handoff.items.map(i => [i.key, i.verification]),
    );
    expect(verification).toMatchObject({
      image_pushed: 'verified', // CI stage 5 passed
      health_check: 'verified',
      runbook: 'manual',
      sla_defined: 'unknown',
    });
    expect(await status(agent)).toBe('handoff_pending');
    const notices = await t.messages(`agent-handoff:${handoff.handoff_id}`);
    expect(notices).toEqual([
      expect.objectContaining({
        topic: 'orchestration.handoff.submitted',
        to: { roles: ['infrastructure_engineer'] },
      }),
    ]);
    // a second submit while one is pending: 409
    expect(
      (await submit({ agent_id: agent, items: checklist(agent) })).status,
    ).toBe(409);

    // accept: 401, 403 for the creation team and viewers, 404, 400
    const hid = handoff.handoff_id;
    expect((await accept(hid, {}, null)).status).toBe(401);
    for (const who of ['Olu Orchestrator', 'Vik Viewer']) {
      expect((await accept(hid, {}, who)).status).toBe(403);
    }
    expect((await accept('00000000-0000-0000-0000-000000000000')).status).toBe(
      404,
    );
    expect((await accept(hid, { notes: 'x'.repeat(2001) })).status).toBe(400);
    expect((await accept('bad id!')).status).toBe(400);

    t.clock.now = new Date(t.clock.now.getTime() + 2 * HOUR);
    t.health.last = { healthy: true, checked_at: t.clock.now };
    const ok = await accept(hid, { notes: 'Runbook reviewed with on-call.' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'accepted',
      decided_by: `user:pp/${t.userIds['Ian Infra']}`,
      decided_at: '2026-12-21T11:00:00.000Z',
      ola: { state: 'met' },
    });
    expect(await status(agent)).toBe('production_ready');
    const history = (
      await t.get(`/agents/${agent}/creation-status`, 'Vik Viewer')
    ).body.history;
    expect(history.at(-1)).toMatchObject({
      event: 'accept_handoff',
      actor: { kind: 'user', id: `user:pp/${t.userIds['Ian Infra']}` },
    });
    const team = await t.messages(`agent-handoff:${hid}`);
    expect(team.at(-1)).toMatchObject({
      topic: 'orchestration.handoff.accepted',
      to: { userIds: [t.userIds['Olu Orchestrator']] },
    });
    expect((await accept(hid)).status).toBe(409);
    expect(
      (await reject(hid, { reason: 'Too late to reject this.' })).status,
    ).toBe(409);
    const audit = (await t.audits('pp.handoff.accept')).pop()!;
    expect(audit.details).toMatchObject({
      handoff_id: hid,
      decision: 'accepted',
      via: 'http',
    });
  });

  it('accept is 409 when the checklist is no longer complete (health check failing now)', async () => {
    const agent = await ciPassed('Relapse');
    const res = await submit({ agent_id: agent, items: checklist(agent) });
    expect(res.status).toBe(201);
    expect(
      res.body.items.find((i: any) => i.key === 'health_check'),
    ).toMatchObject({
      verification: 'unknown', // the health plugin does not know it: unverifiable, evidence decides
      satisfied: true,
    });
    t.health.last = { healthy: false, checked_at: t.clock.now };
    const refused = await accept(res.body.handoff_id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/health check/);
    expect(await status(agent)).toBe('handoff_pending');
  });

  it('reject with a reason → handoff_rejected, then submit again', async () => {
    const agent = await ciPassed('Second Try');
    const first = await submit({ agent_id: agent, items: checklist(agent) });
    const hid = first.body.handoff_id;
    expect((await reject(hid, { reason: 'short' }, null)).status).toBe(401);
    const unknown = await reject('00000000-0000-0000-0000-000000000000', {
      reason: 'No such handoff to reject.',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.name).toBe('NotFoundError');
    expect((await reject(hid, { reason: 'short' })).status).toBe(400);
    expect((await reject(hid, {})).status).toBe(400);
    expect(
      (
        await reject(
          hid,
          { reason: 'Dashboards are empty.' },
          'Olu Orchestrator',
        )
      ).status,
    ).toBe(403);
    const res = await reject(hid, {
      reason: 'The monitoring dashboard shows no data yet.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'rejected',
      reason: 'The monitoring dashboard shows no data yet.',
    });
    expect(await status(agent)).toBe('handoff_rejected');
    expect((await t.messages(`agent-handoff:${hid}`)).at(-1)).toMatchObject({
      topic: 'orchestration.handoff.rejected',
      to: { userIds: [t.userIds['Olu Orchestrator']] },
    });
    const again = await submit({ agent_id: agent, items: checklist(agent) });
    expect(again.status).toBe(201);
    expect(again.body.handoff_id).not.toBe(hid);
    expect(await status(agent)).toBe('handoff_pending');
  });

  it('the review queue: infrastructure engineers and admins, nearest deadline first, paged', async () => {
    expect((await t.get('/agent-handoff', null)).status).toBe(401);
    for (const who of ['Olu Orchestrator', 'Vik Viewer']) {
      expect((await t.get('/agent-handoff', who)).status).toBe(403);
    }
    expect(
      (await t.get('/agent-handoff?status=lost', 'Ian Infra')).status,
    ).toBe(400);
    expect((await t.get('/agent-handoff?limit=0', 'Ian Infra')).status).toBe(
      400,
    );
    const res = await t.get('/agent-handoff?status=pending', 'Ada Admin');
    expect(res.status).toBe(200);
    const page = ppHandoffPageSchema.parse(res.body);
    expect(page.items.length).toBeGreaterThanOrEqual(2);
    expect(page.items.every(h => h.status === 'pending')).toBe(true);
    // the queue names the agent for the reviewers (they cannot read the creation)
    expect(page.items.every(h => typeof h.agent_name === 'string')).toBe(true);
    const deadlines = page.items.map(h => h.ola.deadline);
    expect([...deadlines].sort()).toEqual(deadlines);
    const one = await t.get('/agent-handoff?limit=1&offset=1', 'Ian Infra');
    expect(one.body).toMatchObject({
      limit: 1,
      offset: 1,
      total_count: page.total_count,
    });
    expect(one.body.items[0].handoff_id).toBe(page.items[1].handoff_id);
    const accepted = await t.get('/agent-handoff?status=accepted', 'Ian Infra');
    expect(accepted.body.items.map((h: any) => h.status)).toEqual(['accepted']);

    // MCP: the same queue under the same permission
    const as = (who: string) =>
      mockCredentials.service(`pp-principal:${t.userIds[who]}`);
    const action = t.actions.get('pp-agent-handoff-queue');
    const out = await action.action({
      input: { status: 'pending' },
      credentials: as('Ian Infra'),
    });
    expect(out.output.items.map((h: any) => h.handoff_id)).toEqual(
      page.items.map(h => h.handoff_id),
    );
    await expect(
      action.action({ input: {}, credentials: as('Olu Orchestrator') }),
    ).rejects.toThrow(/need the role/);
  });

  it('the OLA job: a reminder at 80 %, a breach past 24 h, each once; one failing handoff does not stop the batch', async () => {
    // earlier tests left pending handoffs: decide them so only this test's two count
    const pending = await t.get('/agent-handoff?limit=200', 'Ada Admin');
    for (const h of pending.body.items) {
      await reject(h.handoff_id, { reason: 'Cleared before the OLA test.' });
    }
    t.clock.now = new Date('2026-12-23T00:00:00Z');
    const a = await ciPassed('Ola One');
    const b = await ciPassed('Ola Two');
    const ha = (await submit({ agent_id: a, items: checklist(a) })).body;
    const hb = (await submit({ agent_id: b, items: checklist(b) })).body;
    const start = t.clock.now.getTime();

    t.clock.now = new Date(start + 19 * HOUR);
    expect(await t.handoffs.runOlaCheck()).toEqual({
      reminded: 0,
      breached: 0,
      failed: 0,
    });
    t.clock.now = new Date(start + 20 * HOUR);
    // one handoff's write fails: the other one is still reminded
    const record = handoffStore.recordOlaEvent;
    jest
      .spyOn(handoffStore, 'recordOlaEvent')
      .mockImplementation(async (db, event) => {
        if (event.handoff_id === ha.handoff_id) throw new Error('disk full');
        return record(db, event);
      });
    expect(await t.handoffs.runOlaCheck()).toEqual({
      reminded: 1,
      breached: 0,
      failed: 1,
    });
    jest.restoreAllMocks();
    expect(await t.handoffs.runOlaCheck()).toEqual({
      reminded: 1,
      breached: 0,
      failed: 0,
    });
    expect(await t.handoffs.runOlaCheck()).toEqual({
      reminded: 0,
      breached: 0,
      failed: 0,
    });
    // b is decided in time: no breach for it
    await accept(hb.handoff_id);
    t.clock.now = new Date(start + 25 * HOUR);
    expect(await t.handoffs.runOlaCheck()).toEqual({
      reminded: 0,
      breached: 1,
      failed: 0,
    });
    expect(await t.handoffs.runOlaCheck()).toEqual({
      reminded: 0,
      breached: 0,
      failed: 0,
    });
    const notices = await t.messages(`agent-handoff:${ha.handoff_id}`);
    expect(notices.map(n => n.topic)).toEqual([
      'orchestration.handoff.submitted',
      'orchestration.handoff.reminder',
      'orchestration.handoff.breach',
    ]);
    expect(notices[2]).toMatchObject({
      severity: 'critical',
      to: { roles: ['infrastructure_engineer', 'admin'] },
    });
    expect(
      (await t.get('/agent-handoff', 'Ian Infra')).body.items[0],
    ).toMatchObject({ handoff_id: ha.handoff_id, ola: { state: 'breached' } });
    const breaches = await t.audits('pp.handoff.ola.breach');
    expect(breaches.map(x => x.details.handoff_id)).toEqual([ha.handoff_id]);
  });

  it('PP verifies alert thresholds, on-call and the SLA through its readers: each item says what PP found, a contradiction blocks, an unreadable reader leaves the evidence to decide', async () => {
    const agent = await ciPassed('Verified Facts');
    t.health.last = { healthy: true, checked_at: t.clock.now };
    t.factReadings.alertThresholds = {
      state: 'verified',
      sentence:
        'The health plugin monitors this agent with its service alert rules on.',
    };
    t.factReadings.onCall = {
      state: 'contradicted',
      sentence:
        'The owner team Agent Platform names no on-call engineer in the catalog.',
    };
    t.factReadings.sla = undefined; // the reader fails
    try {
      const res = await submit({ agent_id: agent, items: checklist(agent) });
      expect(res.status).toBe(201);
      const item = (key: string) =>
        res.body.items.find((i: any) => i.key === key);
      expect(item('alert_thresholds')).toMatchObject({
        verification: 'verified',
        satisfied: true,
        note: 'The health plugin monitors this agent with its service alert rules on.',
      });
      expect(item('on_call')).toMatchObject({
        verification: 'contradicted',
        satisfied: false,
        problem:
          'The owner team Agent Platform names no on-call engineer in the catalog',
      });
      expect(item('sla_defined')).toMatchObject({
        verification: 'unknown',
        satisfied: true,
        note: 'PP could not check the SLA, so the evidence decides.',
      });
      expect(item('image_pushed').note).toBe(
        'CI stage 5 (push to registry) passed.',
      );
      expect(res.body.complete).toBe(false);
      // the contradiction blocks the accept until the catalog names someone
      expect((await accept(res.body.handoff_id)).status).toBe(409);
      t.factReadings.onCall = {
        state: 'verified',
        sentence:
          'The owner team Agent Platform names its on-call engineer in the catalog (oncall@waooaw.com).',
      };
      const ok = await accept(res.body.handoff_id);
      expect(ok.status).toBe(200);
      expect(ok.body.items.find((i: any) => i.key === 'on_call')).toMatchObject(
        {
          verification: 'verified',
          satisfied: true,
        },
      );
    } finally {
      t.factReadings.alertThresholds = undefined;
      t.factReadings.onCall = undefined;
    }
  });

  it('the OLA job checks pending checklists again: an SLA defined after the submission shows to the reviewers', async () => {
    const agent = await ciPassed('Late SLA');
    t.health.last = { healthy: true, checked_at: t.clock.now };
    t.factReadings.sla = {
      state: 'contradicted',
      sentence:
        'No SLA is defined for this agent yet: an agent orchestrator defines it on the SLA page.',
    };
    try {
      const res = await submit({ agent_id: agent, items: checklist(agent) });
      expect(res.status).toBe(201);
      expect(res.body.complete).toBe(false);
      const queued = async () =>
        (
          await t.get('/agent-handoff?status=pending&limit=100', 'Ian Infra')
        ).body.items.find((h: any) => h.handoff_id === res.body.handoff_id);
      // nothing changed: nothing rewritten
      await t.handoffs.recheckPending();
      expect((await queued()).complete).toBe(false);

      t.factReadings.sla = {
        state: 'verified',
        sentence: 'A premium SLA (version 1) is in force since 2026-12-20.',
      };
      expect(await t.handoffs.recheckPending()).toBeGreaterThanOrEqual(1);
      const now = await queued();
      expect(now.complete).toBe(true);
      expect(now.items.find((i: any) => i.key === 'sla_defined')).toMatchObject(
        {
          verification: 'verified',
          satisfied: true,
          note: 'A premium SLA (version 1) is in force since 2026-12-20.',
          // the evidence stays as submitted
          evidence: checklist(agent).find((i: any) => i.key === 'sla_defined')!
            .evidence,
        },
      );
      // a second run finds nothing new, and writes nothing
      expect(await t.handoffs.recheckPending()).toBe(0);
      expect(await status(agent)).toBe('handoff_pending');
    } finally {
      t.factReadings.sla = undefined;
    }
  });
});
