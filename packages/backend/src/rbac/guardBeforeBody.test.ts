import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  PP_ALERT_TYPES,
  PpBodyRoute,
  PpTicketDetail,
  ppBodyLimitBytes,
  ppBodyLimits,
} from '@internal/plugin-pp-common';
import {
  AuthService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ppSignedHeaders } from '@internal/plugin-pp-node';
import { createPpV1Resolver, ppV1Mounts } from '../ppV1';
import {
  concretePath,
  implementedPpEndpoints,
} from '../__testUtils__/contract';
import {
  PpTestBackend,
  ppTestEngines,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { serviceComponentYaml } from '../__testUtils__/catalogFiles';
import { ppUntil } from '../__testUtils__/until';

/*
 * Guard first, body second, through the whole production composition on SQLite and PostgreSQL:
 * every route that takes a body (ppBodyLimits, the contract's `body_limit`) answers a caller it
 * does not let through with 401/403, whatever the body (malformed JSON, over the limit, 20 MB), and
 * only a caller it lets through gets 400 for malformed JSON and 413 over the route's limit.
 * Also the contract's 10 MB for log batches, `If-Match: *` on tickets, and deeply nested log
 * attributes.
 */

jest.setTimeout(300_000);

interface Route {
  method: string;
  path: string;
  roles?: string[];
}
const contract: { endpoints: Route[] } = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../spec/api-catalog.yaml'),
    'utf8',
  ),
);
const rolesOf = (route: PpBodyRoute) =>
  contract.endpoints.find(e => `${e.method} ${e.path}` === route)?.roles ??
  // other_body_routes: ticket sub-resources and role-request decisions, never for viewers
  [];

const catalogYaml = serviceComponentYaml('svc-logs');

/** The signed webhooks' secret (`signed` routes: an HMAC of the body, no bearer token). */
const WEBHOOK_SECRET = 'guard-before-body-webhook-secret-0123456789';

const until = ppUntil({ intervalMs: 200, tries: 300 });

/** A JSON object of exactly `bytes` bytes. */
const jsonOfSize = (bytes: number) =>
  JSON.stringify({ pad: 'x'.repeat(bytes - '{"pad":""}'.length) });
const MALFORMED = '{"title": "unterminated';

describe.each(ppTestEngines())('guard before body (%s)', database => {
  let pp: PpTestBackend;
  let dir: string;
  let vik: string; // viewer
  let hari: string; // helpdesk_agent
  let serviceToken: string; // service principal of svc-logs
  let slaAuth: AuthService; // the SLA plugin's own service credentials
  // a knowledge webhook source: its route is signed with the source's own secret
  let knowledgeWebhook: { id: string; secret: string };

  /** A plugin-to-plugin token of pp-sla for the plugin that serves `route`. */
  const pluginBearer = async (route: PpBodyRoute) => {
    // `/api/<pluginId>/…`: the plugin that serves the route
    const target = createPpV1Resolver(ppV1Mounts)(
      concretePath(route.split(' ')[1]).slice('/pp/v1'.length),
    );
    const { token } = await slaAuth.getPluginRequestToken({
      onBehalfOf: await slaAuth.getOwnServiceCredentials(),
      targetPluginId: target!.split('/')[2],
    });
    return `Bearer ${token}`;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-body-catalog-'));
    const file = path.join(dir, 'services.yaml');
    fs.writeFileSync(file, catalogYaml);
    pp = await startPpTestBackend({
      database,
      features: [
        // the SLA plugin's auth service: its plugin-to-plugin tokens call `plugin` routes
        createBackendModule({
          pluginId: 'pp-sla',
          moduleId: 'test-auth',
          register(env) {
            env.registerInit({
              deps: { auth: coreServices.auth },
              async init({ auth }) {
                slaAuth = auth;
              },
            });
          },
        }),
      ],
      config: {
        pp: {
          health: { checkIntervalSeconds: 2, demo: { enabled: false } },
          orchestration: { genesis: { webhookSecret: WEBHOOK_SECRET } },
          knowledge: {
            retuning: { genesis: { webhookSecret: WEBHOOK_SECRET } },
          },
        },
        catalog: {
          rules: [{ allow: ['Component', 'Location'] }],
          locations: [{ type: 'file', target: file }],
          processingInterval: { seconds: 1 },
        },
      },
    });
    vik = await pp.bearer('vik.viewer@waooaw.com');
    hari = await pp.bearer('hari.helpdesk@waooaw.com');
    const user = await pp
      .http()
      .post('/pp/v1/users')
      .set('Authorization', pp.admin)
      .send({
        kind: 'service',
        name: 'svc-logs reporter',
        entity_ref: 'component:default/svc-logs',
      });
    const token = await pp
      .http()
      .post(`/pp/v1/users/${user.body.id}/api-tokens`)
      .set('Authorization', pp.admin)
      .send({ name: 'logs' });
    if (token.status !== 201) {
      throw new Error(`no service token: ${user.status} ${token.status}`);
    }
    serviceToken = `Bearer ${token.body.token}`;
    const source = await pp
      .http()
      .post('/pp/v1/industry-knowledge/sources')
      .set('Authorization', pp.admin)
      .send({
        name: 'Guard before body webhook',
        industry: 'marketing',
        type: 'webhook',
      });
    if (source.status !== 201) {
      throw new Error(`no knowledge webhook source: ${source.status}`);
    }
    knowledgeWebhook = {
      id: source.body.source.id,
      secret: source.body.webhook.secret,
    };
    await until(async () => {
      const res = await pp
        .http()
        .get('/pp/v1/health/microservices')
        .set('Authorization', pp.admin);
      return res.status === 200 && res.body.items.length === 1;
    }, 'svc-logs to be monitored');
  });

  afterAll(async () => {
    await pp?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const send = (
    route: PpBodyRoute,
    who: string | undefined,
    body: string,
    headers: Record<string, string> = {},
  ) => {
    const [method, contractPath] = route.split(' ');
    // a real alert type: the route checks its path before it reads the body
    const url = contractPath
      .replace('{alert_type}', PP_ALERT_TYPES[0])
      .replace(
        /^\/pp\/v1\/industry-knowledge\/webhooks\/\{source_id\}$/,
        `/pp/v1/industry-knowledge/webhooks/${knowledgeWebhook.id}`,
      )
      .replace(/\{[^}]+\}/g, 'x1');
    let req = method === 'PUT' ? pp.http().put(url) : pp.http().post(url);
    if (who) req = req.set('Authorization', who);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.set('Content-Type', 'application/json').send(body);
  };

  // the routes of the installed plugins (a plugin still to be installed answers 404 for all)
  const implemented = new Set(
    implementedPpEndpoints().map(e => `${e.method} ${e.path}`),
  );
  const routes = (Object.keys(ppBodyLimits) as PpBodyRoute[]).filter(
    r => implemented.has(r) || !rolesOf(r).length,
  );
  const isPublic = (r: PpBodyRoute) => rolesOf(r).includes('public');
  const forService = (r: PpBodyRoute) => rolesOf(r).includes('service');
  const isSigned = (r: PpBodyRoute) => rolesOf(r).includes('signed');
  const forPlugin = (r: PpBodyRoute) => rolesOf(r).includes('plugin');
  const viewerMay = (r: PpBodyRoute) =>
    ['public', 'authenticated', 'viewer'].some(x => rolesOf(r).includes(x));

  it.each(routes.filter(r => !isPublic(r)))(
    '%s: no token → 401 whatever the body (malformed, over the limit)',
    async route => {
      const over = ppBodyLimitBytes(ppBodyLimits[route]) + 1024;
      for (const body of [MALFORMED, jsonOfSize(over)]) {
        const res = await send(route, undefined, body);
        expect({ route, size: body.length, status: res.status }).toEqual({
          route,
          size: body.length,
          status: 401,
        });
        expect(res.body.error.name).toBe('AuthenticationError');
      }
    },
  );

  it.each(routes.filter(isSigned))(
    '%s: a bearer token, admin’s included, is no signature → 401 whatever the body',
    async route => {
      const over = ppBodyLimitBytes(ppBodyLimits[route]) + 1024;
      for (const who of [vik, pp.admin]) {
        for (const body of [MALFORMED, jsonOfSize(over)]) {
          const res = await send(route, who, body);
          expect({ route, size: body.length, status: res.status }).toEqual({
            route,
            size: body.length,
            status: 401,
          });
          expect(res.body.error.name).toBe('AuthenticationError');
        }
      }
    },
  );

  it.each(routes.filter(r => !isPublic(r) && !viewerMay(r) && !isSigned(r)))(
    '%s: a viewer (signed in, not allowed) → 403 whatever the body (malformed, over the limit)',
    async route => {
      const over = ppBodyLimitBytes(ppBodyLimits[route]) + 1024;
      for (const body of [MALFORMED, jsonOfSize(over)]) {
        const res = await send(route, vik, body);
        expect({ route, size: body.length, status: res.status }).toEqual({
          route,
          size: body.length,
          status: 403,
        });
        expect(res.body.error.name).toBe('NotAllowedError');
      }
    },
  );

  it.each(routes)(
    "%s: a caller it lets through → 413 one byte over the route's limit, 400 for malformed JSON",
    async route => {
      let who: string | undefined = pp.admin;
      if (isPublic(route)) who = undefined;
      if (forService(route)) who = serviceToken;
      if (isSigned(route)) who = undefined;
      // another PP plugin's own credentials (the `plugin` role): the SLA plugin's token
      if (forPlugin(route)) who = await pluginBearer(route);
      // a signed route reads the body once the signature headers are there and fresh
      const secret = route.includes('/industry-knowledge/webhooks/')
        ? knowledgeWebhook.secret
        : WEBHOOK_SECRET;
      const signed = (body: string) =>
        isSigned(route) ? ppSignedHeaders(secret, body) : {};
      const limit = ppBodyLimits[route];
      const overBody = jsonOfSize(ppBodyLimitBytes(limit) + 1);
      const over = await send(route, who, overBody, signed(overBody));
      expect({ route, status: over.status }).toEqual({ route, status: 413 });
      expect(over.body.error).toEqual(
        expect.objectContaining({
          name: 'PayloadTooLargeError',
          message: `The request body is larger than the ${limit} that ${route} accepts`,
        }),
      );
      const malformed = await send(route, who, MALFORMED, signed(MALFORMED));
      expect({ route, status: malformed.status }).toEqual({
        route,
        status: 400,
      });
      expect(malformed.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(/^The request body is not valid JSON/),
      });
    },
  );

  it('answers 401 to 20 MB without a token and 403 to 20 MB from a viewer, and audits the denial', async () => {
    const twenty = jsonOfSize(20 * 1024 * 1024);
    const anonymous = await send('POST /pp/v1/tickets', undefined, twenty);
    expect(anonymous.status).toBe(401);
    const logs = await send('POST /pp/v1/health/logs', undefined, twenty);
    expect(logs.status).toBe(401);
    const viewer = await send('POST /pp/v1/tickets', vik, twenty);
    expect(viewer.status).toBe(403);
    // people read a sentence with role titles; agents get the permission's name in its own field
    expect(viewer.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /^To open tickets you need the role Helpdesk Agent, Infrastructure Engineer or Admin; .+ has Viewer\.$/,
      ),
      permission: 'pp.tickets.create',
      allowed_roles: ['helpdesk_agent', 'infrastructure_engineer', 'admin'],
      roles: ['viewer'],
    });
    expect(viewer.body.error.message).not.toMatch(/pp\.|_/);

    const audit = await pp
      .http()
      .get('/pp/v1/audit?limit=100')
      .set('Authorization', pp.admin);
    expect(audit.status).toBe(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'pp.tickets.create',
        outcome: 'denied',
        resource: '/pp/v1/tickets',
      }),
    );
  });

  it('takes a 200 KB log batch from a service (the contract allows 10 MB)', async () => {
    const entries = Array.from({ length: 40 }, (_, i) => ({
      level: 'info',
      message: `${i} ${'y'.repeat(5000)}`,
    }));
    const body = JSON.stringify({ entries });
    expect(body.length).toBeGreaterThan(200_000);
    const res = await send('POST /pp/v1/health/logs', serviceToken, body);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 40 });
  });

  it('answers log attributes nested 7,000 levels deep with 400, not 500', async () => {
    const deep = `${'{"a":'.repeat(7000)}1${'}'.repeat(7000)}`;
    const res = await send(
      'POST /pp/v1/health/logs',
      serviceToken,
      `{"entries":[{"level":"info","message":"deep","attributes":${deep}}]}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'entries.0.attributes: must nest at most 10 levels deep',
      ),
    });
  });

  it('refuses If-Match: * on ticket writes (400: a concrete version is required) and writes nothing', async () => {
    const created = await pp
      .http()
      .post('/pp/v1/tickets')
      .set('Authorization', hari)
      .send({
        type: 'support',
        priority: 'low',
        title: 'If-Match star',
        description: 'A write must name the version it read.',
      });
    expect(created.status).toBe(201);
    const t = created.body as PpTicketDetail;
    const url = `/pp/v1/tickets/${t.id}`;

    const put = await pp
      .http()
      .put(url)
      .set('Authorization', hari)
      .set('If-Match', '*')
      .send({ title: 'Overwritten blind' });
    expect(put.status).toBe(400);
    expect(put.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^If-Match: \* is not accepted: a ticket write needs the concrete version you read/,
      ),
    });
    const transition = await pp
      .http()
      .post(`${url}/transition`)
      .set('Authorization', hari)
      .set('If-Match', 'W/"x", *')
      .send({ status: 'in_progress' });
    expect(transition.status).toBe(400);
    expect(transition.body.error.message).toMatch(
      /If-Match: \* is not accepted/,
    );

    const after = await pp.http().get(url).set('Authorization', hari);
    expect(after.body).toMatchObject({
      title: 'If-Match star',
      status: 'open',
      version: t.version,
    });
    // the ETag just read is accepted
    const ok = await pp
      .http()
      .put(url)
      .set('Authorization', hari)
      .set('If-Match', after.headers.etag)
      .send({ title: 'Edited with the version read' });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(t.version + 1);
  });
});
