import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  PP_HANDOFF_ITEM_KEYS,
  ppUpgradeListSchema,
  ppUpgradeSchema,
} from '@internal/plugin-pp-common';
import {
  BLUE_GREEN_PLAN,
  DemoDeploymentTarget,
  RolloutHealth,
  SmokeTests,
  createPpApiRouter,
  ppAuditErrors,
} from '@internal/plugin-pp-node';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import express from 'express';
import request from 'supertest';
import { registerUpgradeActions } from '../actions';
import { DatabaseRolloutStore } from '../database/DatabaseRolloutStore';
import { ciRunDeliveries } from '../github/__fixtures__/githubWorkflowEvents';
import { orchestrationTestApp } from '../service/__testUtils__/orchestrationTestApp';
import { RolloutCommands } from './RolloutCommands';
import { RolloutQueries } from './RolloutQueries';
import { addUpgradeRoutes } from './upgradeRoutes';
import { upgradesApi } from './upgradesApi';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const SECOND = 1_000;
/** the e2e's kind of plan: a 60 s watch, a 30 s grace */
const PLAN = {
  ...BLUE_GREEN_PLAN,
  watch_ms: 60 * SECOND,
  analysis_grace_ms: 30 * SECOND,
};

/** The health plugin as the upgrades see it, set per test. */
function fakeHealth() {
  const h = {
    baseline: { error_rate: 0.01, p95_ms: 800 } as Record<string, number>,
    metrics: undefined as
      | { samples: number; values: Record<string, number> }
      | undefined,
    checks: [] as Array<{ up: boolean; at: Date; error: string | null }>,
    asked: [] as string[],
  };
  const health: RolloutHealth = {
    baseline: async id => {
      h.asked.push(`baseline ${id}`);
      return h.baseline;
    },
    metricsSince: async () => h.metrics,
    checksSince: async (_id, since) => h.checks.filter(c => c.at >= since),
  };
  return { h, health };
}

describe.each(databases.eachSupportedId())('agent upgrades (%s)', id => {
  let t: Awaited<ReturnType<typeof orchestrationTestApp>>;
  let h: ReturnType<typeof fakeHealth>['h'];
  let commands: RolloutCommands;
  let target: DemoDeploymentTarget;
  let app: express.Express;
  const actions = new Map<string, any>();

  beforeAll(async () => {
    t = await orchestrationTestApp(await databases.init(id));
    const fake = fakeHealth();
    h = fake.h;
    const now = () => t.clock.now;
    target = new DemoDeploymentTarget({
      db: t.knex,
      readyAfterMs: 5 * SECOND,
      now,
    });
    const store = await DatabaseRolloutStore.create({
      database: { getClient: async () => t.knex },
    });
    commands = new RolloutCommands({
      store,
      creations: t.store,
      target,
      health: fake.health,
      smoke: new SmokeTests({ urls: [], health: fake.health }),
      notifier: t.notifier,
      plan: PLAN,
      logger: mockServices.logger.mock(),
      audit: entry => t.identity.record(entry),
      now,
    });
    const api = upgradesApi(new RolloutQueries(store), commands, t.store);
    const routes = createPpApiRouter({
      pluginId: 'pp-orchestration',
      title: 'Agent orchestration',
      guard: t.guard,
    });
    addUpgradeRoutes(routes, api);
    routes.router.use(ppAuditErrors(t.guard));
    app = express()
      .use(routes.router)
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: mockServices.logger.mock(),
        }).error(),
      );
    registerUpgradeActions({
      actionsRegistry: { register: (a: any) => actions.set(a.name, a) } as any,
      guard: t.guard,
      api,
    });
  });

  const as = (req: request.Test, who: string | null) =>
    who ? req.set('authorization', `Bearer ${t.tokens[who]}`) : req;
  const post = (path: string, body: object, who: string | null) =>
    as(request(app).post(path), who).send(body);
  const get = (path: string, who: string | null) =>
    as(request(app).get(path), who);
  const tick = (ms = 0) => {
    t.clock.now = new Date(t.clock.now.getTime() + ms);
    return commands.tick();
  };
  const upgrade = async (uid: string) => {
    const res = await get(`/upgrades/${uid}`, 'Vik Viewer');
    expect(res.status).toBe(200);
    return ppUpgradeSchema.parse(res.body);
  };

  /** Through Genesis, CI and an accepted handoff: production ready. */
  const productionReady = async (name: string) => {
    const agent = await t.approvedAgent(name);
    for (const d of ciRunDeliveries(agent)) {
      await t.feed.handle(`github.${d.event}`, d.payload);
    }
    const items = PP_HANDOFF_ITEM_KEYS.map(key => ({
      key,
      done: true,
      evidence: `https://wiki.waooaw.com/agents/${agent}/${key}`,
    }));
    const sub = await t.post(
      '/agent-handoff',
      { agent_id: agent, items },
      'Olu Orchestrator',
    );
    expect(sub.status).toBe(201);
    const acc = await t.post(
      `/agent-handoff/${sub.body.handoff_id}/accept`,
      {},
      'Ian Infra',
    );
    expect(acc.status).toBe(200);
    return agent;
  };

  /** Starts an upgrade and walks it into canary at 10 % (the watch begun). */
  const inCanary = async (agent: string) => {
    const started = await post(
      `/agents/${agent}/upgrades`,
      { to_version: '1.5.0' },
      'Olu Orchestrator',
    );
    expect(started.status).toBe(201);
    const uid = started.body.upgrade_id as string;
    await tick();
    await tick(6 * SECOND);
    h.checks = [{ up: true, at: t.clock.now, error: null }];
    await tick(SECOND);
    await tick(SECOND);
    const u = await upgrade(uid);
    expect(u).toMatchObject({
      status: 'canary',
      traffic: { green_percent: 10 },
    });
    expect(u.watch_until).not.toBeNull();
    return uid;
  };

  afterEach(() => {
    h.metrics = undefined;
    h.checks = [];
  });

  it('start → deploy → smoke → 10 % → watch → 100 % → completed, on the demo target', async () => {
    const agent = await productionReady('Upgrade Flow');
    const res = await post(
      `/agents/${agent}/upgrades`,
      { to_version: '1.5.0', reason: 'faster replies' },
      'Olu Orchestrator',
    );
    expect(res.status).toBe(201);
    const started = ppUpgradeSchema.parse(res.body);
    expect(started).toMatchObject({
      agent_id: agent,
      agent_name: 'Upgrade Flow',
      from_version: 'current',
      to_version: '1.5.0',
      reason: 'faster replies',
      status: 'pending',
      active: true,
      target: { kind: 'demo', demo: true },
      traffic: { blue_percent: 100, green_percent: 0 },
      baseline: { error_rate: 0.01, p95_ms: 800 },
    });
    expect(h.asked).toContain(`baseline ${agent}`);
    expect(
      started.gates.map(g => [g.title, g.rule, g.threshold, g.outcome]),
    ).toEqual([
      ['Error rate', 'at most 5 %', 0.05, 'not_measured'],
      ['Response time (p95)', 'at most 2× the baseline', 1600, 'not_measured'],
    ]);
    const uid = started.upgrade_id;

    // deploy: green not ready for 5 s
    expect(await tick()).toMatchObject({
      checked: expect.any(Number),
      moved: 1,
    });
    expect((await upgrade(uid)).status).toBe('deploying');
    expect(await target.status(agent)).toMatchObject({
      green_version: '1.5.0',
      green_ready: false,
      weight: 0,
    });
    await tick(2 * SECOND);
    expect((await upgrade(uid)).next).toMatch(
      /waiting for green 1.5.0 to be ready/,
    );

    // ready: smoke tests (the health plugin's check of green after it was ready)
    await tick(4 * SECOND);
    expect((await upgrade(uid)).status).toBe('smoke_testing');
    await tick(SECOND);
    expect((await upgrade(uid)).next).toBe(
      'waiting for the smoke test results',
    );
    h.checks = [{ up: true, at: t.clock.now, error: null }];
    await tick(SECOND);
    let u = await upgrade(uid);
    expect(u).toMatchObject({
      status: 'canary',
      traffic: { blue_percent: 90, green_percent: 10 },
    });
    expect((await target.status(agent)).weight).toBe(10);

    // the watch starts when the target shows 10 %; the state survives a new target (a restart)
    await tick(SECOND);
    u = await upgrade(uid);
    expect(u.watch_until).toBe(
      new Date(t.clock.now.getTime() + 60 * SECOND).toISOString(),
    );
    const restarted = new DemoDeploymentTarget({
      db: t.knex,
      now: () => t.clock.now,
    });
    expect(await restarted.status(agent)).toMatchObject({
      green_version: '1.5.0',
      weight: 10,
      phase: 'paused',
    });

    h.metrics = { samples: 40, values: { error_rate: 0.02, p95_ms: 900 } };
    await tick(30 * SECOND);
    u = await upgrade(uid);
    expect(u.status).toBe('canary');
    expect(u.gates.map(g => [g.value, g.outcome])).toEqual([
      [0.02, 'pass'],
      [900, 'pass'],
    ]);

    // after the watch: 100 %, then completed with blue as standby
    await tick(31 * SECOND);
    expect((await upgrade(uid)).status).toBe('promoting');
    await tick(SECOND);
    u = await upgrade(uid);
    expect(u).toMatchObject({
      status: 'completed',
      active: false,
      traffic: { blue_percent: 0, green_percent: 100 },
      next: null,
    });
    expect(u.standby_until).not.toBeNull();
    expect(u.steps.map(s => [s.from, s.to, s.action])).toEqual([
      ['pending', 'deploying', 'deploy'],
      ['deploying', 'smoke_testing', 'run_smoke_tests'],
      ['smoke_testing', 'canary', 'set_weight'],
      ['canary', 'promoting', 'promote'],
      ['promoting', 'completed', 'none'],
    ]);
    expect(await target.status(agent)).toMatchObject({
      weight: 100,
      phase: 'healthy',
    });

    // the orchestrator who started it is told; every move is audited
    const notices = await t.messages(`agent-upgrade:${uid}`);
    expect(notices).toEqual([
      expect.objectContaining({
        topic: 'orchestration.upgrade.completed',
        title: 'Upgrade Flow upgraded to 1.5.0',
        to: { userIds: [t.userIds['Olu Orchestrator']] },
        link: `/pp/orchestration/upgrades/${uid}`,
      }),
    ]);
    expect((await t.audits('pp.agents.upgrade')).pop()).toMatchObject({
      outcome: 'success',
      details: { upgrade_id: uid, decision: 'started' },
    });
    expect((await t.audits('pp.upgrades.completed')).pop()).toMatchObject({
      resource: `agent:${agent}`,
      details: { upgrade_id: uid, to: 'completed' },
    });

    // the next upgrade starts from the version that runs; the list is newest first
    const next = await post(
      `/agents/${agent}/upgrades`,
      { to_version: '1.6.0' },
      'Ada Admin',
    );
    expect(next.body).toMatchObject({
      from_version: '1.5.0',
      to_version: '1.6.0',
    });
    const same = await post(
      `/agents/${agent}/upgrades`,
      { to_version: '1.7.0' },
      'Olu Orchestrator',
    );
    expect(same.status).toBe(409);
    expect(same.body.error.message).toMatch(/upgrade in progress already/);
    const list = ppUpgradeListSchema.parse(
      (await get(`/agents/${agent}/upgrades`, 'Ian Infra')).body,
    );
    expect(list.items.map(i => i.to_version)).toEqual(['1.6.0', '1.5.0']);
    const aborted = await post(
      `/upgrades/${next.body.upgrade_id}/abort`,
      { reason: 'wrong build' },
      'Ian Infra',
    );
    expect(aborted.status).toBe(200);
  });

  it.each<[string, Record<string, number>, RegExp]>([
    [
      'error rate above 5 %',
      { error_rate: 0.09, p95_ms: 700 },
      /Error rate 9 % is above 5 %/,
    ],
    [
      'p95 above 2× the baseline',
      { error_rate: 0.01, p95_ms: 1700 },
      /Response time \(p95\) 1700 is more than 2× the baseline 800/,
    ],
  ])('rolls back when a gate fails: %s', async (name, values, reason) => {
    const agent = await productionReady(`Rollback ${name.slice(0, 20)}`);
    const uid = await inCanary(agent);
    h.metrics = { samples: 30, values };
    const run = await tick(10 * SECOND);
    expect(run.rolled_back).toBeGreaterThanOrEqual(1);
    const u = await upgrade(uid);
    expect(u).toMatchObject({
      status: 'rolled_back',
      active: false,
      traffic: { blue_percent: 100, green_percent: 0 },
    });
    expect(u.rollback_reason).toMatch(reason);
    expect(u.gates.some(g => g.outcome === 'fail')).toBe(true);
    expect(await target.status(agent)).toMatchObject({
      weight: 0,
      phase: 'aborted',
    });
    const [notice] = await t.messages(`agent-upgrade:${uid}`);
    expect(notice).toMatchObject({
      topic: 'orchestration.upgrade.rolled_back',
      severity: 'high',
      to: { userIds: [t.userIds['Olu Orchestrator']] },
    });
    expect(notice.description).toMatch(reason);
    // nothing more happens to a rolled back upgrade
    expect(await tick(60 * SECOND)).toMatchObject({ failed: 0 });
    expect((await upgrade(uid)).steps).toHaveLength(4);
  });

  it('rolls back on a failed smoke test', async () => {
    const agent = await productionReady('Smoke Fails');
    const started = await post(
      `/agents/${agent}/upgrades`,
      { to_version: '2.0.0' },
      'Olu Orchestrator',
    );
    await tick();
    await tick(6 * SECOND);
    h.checks = [{ up: false, at: t.clock.now, error: 'HTTP 503' }];
    await tick(SECOND);
    const u = await upgrade(started.body.upgrade_id);
    expect(u.status).toBe('rolled_back');
    expect(u.rollback_reason).toBe(
      `Smoke tests failed (1 of 1): the health check of ${agent} failed: HTTP 503`,
    );
  });

  it('start: 401, 403 for other roles, 400 for a bad body, 404 for an unknown agent, 409 before production ready', async () => {
    const agent = await productionReady('Denied Upgrade');
    const body = { to_version: '1.5.0' };
    expect((await post(`/agents/${agent}/upgrades`, body, null)).status).toBe(
      401,
    );
    for (const who of ['Vik Viewer', 'Ian Infra', 'Sam Manager']) {
      const res = await post(`/agents/${agent}/upgrades`, body, who);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
    for (const bad of [
      {},
      { to_version: '' },
      { to_version: '1.5.0 beta' },
      { to_version: 15 },
    ]) {
      const res = await post(
        `/agents/${agent}/upgrades`,
        bad,
        'Olu Orchestrator',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    }
    expect(
      (await post('/agents/no-such-agent/upgrades', body, 'Olu Orchestrator'))
        .status,
    ).toBe(404);
    const early = await t.approvedAgent('Not Ready Yet');
    const res = await post(
      `/agents/${early}/upgrades`,
      body,
      'Olu Orchestrator',
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'Not Ready Yet is not production ready yet: only a production-ready agent is upgraded',
    );
    expect(
      (await get(`/agents/${agent}/upgrades`, 'Vik Viewer')).body.items,
    ).toEqual([]);
  });

  it('reads: viewers and infrastructure engineers read, others are refused; 404s', async () => {
    const agent = await productionReady('Read Upgrade');
    const started = await post(
      `/agents/${agent}/upgrades`,
      { to_version: '1.5.0' },
      'Olu Orchestrator',
    );
    const uid = started.body.upgrade_id;
    for (const who of [
      'Vik Viewer',
      'Ian Infra',
      'Olu Orchestrator',
      'Ada Admin',
    ]) {
      expect((await get(`/upgrades/${uid}`, who)).status).toBe(200);
      expect((await get(`/agents/${agent}/upgrades`, who)).status).toBe(200);
    }
    expect((await get(`/upgrades/${uid}`, 'Sam Manager')).status).toBe(403);
    expect((await get(`/agents/${agent}/upgrades`, 'Sam Manager')).status).toBe(
      403,
    );
    expect((await get(`/upgrades/${uid}`, null)).status).toBe(401);
    expect((await get('/upgrades/no-such-upgrade', 'Vik Viewer')).status).toBe(
      404,
    );
    expect(
      (await get('/agents/no-such-agent/upgrades', 'Vik Viewer')).status,
    ).toBe(404);

    // the MCP tool reads through the same command
    const action = actions.get('pp-agent-upgrade-status');
    const read = await action.action({
      input: { upgrade_id: uid },
      credentials: mockCredentials.service(
        `pp-principal:${t.userIds['Vik Viewer']}`,
      ),
    });
    expect(read.output.upgrade).toMatchObject({
      upgrade_id: uid,
      status: 'pending',
    });
    await expect(
      action.action({
        input: { upgrade_id: uid },
        credentials: mockCredentials.service(
          `pp-principal:${t.userIds['Sam Manager']}`,
        ),
      }),
    ).rejects.toThrow(/need the role|not allowed/i);
    await post(`/upgrades/${uid}/abort`, { reason: 'test over' }, 'Ada Admin');
  });

  it('abort: roles, a reason, traffic back on blue, final is final', async () => {
    const agent = await productionReady('Abort Upgrade');
    const uid = await inCanary(agent);
    expect(
      (await post(`/upgrades/${uid}/abort`, { reason: 'stop' }, null)).status,
    ).toBe(401);
    for (const who of ['Vik Viewer', 'Sam Manager']) {
      expect(
        (await post(`/upgrades/${uid}/abort`, { reason: 'stop it' }, who))
          .status,
      ).toBe(403);
    }
    expect((await post(`/upgrades/${uid}/abort`, {}, 'Ian Infra')).status).toBe(
      400,
    );
    expect(
      (await post(`/upgrades/nope/abort`, { reason: 'stop it' }, 'Ian Infra'))
        .status,
    ).toBe(404);
    expect((await upgrade(uid)).status).toBe('canary');

    const res = await post(
      `/upgrades/${uid}/abort`,
      { reason: 'customer escalation' },
      'Ian Infra',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'rolled_back',
      rollback_reason: 'Aborted: customer escalation',
      traffic: { green_percent: 0 },
    });
    expect(res.body.steps.pop()).toMatchObject({
      to: 'rolled_back',
      action: 'abort',
      by: expect.stringContaining('user:'),
    });
    expect(await target.status(agent)).toMatchObject({
      weight: 0,
      phase: 'aborted',
    });
    const again = await post(
      `/upgrades/${uid}/abort`,
      { reason: 'again please' },
      'Ian Infra',
    );
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      'The rollout is rolled_back: there is nothing to abort',
    );
    expect((await t.audits('pp.upgrades.abort')).pop()).toMatchObject({
      outcome: 'success',
      reason: 'Aborted: customer escalation',
    });
    // a new upgrade may start once it is over
    expect(
      (
        await post(
          `/agents/${agent}/upgrades`,
          { to_version: '1.5.1' },
          'Olu Orchestrator',
        )
      ).status,
    ).toBe(201);
  });
});
