import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import {
  createTestPpGuard,
  ppTestDatabases,
} from '@internal/plugin-pp-node/testUtils';
import {
  ppLogIngestResponseSchema,
  ppLogQueryResultSchema,
} from '@internal/plugin-pp-common';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { migrateHealthData } from './__testUtils__/healthDataDb';
import { DatabaseLogStore } from './DatabaseLogStore';
import { logsApi } from './logsApi';
import { createLogsRouter } from './router';

jest.setTimeout(60_000);
const databases = ppTestDatabases();
const NOW = new Date('2026-11-25T10:00:00.000Z');

describe.each(databases.eachSupportedId())('logs routes (%s)', id => {
  let app: express.Express;
  let knex: Knex;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    knex = await databases.init(id);
    await migrateHealthData(knex);
    const test = await createTestPpGuard(knex, [
      { name: 'infra', kind: 'agent', roles: ['infrastructure_engineer'] },
      { name: 'admin', kind: 'agent', roles: ['admin'] },
      { name: 'viewer', kind: 'agent', roles: ['viewer'] },
      {
        name: 'payment',
        kind: 'service',
        entityRef: 'component:default/payment-service',
      },
      {
        name: 'stranger',
        kind: 'service',
        entityRef: 'component:default/not-monitored',
      },
    ]);
    tokens = test.tokens;
    const store = new DatabaseLogStore(knex, { now: () => NOW });
    app = express()
      .use(
        createLogsRouter({
          guard: test.guard,
          api: logsApi(store),
          store,
          services: async () =>
            new Map([
              ['payment-service', 'component:default/payment-service'],
              ['webhook-service', 'component:default/webhook-service'],
            ]),
          retentionDays: 180,
          now: () => NOW,
        }),
      )
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: mockServices.logger.mock(),
        }).error(),
      );
  });

  const post = (path: string, who: string | undefined, body: unknown) => {
    let r = request(app).post(path);
    if (who) r = r.set('authorization', `Bearer ${tokens[who]}`);
    return r.send(body as object);
  };

  it('takes a service its own lines and lets engineers and admins find them', async () => {
    const sent = await post('/health/logs', 'payment', {
      entries: [
        {
          level: 'error',
          message: 'card declined for cus_9',
          timestamp: '2026-11-25T09:58:00Z',
          trace_id: 'abc',
          attributes: { customer: 'cus_9' },
        },
        { level: 'info', message: 'GET /health 200' },
      ],
    });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ accepted: 2 });
    ppLogIngestResponseSchema.parse(sent.body);

    const found = await post('/health/logs/query', 'infra', {
      service: 'payment-service',
      text: 'declined',
    });
    expect(found.status).toBe(200);
    expect(found.headers['cache-control']).toBe('no-store');
    ppLogQueryResultSchema.parse(found.body);
    expect(found.body).toMatchObject({
      total_estimate: 1,
      next_cursor: null,
      items: [
        {
          service_id: 'payment-service',
          level: 'error',
          message: 'card declined for cus_9',
          timestamp: '2026-11-25T09:58:00.000Z',
          trace_id: 'abc',
          attributes: { customer: 'cus_9' },
          highlights: [{ start: 5, end: 13 }],
        },
      ],
    });
    const admin = await post('/health/logs/query', 'admin', { limit: 1 });
    ppLogQueryResultSchema.parse(admin.body);
    expect(admin.status).toBe(200);
    expect(admin.body.items[0].message).toBe('GET /health 200');
    expect(admin.body.items[0].timestamp).toBe(NOW.toISOString());
    expect(admin.body.next_cursor).toEqual(expect.any(String));
  });

  it('refuses viewers and services the query, anonymous callers both routes', async () => {
    const viewer = await post('/health/logs/query', 'viewer', {});
    expect(viewer.status).toBe(403);
    expect(viewer.body.error).toMatchObject({
      message: expect.stringMatching(/^To search logs you need the role /),
      permission: 'pp.health.logs.query',
    });
    expect((await post('/health/logs/query', 'payment', {})).status).toBe(403);
    expect((await post('/health/logs/query', undefined, {})).status).toBe(401);
    expect(
      (
        await post('/health/logs', undefined, {
          entries: [{ level: 'info', message: 'x' }],
        })
      ).status,
    ).toBe(401);
  });

  it('lets only service principals send, each for its own service', async () => {
    const line = { level: 'info', message: 'hello' };
    expect(
      (await post('/health/logs', 'infra', { entries: [line] })).status,
    ).toBe(403);
    const other = await post('/health/logs', 'payment', {
      entries: [{ ...line, service_id: 'webhook-service' }],
    });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/only send its own logs/);
    const stranger = await post('/health/logs', 'stranger', {
      entries: [line],
    });
    expect(stranger.status).toBe(404);
  });

  it('answers bad input with 400 naming the field, and stores nothing of a bad batch', async () => {
    const before = await knex('pp_logs').count({ n: '*' });
    const cases: Array<[string, string, unknown, RegExp]> = [
      [
        '/health/logs',
        'payment',
        { entries: [] },
        /entries: must hold at least one entry/,
      ],
      [
        '/health/logs',
        'payment',
        {
          entries: [
            { level: 'info', message: 'fine' },
            { level: 'loud', message: 'x' },
          ],
        },
        /entries\.1\.level: must be one of debug, info, warn, error, fatal/,
      ],
      [
        '/health/logs',
        'payment',
        {
          entries: [
            { level: 'info', message: 'fine' },
            {
              level: 'info',
              message: 'late',
              timestamp: '2026-01-01T00:00:00Z',
            },
          ],
        },
        /entries\.1\.timestamp: older than the log retention/,
      ],
      [
        '/health/logs/query',
        'infra',
        { limit: 0 },
        /limit: must be at least 1/,
      ],
      ['/health/logs/query', 'infra', { levels: ['loud'] }, /levels\.0/],
      [
        '/health/logs/query',
        'infra',
        { from: '2026-11-25T10:00:00Z', to: '2026-11-25T09:00:00Z' },
        /to: must be later than from/,
      ],
      [
        '/health/logs/query',
        'infra',
        { from: 'yesterday' },
        /from: must be an ISO 8601/,
      ],
      ['/health/logs/query', 'infra', { cursor: 'xyz' }, /cursor/],
      [
        '/health/logs/query',
        'infra',
        { text: '!!!' },
        /text: has no letters or digits/,
      ],
      ['/health/logs/query', 'infra', { sevrity: 'error' }, /sevrity/],
    ];
    for (const [path, who, body, message] of cases) {
      const res = await post(path, who, body);
      expect({ path, body, status: res.status }).toEqual({
        path,
        body,
        status: 400,
      });
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(message);
    }
    expect(await knex('pp_logs').count({ n: '*' })).toEqual(before);
  });

  it('answers attributes nested thousands of levels deep with 400 (no stack overflow), takes 10 levels', async () => {
    // written as text: the test's own JSON.stringify should not have to walk it either
    const nested = (levels: number) =>
      `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const batch = (attributes: string) =>
      `{"entries":[{"level":"info","message":"deep","attributes":${attributes}}]}`;
    const send = (body: string) =>
      request(app)
        .post('/health/logs')
        .set('authorization', `Bearer ${tokens.payment}`)
        .set('content-type', 'application/json')
        .send(body);
    const before = await knex('pp_logs').count({ n: '*' });
    for (const levels of [7000, 100_000, 11]) {
      const res = await send(batch(nested(levels)));
      expect({ levels, status: res.status }).toEqual({ levels, status: 400 });
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(
          'entries.0.attributes: must nest at most 10 levels deep',
        ),
      });
    }
    // arrays count as levels too
    const arrays = await send(
      batch(`{"a":${'['.repeat(10)}1${']'.repeat(10)}}`),
    );
    expect(arrays.status).toBe(400);
    expect(await knex('pp_logs').count({ n: '*' })).toEqual(before);

    const ok = await send(batch(nested(10)));
    expect(ok.status).toBe(202);
    const big = await send(batch(JSON.stringify({ a: 'x'.repeat(9000) })));
    expect(big.status).toBe(400);
    expect(big.body.error.message).toMatch(
      /attributes: must be at most 8 KiB as JSON/,
    );
  });

  it('reads no body before the guard: 401 for a malformed batch without a token, 403 for a caller who is not a service', async () => {
    const malformed = (who?: string) => {
      const r = request(app).post('/health/logs');
      if (who) r.set('authorization', `Bearer ${tokens[who]}`);
      return r.set('content-type', 'application/json').send('{"entries": [');
    };
    expect((await malformed()).status).toBe(401);
    expect((await malformed('infra')).status).toBe(403);
    const bad = await malformed('payment');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/not valid JSON/);
  });
});
