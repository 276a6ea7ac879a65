import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  PpAudience,
  ppBackstageRouteRules,
  ppMcpActionRules,
} from '@internal/plugin-pp-common';
import { parse } from 'yaml';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { repoRoot } from '../__testUtils__/catalogFiles';

/*
 * Access hardening, black-box: every kind of principal (person by user token, person by API token,
 * agent, role-less service, PP_ADMIN_TOKEN, deactivated, revoked, logged out) against the sensitive
 * routes of Backstage's own plugins and through MCP, on the production backend composition.
 */

jest.setTimeout(300_000);

const contract = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../spec/api-catalog.yaml'),
    'utf8',
  ),
);

/** Set-up steps fail loudly (expect() belongs in tests). */
function must(res: { status: number; body: unknown }, status: number) {
  if (res.status !== status) {
    throw new Error(
      `expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`,
    );
  }
}

const audience = (roles: string[]): PpAudience =>
  roles.includes('authenticated') ? 'authenticated' : (roles as any);

describe('the contract copy states the Backstage access tables', () => {
  it('backstage_access equals the route table the gate applies', () => {
    expect(
      contract.backstage_access.map((r: any) => ({
        method: r.method,
        path: r.path,
        allow: audience(r.roles),
      })),
    ).toEqual(ppBackstageRouteRules);
  });

  it('mcp_actions equals the action table the actions service applies', () => {
    expect(
      contract.mcp_actions.map((r: any) => ({
        action: r.action,
        allow: audience(r.roles),
      })),
    ).toEqual(ppMcpActionRules);
  });
});

describe.each(ppTestEngines())('access hardening (%s)', database => {
  let pp: PpTestBackend;
  const bearer: Record<string, string> = {};
  let paymentUid: string;

  const create = async (body: object) => {
    const res = await pp
      .http()
      .post('/pp/v1/users')
      .set('Authorization', pp.admin)
      .send(body);
    must(res, 201);
    return res.body;
  };
  const mint = async (userId: string) => {
    const res = await pp
      .http()
      .post(`/pp/v1/users/${userId}/api-tokens`)
      .set('Authorization', pp.admin)
      .send({ name: 'access test' });
    must(res, 201);
    return res.body as { id: string; token: string };
  };
  const userByEmail = async (email: string) => {
    const res = await pp
      .http()
      .get(`/pp/v1/users?q=${encodeURIComponent(email)}`)
      .set('Authorization', pp.admin);
    return res.body.items.find((u: any) => u.email === email);
  };

  beforeAll(async () => {
    pp = await startPpTestBackend({
      database,
      config: {
        // as in app-config.yaml: the plugins whose actions MCP offers
        backend: {
          actions: {
            pluginSources: ['catalog', 'pp-users', 'pp-health', 'pp-helpdesk'],
          },
        },
        catalog: {
          rules: [{ allow: ['Component', 'System', 'Group', 'Location'] }],
          locations: [
            { type: 'file', target: path.join(repoRoot, 'catalog-info.yaml') },
          ],
        },
      },
    });
    bearer.admin = pp.admin;
    bearer.viewerPerson = await pp.bearer('vik.viewer@waooaw.com');
    bearer.adminPerson = await pp.bearer('founder@waooaw.com');
    bearer.infraPerson = await pp.bearer('ines.infra@waooaw.com');
    bearer.helpdeskPerson = await pp.bearer('hari.helpdesk@waooaw.com');
    const vik = await userByEmail('vik.viewer@waooaw.com');
    bearer.viewerPersonApiToken = `Bearer ${(await mint(vik.id)).token}`;

    const viewerAgent = await create({
      kind: 'agent',
      name: 'Viewer agent',
      roles: ['viewer'],
      entity_ref: 'component:default/genesis-validator',
    });
    bearer.viewerAgent = `Bearer ${(await mint(viewerAgent.id)).token}`;
    const helpdeskAgent = await create({
      kind: 'agent',
      name: 'Helpdesk agent',
      roles: ['helpdesk_agent'],
      entity_ref: 'component:default/genesis-validator',
    });
    bearer.helpdeskAgent = `Bearer ${(await mint(helpdeskAgent.id)).token}`;
    const registrar = await create({
      kind: 'agent',
      name: 'Registrar agent',
      roles: ['agent_orchestrator'],
      entity_ref: 'component:default/genesis-validator',
    });
    bearer.registrarAgent = `Bearer ${(await mint(registrar.id)).token}`;
    const service = await create({
      kind: 'service',
      name: 'payment-service reporter',
      entity_ref: 'component:default/payment-service',
    });
    bearer.service = `Bearer ${(await mint(service.id)).token}`;

    const retired = await create({
      kind: 'agent',
      name: 'Retired agent',
      roles: ['infrastructure_engineer'],
      entity_ref: 'component:default/genesis-validator',
    });
    bearer.deactivated = `Bearer ${(await mint(retired.id)).token}`;
    const off = await pp
      .http()
      .put(`/pp/v1/users/${retired.id}`)
      .set('Authorization', pp.admin)
      .send({ status: 'inactive', version: retired.version });
    must(off, 200);

    const revokedToken = await mint(registrar.id);
    bearer.revoked = `Bearer ${revokedToken.token}`;
    const revoke = await pp
      .http()
      .delete(`/pp/v1/users/${registrar.id}/api-tokens/${revokedToken.id}`)
      .set('Authorization', pp.admin);
    must(revoke, 204);

    bearer.loggedOut = await pp.bearer('ines.infra@waooaw.com');
    const logout = await pp
      .http()
      .post('/pp/v1/auth/logout')
      .set('Authorization', bearer.loggedOut);
    must(logout, 204);

    // the catalog has ingested the seed entities by the time the admin can read one
    for (let i = 0; i < 60 && !paymentUid; i++) {
      const res = await pp
        .http()
        .get('/api/catalog/entities/by-name/component/default/payment-service')
        .set('Authorization', pp.admin);
      paymentUid = res.body?.metadata?.uid;
      if (!paymentUid) await new Promise(r => setTimeout(r, 1000));
    }
    if (!paymentUid)
      throw new Error('the catalog never ingested payment-service');
  });

  afterAll(async () => {
    await pp?.stop();
  });

  const outcome = (res: { status: number; body: any }) => {
    if (res.status === 401 || res.status === 403) {
      expect(res.body?.error?.name).toBe(
        res.status === 401 ? 'AuthenticationError' : 'NotAllowedError',
      );
      return res.status;
    }
    expect(res.status).toBeLessThan(500);
    return 'allowed';
  };

  // [caller, expected] per route; `allowed` is any 2xx or a 4xx from validation, never 5xx
  type Row = [string, 'allowed' | 401 | 403];
  const ended: Row[] = [
    ['nobody', 401],
    ['deactivated', 401],
    ['revoked', 401],
    ['loggedOut', 401],
  ];

  it.each<Row>([
    ['admin', 'allowed'],
    ['viewerPerson', 'allowed'],
    ['viewerPersonApiToken', 'allowed'],
    ['viewerAgent', 'allowed'],
    ['service', 'allowed'],
    ...ended,
  ])('GET /api/catalog/entities as %s → %s', async (caller, want) => {
    const res = await pp
      .http()
      .get('/api/catalog/entities?limit=1')
      .set('Authorization', bearer[caller] ?? '');
    expect(outcome(res)).toBe(want);
  });

  it.each<Row>([
    ['viewerPerson', 403],
    ['viewerPersonApiToken', 403],
    ['viewerAgent', 403],
    ['helpdeskAgent', 403],
    ['helpdeskPerson', 403],
    ['service', 403],
    ...ended,
  ])(
    'DELETE /api/catalog/entities/by-uid/<uid> as %s → %s, and the entity stays',
    async (caller, want) => {
      const res = await pp
        .http()
        .delete(`/api/catalog/entities/by-uid/${paymentUid}`)
        .set('Authorization', bearer[caller] ?? '');
      expect(outcome(res)).toBe(want);
      const still = await pp
        .http()
        .get(`/api/catalog/entities/by-uid/${paymentUid}`)
        .set('Authorization', pp.admin);
      expect(still.status).toBe(200);
    },
  );

  it('lets a registrar through to the catalog for a delete (unknown uid: 204, not 403)', async () => {
    const res = await pp
      .http()
      .delete(
        '/api/catalog/entities/by-uid/00000000-0000-4000-8000-000000000000',
      )
      .set('Authorization', bearer.registrarAgent);
    expect(res.status).toBe(204);
  });

  it.each<Row>([
    ['registrarAgent', 'allowed'],
    ['viewerPerson', 403],
    ['viewerAgent', 403],
    ['helpdeskAgent', 403],
    ['service', 403],
    ['infraPerson', 'allowed'],
    ['adminPerson', 'allowed'],
    ['helpdeskPerson', 403],
    ...ended,
  ])(
    'POST /api/catalog/locations (dry run) as %s → %s',
    async (caller, want) => {
      const res = await pp
        .http()
        .post('/api/catalog/locations?dryRun=true')
        .set('Authorization', bearer[caller] ?? '')
        .send({ type: 'url', target: 'http://127.0.0.1:9/catalog-info.yaml' });
      expect(outcome(res)).toBe(want);
    },
  );

  it.each<Row>([
    ['registrarAgent', 'allowed'],
    ['viewerAgent', 403],
    ['viewerPersonApiToken', 403],
    ['service', 403],
    ...ended,
  ])('POST /api/catalog/refresh as %s → %s', async (caller, want) => {
    const res = await pp
      .http()
      .post('/api/catalog/refresh')
      .set('Authorization', bearer[caller] ?? '')
      .send({ entityRef: 'component:default/payment-service' });
    expect(outcome(res)).toBe(want);
  });

  it.each<Row>([
    ['admin', 'allowed'],
    ['registrarAgent', 403],
    ['viewerAgent', 403],
    ['viewerPersonApiToken', 403],
    ['service', 403],
    ...ended,
  ])(
    'POST /api/notifications/notifications as %s → %s',
    async (caller, want) => {
      const res = await pp
        .http()
        .post('/api/notifications/notifications')
        .set('Authorization', bearer[caller] ?? '')
        .send({
          recipients: { type: 'entity', entityRef: 'user:default/nobody' },
          payload: { title: 'Please re-enter your password', link: '/x' },
        });
      expect(outcome(res)).toBe(want);
    },
  );

  it('refuses PP tokens on Backstage routes the contract does not list, and audits it', async () => {
    const res = await pp
      .http()
      .post('/api/permission/authorize')
      .set('Authorization', bearer.viewerAgent)
      .send({ items: [] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /not open to Platform Portal tokens/,
    );
    const audit = await pp
      .http()
      .get('/pp/v1/audit?limit=50')
      .set('Authorization', pp.admin);
    expect(
      audit.body.items.some(
        (r: any) =>
          r.outcome === 'denied' && r.resource === '/api/permission/authorize',
      ),
    ).toBe(true);
  });

  it("narrows a PP token's search to the document types its roles may read", async () => {
    const people = await pp
      .http()
      .get('/api/search/query?term=waooaw&types=pp-user')
      .set('Authorization', bearer.viewerAgent);
    expect(people.status).toBe(403);
    expect(people.body.error.message).toMatch(/may not search pp-user/);
    // the catalog's search index is built by a scheduled task shortly after start
    let everything = await pp
      .http()
      .get('/api/search/query?term=payment')
      .set('Authorization', bearer.viewerAgent);
    for (let i = 0; i < 120 && !everything.body?.results?.length; i++) {
      await new Promise(r => setTimeout(r, 500));
      everything = await pp
        .http()
        .get('/api/search/query?term=payment')
        .set('Authorization', bearer.viewerAgent);
    }
    expect(everything.status).toBe(200);
    expect(
      everything.body.results.filter((r: any) => r.type === 'pp-user'),
    ).toEqual([]);
    // the admin may search people: allowed (before the people index is first built, a 503 that
    // says so, with Retry-After; never a 5xx of another kind, never a 403)
    const asAdmin = await pp
      .http()
      .get('/api/search/query?term=waooaw&types=pp-user')
      .set('Authorization', pp.admin);
    const answer =
      asAdmin.status === 200
        ? 'found'
        : `${asAdmin.status} retry-after=${asAdmin.headers['retry-after']} ${asAdmin.body?.error?.message}`;
    expect(answer).toMatch(
      /^(found|503 retry-after=\d+ .*still being built.*)$/,
    );
  });

  it("holds a person's API token to the person's roles on /pp/v1", async () => {
    const grant = await pp
      .http()
      .post('/pp/v1/users')
      .set('Authorization', bearer.viewerPersonApiToken)
      .send({
        kind: 'user',
        name: 'x',
        email: 'x@waooaw.com',
        roles: ['admin'],
      });
    expect(grant.status).toBe(403);
    const audit = await pp
      .http()
      .get('/pp/v1/audit')
      .set('Authorization', bearer.viewerPersonApiToken);
    expect(audit.status).toBe(403);
  });

  it('ends a session everywhere at logout, MCP included', async () => {
    const res = await pp
      .http()
      .post('/api/mcp-actions/v1')
      .set('Authorization', bearer.loggedOut)
      .set('Accept', 'application/json, text/event-stream')
      .send({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(res.status).toBe(401);
  });

  async function mcpClient(authorization: string) {
    const client = new Client({ name: 'pp-access-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(
      new URL(`${pp.baseUrl}/api/mcp-actions/v1`),
      { requestInit: { headers: { Authorization: authorization } } },
    );
    await client.connect(transport);
    return client;
  }
  const toolNamed = (tools: Array<{ name: string }>, suffix: string) =>
    tools.find(t => t.name === suffix || t.name.endsWith(suffix))?.name;

  it('serves MCP tools to an agent by its API token, as itself', async () => {
    const client = await mcpClient(bearer.helpdeskAgent);
    try {
      const { tools } = await client.listTools();
      const names = tools.map(t => t.name);
      expect(toolNamed(tools, 'pp-tickets-create')).toBeDefined();
      expect(toolNamed(tools, 'pp-tickets-list')).toBeDefined();
      // catalog changes are not for a helpdesk agent: not even listed
      expect(names.some(n => n.includes('unregister-entity'))).toBe(false);

      const list = await client.callTool({
        name: toolNamed(tools, 'pp-tickets-list')!,
        arguments: {},
      });
      expect(list.isError).toBeFalsy();

      const title = `MCP ticket ${database}`;
      const created = await client.callTool({
        name: toolNamed(tools, 'pp-tickets-create')!,
        arguments: {
          type: 'incident',
          priority: 'medium',
          title,
          description: 'Opened by an agent through MCP.',
        },
      });
      expect(created.isError).toBeFalsy();
      const audit = await pp
        .http()
        .get('/pp/v1/audit?limit=100')
        .set('Authorization', pp.admin);
      const record = audit.body.items.find(
        (r: any) =>
          r.action === 'pp.tickets.create' && r.details?.via === 'actions',
      );
      expect(record).toBeDefined();
      expect(record.principal).toMatch(/^user:pp\//);

      // the PP guard still decides per permission: a helpdesk agent reads no health data
      const health = toolNamed(tools, 'pp-health-overview');
      expect(health).toBeDefined();
      const refused = await client.callTool({ name: health!, arguments: {} });
      expect(refused.isError).toBe(true);
      expect(JSON.stringify(refused.content)).toMatch(
        /To see service health you need the role Infrastructure Engineer, Viewer or Admin/,
      );
    } finally {
      await client.close();
    }
  });

  it('refuses catalog-changing MCP tools to a viewer agent, listed or not', async () => {
    const admin = await mcpClient(pp.admin);
    let unregister: string | undefined;
    try {
      unregister = toolNamed(
        (await admin.listTools()).tools,
        'unregister-entity',
      );
    } finally {
      await admin.close();
    }
    expect(unregister).toBeDefined();

    const client = await mcpClient(bearer.viewerAgent);
    try {
      const { tools } = await client.listTools();
      expect(tools.some(t => t.name === unregister)).toBe(false);
      expect(toolNamed(tools, 'get-catalog-entity')).toBeDefined();
      // called by name all the same: refused, and the entity stays
      const refused = await client
        .callTool({
          name: unregister!,
          arguments: {
            type: 'entity',
            entityRef: 'component:default/payment-service',
          },
        })
        .catch(error => ({ isError: true, content: String(error) }));
      expect(refused.isError).toBe(true);
    } finally {
      await client.close();
    }
    const still = await pp
      .http()
      .get(`/api/catalog/entities/by-uid/${paymentUid}`)
      .set('Authorization', pp.admin);
    expect(still.status).toBe(200);
  });

  it('refuses a direct invoke of a catalog action by a PP token (actions service)', async () => {
    const res = await pp
      .http()
      .post(
        '/api/catalog/.backstage/actions/v1/actions/catalog:unregister-entity/invoke',
      )
      .set('Authorization', bearer.viewerAgent)
      .send({ type: 'entity', entityRef: 'component:default/payment-service' });
    expect(res.status).toBe(403);
  });
});
