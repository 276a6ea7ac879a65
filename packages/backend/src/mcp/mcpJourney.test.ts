import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { JsonObject } from '@backstage/types';
import {
  ppMicroserviceSchema,
  ppTicketListItemSchema,
} from '@internal/plugin-pp-common';
import { parse } from 'yaml';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { repoRoot, serviceComponentYaml } from '../__testUtils__/catalogFiles';
import { ppUntil } from '../__testUtils__/until';

/*
 * An AI agent's journey through MCP, black-box, on the production backend composition: a real MCP
 * client (`@modelcontextprotocol/sdk`, Streamable HTTP) connects to /api/mcp-actions/v1 with an
 * agent principal's API token, lists its tools, finds a degraded service through the health
 * tools, opens an incident for it, comments, and reads the ticket back. Principals whose roles do
 * not grant a tool's permission get an MCP error result, never data.
 *
 * The MCP server is configured as app-config.yaml configures it (`mcpActions`, and the plugins
 * whose actions it offers), so the tool names here are the production ones.
 */

jest.setTimeout(300_000);

const appConfig = parse(
  fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
);
const contract = parse(
  fs.readFileSync(path.join(repoRoot, 'spec/api-catalog.yaml'), 'utf8'),
);

/** Every tool a PP agent may be offered, by plugin. Reads and safe writes only. */
const PP_TOOLS = {
  'pp-users': ['pp-users-me', 'pp-roles-list', 'pp-users-list', 'pp-users-get'],
  'pp-health': [
    'pp-health-overview',
    'pp-health-services-list',
    'pp-health-services-get',
    'pp-health-alerts-list',
    'pp-health-queues-list',
    'pp-health-silences-list',
    'pp-health-silences-create',
    'pp-health-alerts-acknowledge',
    'pp-health-logs-query',
  ],
  'pp-helpdesk': [
    'pp-tickets-list',
    'pp-tickets-get',
    'pp-tickets-create',
    'pp-tickets-comment',
    'pp-tickets-assign',
    'pp-tickets-transition',
  ],
  'pp-subscriptions': [
    'pp-subscriptions-list',
    'pp-subscriptions-get',
    'pp-subscriptions-runs-list',
  ],
  'pp-orchestration': [
    'pp-agents-create',
    'pp-agents-creation-status',
    'pp-agents-cicd-pipeline',
    'pp-agent-handoff-queue',
    'pp-agents-readiness-get',
    'pp-agent-upgrade-status',
  ],
  'pp-sla': ['pp-sla-compliance', 'pp-sla-breaches', 'pp-ola-clocks'],
};
const PP_TOOL_NAMES = Object.values(PP_TOOLS).flat().sort();

/** The writes an agent may make through MCP; everything else of PP is a read. */
const PP_WRITE_TOOLS = [
  'pp-health-silences-create',
  'pp-health-alerts-acknowledge',
  'pp-agents-create',
  'pp-tickets-create',
  'pp-tickets-comment',
  'pp-tickets-assign',
  'pp-tickets-transition',
];

function must(res: { status: number; body: unknown }, status: number) {
  if (res.status !== status) {
    throw new Error(
      `expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`,
    );
  }
}

/** Two monitored services reporting by heartbeat only (no health URL, no demo data). */
function catalogFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-mcp-catalog-'));
  const file = path.join(dir, 'services.yaml');
  fs.writeFileSync(
    file,
    [
      serviceComponentYaml('svc-steady', { title: 'Steady service' }),
      serviceComponentYaml('svc-wobbly', { title: 'Wobbly service' }),
    ].join(''),
  );
  return { dir, file };
}

const until = ppUntil({ intervalMs: 250, tries: 240 });

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

describe.each(ppTestEngines())('an AI agent through MCP (%s)', database => {
  let pp: PpTestBackend;
  let catalog: ReturnType<typeof catalogFile>;
  const bearer: Record<string, string> = {};
  let opsAgentId: string;
  const clients: Client[] = [];

  const create = async (body: object) => {
    const res = await pp
      .http()
      .post('/pp/v1/users')
      .set('Authorization', pp.admin)
      .send(body);
    must(res, 201);
    return res.body as { id: string };
  };
  const mint = async (userId: string) => {
    const res = await pp
      .http()
      .post(`/pp/v1/users/${userId}/api-tokens`)
      .set('Authorization', pp.admin)
      .send({ name: 'mcp journey' });
    must(res, 201);
    return `Bearer ${res.body.token}`;
  };

  async function mcpClient(authorization: string) {
    const client = new Client({ name: 'pp-mcp-journey', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(
      new URL(`${pp.baseUrl}/api/mcp-actions/v1`),
      { requestInit: { headers: { Authorization: authorization } } },
    );
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  /** A call that must succeed: its structured output. */
  async function call(client: Client, name: string, args: object = {}) {
    const result = await client.callTool({ name, arguments: args as any });
    if (result.isError) {
      throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
    }
    return result.structuredContent as any;
  }
  const text = (result: ToolResult) =>
    (result.content as Array<{ type: string; text?: string }>)
      .map(c => c.text ?? '')
      .join('\n');

  beforeAll(async () => {
    catalog = catalogFile();
    pp = await startPpTestBackend({
      database,
      config: {
        // the MCP server and the plugins whose actions it offers, as in production
        mcpActions: appConfig.mcpActions,
        backend: { actions: appConfig.backend.actions },
        pp: {
          health: {
            checkIntervalSeconds: 1,
            alertIntervalSeconds: 1,
            demo: { enabled: false },
          },
          // the demo CP's subscriptions, without incidents opened in the helpdesk meanwhile
          subscriptions: { incidents: { enabled: false } },
        },
        catalog: {
          rules: [{ allow: ['Component', 'Location'] }],
          locations: [{ type: 'file', target: catalog.file }],
        },
      } as JsonObject,
    });

    const ops = await create({
      kind: 'agent',
      name: 'Ops agent',
      roles: ['infrastructure_engineer'],
    });
    opsAgentId = ops.id;
    bearer.opsAgent = await mint(ops.id);
    bearer.viewerAgent = await mint(
      (
        await create({ kind: 'agent', name: 'Viewer agent', roles: ['viewer'] })
      ).id,
    );
    bearer.subscriptionAgent = await mint(
      (
        await create({
          kind: 'agent',
          name: 'Subscriptions agent',
          roles: ['subscription_manager'],
        })
      ).id,
    );
    bearer.helpdeskAgent = await mint(
      (
        await create({
          kind: 'agent',
          name: 'Helpdesk agent',
          roles: ['helpdesk_agent'],
        })
      ).id,
    );
    const reporter = async (service: string) =>
      mint(
        (
          await create({
            kind: 'service',
            name: `${service} reporter`,
            entity_ref: `component:default/${service}`,
          })
        ).id,
      );
    bearer.steady = await reporter('svc-steady');
    bearer.wobbly = await reporter('svc-wobbly');

    // the catalog is read at every check run: wait until both services are monitored
    await until(async () => {
      const res = await pp
        .http()
        .get('/pp/v1/health/microservices')
        .set('Authorization', pp.admin);
      return res.status === 200 && res.body.items.length === 2;
    }, 'the catalog services');

    // the world the agent finds: one service up, one degraded, and an error in its logs
    const beat = async (who: string, body: object) =>
      must(
        await pp
          .http()
          .post('/pp/v1/health/heartbeats')
          .set('Authorization', who)
          .send(body),
        202,
      );
    await beat(bearer.steady, { status: 'up', response_time_ms: 20 });
    await beat(bearer.wobbly, { status: 'degraded', response_time_ms: 2400 });
    must(
      await pp
        .http()
        .post('/pp/v1/health/logs')
        .set('Authorization', bearer.wobbly)
        .send({
          entries: [
            { level: 'error', message: 'connection pool exhausted (wobbly)' },
          ],
        }),
      202,
    );
  });

  afterAll(async () => {
    for (const client of clients) await client.close().catch(() => {});
    await pp?.stop();
    if (catalog) fs.rmSync(catalog.dir, { recursive: true, force: true });
  });

  it('offers the PP tools by their production names, none of them destructive', async () => {
    const client = await mcpClient(bearer.opsAgent);
    const { tools } = await client.listTools();
    const names = tools.map(t => t.name);
    const ppNames = names.filter(n => n.startsWith('pp-')).sort();
    expect(ppNames).toEqual(PP_TOOL_NAMES);

    for (const tool of tools.filter(t => t.name.startsWith('pp-'))) {
      // written for a model: a title, a description that says what it returns, JSON schemas
      expect(tool.annotations?.title).toBeTruthy();
      expect(tool.description!.length).toBeGreaterThan(80);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.annotations?.destructiveHint).toBe(false);
      expect(tool.annotations?.readOnlyHint).toBe(
        !PP_WRITE_TOOLS.includes(tool.name),
      );
    }
    // role changes, approvals, token issuing, force actions: not tools
    expect(
      names.filter(n =>
        /role-(assign|revoke|request)|assign-role|revoke-role|approve|deny|token|force|cancel|users-(create|update)|threshold/.test(
          n,
        ),
      ),
    ).toEqual([]);
    // a destructive tool is only one the contract grants this role by name (catalog registrars)
    const explicit = (contract.mcp_actions as Array<{ action: string }>)
      .map(r => r.action)
      .filter(a => !a.includes('*'))
      .map(a => a.split(':')[1]);
    for (const tool of tools.filter(t => t.annotations?.destructiveHint)) {
      expect(explicit).toContain(tool.name);
    }
    // typed outputs, not bags of anything (the actions registry publishes them; the MCP
    // actions backend 0.2.x passes input schemas only to tools/list)
    const actions = await pp
      .http()
      .get('/api/pp-helpdesk/.backstage/actions/v1/actions')
      .set('Authorization', bearer.opsAgent);
    must(actions, 200);
    const get = actions.body.actions.find(
      (a: any) => a.name === 'pp-tickets-get',
    );
    expect(Object.keys(get.schema.output.properties.ticket.properties)).toEqual(
      expect.arrayContaining(['key', 'status', 'version', 'timeline']),
    );
    // the schemas are the contract's: its descriptions reach the model (input and output)
    expect(get.schema.output.properties.ticket.properties.key.description).toBe(
      ppTicketListItemSchema.shape.key.description,
    );
    const services = await pp
      .http()
      .get('/api/pp-health/.backstage/actions/v1/actions')
      .set('Authorization', bearer.opsAgent);
    must(services, 200);
    const list = services.body.actions.find(
      (a: any) => a.name === 'pp-health-services-list',
    );
    expect(
      list.schema.output.properties.items.items.properties.entity_ref
        .description,
    ).toBe(ppMicroserviceSchema.shape.entity_ref.description);
    expect(list.schema.input.properties.status.enum).toEqual([
      'up',
      'degraded',
      'down',
      'unknown',
    ]);
    const listTool = tools.find(t => t.name === 'pp-health-services-list')!;
    expect(
      (listTool.inputSchema.properties as any).service_id.description,
    ).toContain('payment-service');
    // the server tells the model where to start
    expect(client.getInstructions()).toContain('pp-users-me');
  });

  it('finds a degraded service, opens an incident for it, comments and reads it back', async () => {
    const client = await mcpClient(bearer.opsAgent);

    const me = await call(client, 'pp-users-me');
    expect(me.user).toMatchObject({
      id: opsAgentId,
      kind: 'agent',
      roles: ['infrastructure_engineer'],
    });
    expect(me.permissions).toEqual(
      expect.arrayContaining([
        'pp.health.read',
        'pp.tickets.create',
        'pp.tickets.update',
      ]),
    );

    const overview = await until(async () => {
      const o = (await call(client, 'pp-health-overview')).overview;
      return o.degraded >= 1 ? o : undefined;
    }, 'the overview to count a degraded service');
    expect(overview.service_count).toBe(2);

    const degraded = await call(client, 'pp-health-services-list', {
      status: 'degraded',
    });
    expect(degraded.items.map((s: any) => s.service_id)).toEqual([
      'svc-wobbly',
    ]);
    const service = degraded.items[0];
    expect(service.entity_ref).toBe('component:default/svc-wobbly');

    const detail = (
      await call(client, 'pp-health-services-get', {
        service_id: service.service_id,
        window: '1h',
      })
    ).service;
    expect(detail).toMatchObject({ service_id: 'svc-wobbly', window: '1h' });
    expect(detail.status).toBe('degraded');
    expect(detail.recent_checks[0]).toMatchObject({
      source: 'heartbeat',
      status: 'degraded',
    });

    const logs = await call(client, 'pp-health-logs-query', {
      service: service.service_id,
      levels: ['error'],
    });
    expect(logs.items.map((l: any) => l.message)).toEqual([
      'connection pool exhausted (wobbly)',
    ]);

    // no incident open for it yet
    const before = await call(client, 'pp-tickets-list', {
      entity_ref: service.entity_ref,
      status: ['open', 'in_progress', 'on_hold', 'escalated'],
    });
    expect(before.items).toEqual([]);

    const created = (
      await call(client, 'pp-tickets-create', {
        type: 'incident',
        priority: 'high',
        title: `${service.title} is degraded`,
        description: `${service.service_id}: ${detail.status_reason} Logs: ${logs.items[0].message}`,
        entity_ref: service.entity_ref,
      })
    ).ticket;
    expect(created).toMatchObject({
      type: 'incident',
      status: 'open',
      entity_ref: 'component:default/svc-wobbly',
      reporter: { id: opsAgentId, name: 'Ops agent' },
    });
    const key: string = created.key;
    expect(key).toMatch(/^TKT-\d+$/);

    await call(client, 'pp-tickets-comment', {
      ticket_id: key,
      body: 'Pool size doubled on one replica; watching the error rate.',
    });

    const read = (await call(client, 'pp-tickets-get', { ticket_id: key }))
      .ticket;
    expect(read).toMatchObject({
      key,
      entity_ref: 'component:default/svc-wobbly',
    });
    expect(read.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'comment',
          body: 'Pool size doubled on one replica; watching the error rate.',
          actor: expect.objectContaining({ id: opsAgentId }),
        }),
      ]),
    );
    const after = await call(client, 'pp-tickets-list', {
      entity_ref: service.entity_ref,
    });
    expect(after.items.map((t: any) => t.key)).toEqual([key]);

    // audited as the agent, through the actions, like the HTTP routes' writes
    const audit = await pp
      .http()
      .get('/pp/v1/audit?limit=200')
      .set('Authorization', pp.admin);
    must(audit, 200);
    const records = audit.body.items.filter(
      (r: any) => r.resource === `ticket:${key}`,
    );
    expect(records.map((r: any) => r.action).sort()).toEqual([
      'pp.tickets.comment',
      'pp.tickets.create',
    ]);
    for (const record of records) {
      expect(record).toMatchObject({
        outcome: 'success',
        principal: `user:pp/${opsAgentId}`, // PpPrincipal.ref
        details: expect.objectContaining({ via: 'actions' }),
      });
    }
  });

  it('answers a tool the caller may not use with an MCP error, not data', async () => {
    const ops = await mcpClient(bearer.opsAgent);
    // people are for admins only
    const people = await ops.callTool({ name: 'pp-users-list', arguments: {} });
    expect(people.isError).toBe(true);
    expect(people.structuredContent).toBeUndefined();
    expect(text(people)).toMatch(/^NotAllowedError: /);
    expect(text(people)).not.toContain('@waooaw.com');

    const helpdesk = await mcpClient(bearer.helpdeskAgent);
    const health = await helpdesk.callTool({
      name: 'pp-health-services-list',
      arguments: {},
    });
    expect(health.isError).toBe(true);
    expect(health.structuredContent).toBeUndefined();
    expect(text(health)).toMatch(/^NotAllowedError: /);
    expect(text(health)).not.toContain('svc-wobbly');

    const viewer = await mcpClient(bearer.viewerAgent);
    const logs = await viewer.callTool({
      name: 'pp-health-logs-query',
      arguments: { service: 'svc-wobbly' },
    });
    expect(logs.isError).toBe(true);
    expect(text(logs)).not.toContain('connection pool');
    const write = await viewer.callTool({
      name: 'pp-tickets-create',
      arguments: {
        type: 'incident',
        priority: 'low',
        title: 'A viewer may not open tickets',
        description: 'refused',
      },
    });
    expect(write.isError).toBe(true);
    expect(text(write)).toMatch(/^NotAllowedError: /);
    // the viewer reads what viewers read
    const list = await call(viewer, 'pp-tickets-list', {
      q: 'viewer may not open',
    });
    expect(list.items).toEqual([]);

    // refusals are audited as denied, under the tool's name
    const audit = await pp
      .http()
      .get('/pp/v1/audit?limit=200')
      .set('Authorization', pp.admin);
    must(audit, 200);
    expect(
      audit.body.items.filter(
        (r: any) =>
          r.outcome === 'denied' &&
          ['pp-users-list', 'pp-health-services-list'].includes(r.action),
      ),
    ).toHaveLength(2);
  });

  it('reads a subscription and audits its runs with a reason; a viewer sees the subscription, not the runs', async () => {
    const agent = await mcpClient(bearer.subscriptionAgent);
    const { subscription } = await call(agent, 'pp-subscriptions-get', {
      subscription_id: 'demo-sub-007',
    });
    expect(subscription).toMatchObject({
      id: 'demo-sub-007',
      customer_name: expect.any(String),
    });
    expect(subscription.runs_per_day).toHaveLength(30);

    const noReason = await agent.callTool({
      name: 'pp-subscriptions-runs-list',
      arguments: { subscription_id: 'demo-sub-007' },
    });
    expect(noReason.isError).toBe(true);
    const runs = await call(agent, 'pp-subscriptions-runs-list', {
      subscription_id: 'demo-sub-007',
      reason: 'Investigating the failed runs (MCP journey)',
      status: ['failed'],
      limit: 5,
    });
    expect(runs.items).toHaveLength(5);
    for (const run of runs.items) {
      expect(run.status).toBe('failed');
      // allow-listed fields only
      expect(Object.keys(run).sort()).toEqual(
        [
          'actions',
          'agent_id',
          'created_at',
          'error_message',
          'finished_at',
          'id',
          'inputs',
          'outputs',
          'started_at',
          'status',
        ].sort(),
      );
    }
    expect(JSON.stringify(runs)).not.toMatch(
      /DEMO SECRET|industry_data|strategic/i,
    );

    const viewer = await mcpClient(bearer.viewerAgent);
    await call(viewer, 'pp-subscriptions-get', {
      subscription_id: 'demo-sub-007',
    });
    const refused = await viewer.callTool({
      name: 'pp-subscriptions-runs-list',
      arguments: { subscription_id: 'demo-sub-007', reason: 'just curious' },
    });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/^NotAllowedError: /);

    // the forensic read is in the audit log with who, which subscription and why
    const audit = await pp
      .http()
      .get('/pp/v1/audit?limit=200')
      .set('Authorization', pp.admin);
    must(audit, 200);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'pp.subscriptions.agent-runs.read',
          outcome: 'success',
          resource: 'subscription:demo-sub-007',
          reason: 'Investigating the failed runs (MCP journey)',
        }),
      ]),
    );
  });
});
