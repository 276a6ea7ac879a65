import { mockCredentials } from '@backstage/backend-test-utils';
import {
  PP_READINESS_PARAMETERS,
  ppAgentReadinessSchema,
} from '@internal/plugin-pp-common';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { orchestrationTestApp } from './__testUtils__/orchestrationTestApp';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const demoSettings = {
  agent_id: 'x',
  source: 'demo_customer_portal' as const,
  subscriptions: [
    {
      subscription_id: 'demo-sub-001',
      customer_name: 'Demo Bakery Ltd',
      working_hours: {
        days: ['mon' as const, 'fri' as const],
        start: '09:00',
        end: '18:00',
        timezone: 'Asia/Kolkata',
      },
      approval_threshold: { amount: 500, currency: 'USD' },
      data_freshness_hours: 24,
      error_tolerance_percent: 5,
      budget_limit: { amount: 300, currency: 'USD', period: 'month' as const },
      updated_at: '2026-12-01T00:00:00.000Z',
    },
  ],
};

describe.each(databases.eachSupportedId())('agent readiness (%s)', id => {
  let t: Awaited<ReturnType<typeof orchestrationTestApp>>;

  beforeAll(async () => {
    t = await orchestrationTestApp(await databases.init(id));
  });

  const read = (agent: string, who: string | null = 'Vik Viewer') =>
    t.get(`/agents/${agent}/readiness`, who);
  const put = (
    agent: string,
    body: object,
    who: string | null = 'Olu Orchestrator',
  ) => t.put(`/agents/${agent}/readiness`, body, who);
  const value = (body: any, path: string) =>
    body.parameters.find((p: any) => `${p.group}.${p.key}` === path);

  it('reads the config defaults with their source for every reading role; 401, 403, 404', async () => {
    const agent = await t.approvedAgent('Ready Reader');
    for (const who of [
      'Vik Viewer',
      'Olu Orchestrator',
      'Ian Infra',
      'Ada Admin',
    ]) {
      const res = await read(agent, who);
      expect(res.status).toBe(200);
      expect(ppAgentReadinessSchema.safeParse(res.body).success).toBe(true);
    }
    const res = await read(agent);
    expect(res.body.platform).toEqual({
      rate_limits: { api_calls_per_minute: 100, llm_tokens_per_hour: 50_000 },
      quotas: { concurrent_executions: 5, memory_gb: 2, cpu: 2 },
      monitoring: {
        check_interval_seconds: 30,
        log_retention_days: 183,
        metric_retention_days: 7,
      },
    });
    expect(res.body.parameters).toHaveLength(PP_READINESS_PARAMETERS.length);
    expect(
      res.body.parameters.every((p: any) => p.source === 'config_default'),
    ).toBe(true);
    expect(res.body.version).toBe(0);
    expect(res.body.history).toEqual([]);
    // the customer portal could not be read: said in a sentence, the rest still answers
    expect(res.body.customer).toEqual({
      status: 'unavailable',
      source: null,
      message: 'The Customer Portal is not reachable.',
      subscriptions: [],
    });

    expect((await read(agent, null)).status).toBe(401);
    const denied = await read(agent, 'Sam Manager');
    expect(denied.status).toBe(403);
    expect(denied.body.error.name).toBe('NotAllowedError');
    expect((await read('no-such-agent')).status).toBe(404);
    expect((await read('Bad Id!')).status).toBe(400);
  });

  it('shows the customers’ settings from the Customer Portal', async () => {
    const agent = await t.approvedAgent('Customer Reader');
    t.customer.result = {
      ok: true,
      settings: { ...demoSettings, agent_id: agent },
    };
    try {
      const res = await read(agent);
      expect(res.body.customer).toEqual({
        status: 'available',
        source: 'demo_customer_portal',
        message: null,
        subscriptions: demoSettings.subscriptions,
      });
      expect(t.customer.asked).toContain(agent);
    } finally {
      t.customer.result = {
        ok: false,
        message: 'The Customer Portal is not reachable.',
      };
    }
  });

  it('overrides with a reason: versioned, attributed, audited; back to the default with null', async () => {
    const agent = await t.approvedAgent('Ready Override');
    t.clock.now = new Date('2026-12-22T10:00:00Z');
    const first = await put(agent, {
      overrides: {
        rate_limits: { api_calls_per_minute: 250 },
        quotas: { memory_gb: 4.5 },
      },
      reason: 'Bulk lead import needs more headroom',
    });
    expect(first.status).toBe(200);
    expect(first.body.platform.rate_limits.api_calls_per_minute).toBe(250);
    expect(first.body.platform.quotas.memory_gb).toBe(4.5);
    expect(first.body.version).toBe(1);
    const api = value(first.body, 'rate_limits.api_calls_per_minute');
    expect(api).toMatchObject({
      value: 250,
      default: 100,
      source: 'override',
      override: {
        version: 1,
        by_name: 'Olu Orchestrator',
        at: '2026-12-22T10:00:00.000Z',
        reason: 'Bulk lead import needs more headroom',
      },
    });
    expect(value(first.body, 'quotas.cpu').source).toBe('config_default');

    t.clock.now = new Date('2026-12-22T11:00:00Z');
    const second = await put(
      agent,
      {
        overrides: {
          rate_limits: { api_calls_per_minute: null },
          monitoring: { log_retention_days: 365 },
        },
        reason: 'Regulated customer: keep logs a year',
      },
      'Ada Admin',
    );
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(2);
    expect(
      value(second.body, 'rate_limits.api_calls_per_minute'),
    ).toMatchObject({
      value: 100,
      source: 'config_default',
    });
    expect(
      value(second.body, 'rate_limits.api_calls_per_minute').override,
    ).toBeUndefined();
    // memory keeps the first override's attribution; retention the second's
    expect(value(second.body, 'quotas.memory_gb').override).toMatchObject({
      version: 1,
      by_name: 'Olu Orchestrator',
    });
    expect(
      value(second.body, 'monitoring.log_retention_days').override,
    ).toMatchObject({
      version: 2,
      by_name: 'Ada Admin',
      reason: 'Regulated customer: keep logs a year',
    });
    expect(second.body.history.map((h: any) => h.version)).toEqual([2, 1]);
    expect(second.body.history[0].changes).toEqual([
      { path: 'rate_limits.api_calls_per_minute', value: null },
      { path: 'monitoring.log_retention_days', value: 365 },
    ]);
    // what the deployment manifest gets
    expect(await t.readiness.effectiveReadiness(agent)).toEqual(
      second.body.platform,
    );
    expect(
      await t.readiness.effectiveReadiness('no-such-agent'),
    ).toBeUndefined();

    const audits = (await t.audits('pp.agents.readiness.update')).filter(
      a => a.resource === `agent:${agent}` && a.outcome === 'success',
    );
    expect(audits).toHaveLength(2);
    expect(audits[1].reason).toBe('Regulated customer: keep logs a year');
    expect(audits[1].details.changes).toEqual(second.body.history[0].changes);
  });

  it('refuses: other roles (nothing written), no reason, out of bounds, unknown keys, no change, unknown agent', async () => {
    const agent = await t.approvedAgent('Ready Refused');
    const ok = {
      overrides: { quotas: { cpu: 3 } },
      reason: 'Needs a third CPU for OCR',
    };
    expect((await put(agent, ok, null)).status).toBe(401);
    for (const who of ['Vik Viewer', 'Ian Infra', 'Sam Manager']) {
      const res = await put(agent, ok, who);
      expect(res.status).toBe(403);
    }
    for (const bad of [
      { overrides: { quotas: { cpu: 3 } } },
      { overrides: { quotas: { cpu: 3 } }, reason: 'short' },
      { overrides: { quotas: { cpu: 1000 } }, reason: ok.reason },
      { overrides: { quotas: { cpu: 0 } }, reason: ok.reason },
      {
        overrides: { quotas: { concurrent_executions: 2.5 } },
        reason: ok.reason,
      },
      { overrides: { quotas: { gpu: 1 } }, reason: ok.reason },
      { overrides: { storage: { gb: 1 } }, reason: ok.reason },
      { overrides: { quotas: { cpu: '3' } }, reason: ok.reason },
      // nothing to change
      { overrides: {}, reason: ok.reason },
      { overrides: { quotas: { cpu: null } }, reason: ok.reason },
    ]) {
      const res = await put(agent, bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(res.body.error.name).toBe('InputError');
    }
    expect((await read(agent)).body.version).toBe(0);
    expect((await put('no-such-agent', ok)).status).toBe(404);

    expect((await put(agent, ok)).status).toBe(200);
    // the same value again changes nothing
    expect((await put(agent, ok)).status).toBe(400);
  });

  it('refuses to change the readiness of an agent Genesis rejected, for every role (409, nothing written)', async () => {
    const res = await t.post(
      '/agents/create',
      {
        agent_name: 'Ready Broker',
        industry: 'sales',
        specialty: 'lead-prospecting',
        serves: 'waooaw',
        shares_customer_data_with: ['waooaw'],
      },
      'Olu Orchestrator',
    );
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('genesis_rejected');
    const agent = res.body.agent_id as string;
    for (const who of ['Olu Orchestrator', 'Ada Admin']) {
      const refused = await put(
        agent,
        {
          overrides: { quotas: { cpu: 3 } },
          reason: 'Needs a third CPU for OCR',
        },
        who,
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error).toEqual({
        name: 'ConflictError',
        message: expect.stringMatching(
          /Ready Broker was rejected by Genesis, which is final/,
        ),
      });
    }
    const unchanged = await read(agent);
    expect(unchanged.status).toBe(200);
    expect(unchanged.body.version).toBe(0);
  });

  it('MCP action reads the same as the route; people without the role are refused', async () => {
    const agent = await t.approvedAgent('Ready Action');
    const action = t.actions.get('pp-agents-readiness-get');
    expect(action.attributes.readOnly).toBe(true);
    const as = (who: string) =>
      mockCredentials.service(`pp-principal:${t.userIds[who]}`);
    const out = await action.action({
      input: { agent_id: agent },
      credentials: as('Ian Infra'),
    });
    expect(out.output.readiness).toEqual((await read(agent)).body);
    await expect(
      action.action({
        input: { agent_id: agent },
        credentials: as('Sam Manager'),
      }),
    ).rejects.toThrow();
    // overriding needs a person with a reason: no write action
    expect(t.actions.has('pp-agents-readiness-update')).toBe(false);
  });
});
