import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  createTestPpGuard,
  ppTestDatabases,
} from '@internal/plugin-pp-node/testUtils';
import { ppHealthQueuesResponseSchema } from '@internal/plugin-pp-common';
import express from 'express';
import request from 'supertest';
import { migrateHealthData } from '../logs/__testUtils__/healthDataDb';
import { DatabaseQueueCollectors } from './DatabaseQueueCollectors';
import { queuesApi } from './queuesApi';
import { createQueuesRouter } from './router';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

describe.each(databases.eachSupportedId())('GET /health/queues (%s)', id => {
  let app: express.Express;
  const tokens: Record<string, string> = {};
  let depth = 12;

  beforeAll(async () => {
    const knex = await databases.init(id);
    await migrateHealthData(knex);
    const test = await createTestPpGuard(
      knex,
      (
        [
          ['infra', 'infrastructure_engineer'],
          ['viewer', 'viewer'],
          ['helpdesk', 'helpdesk_agent'],
        ] as const
      ).map(([name, role]) => ({
        name,
        kind: 'agent' as const,
        roles: [role],
        entityRef: `component:default/${name}-bot`,
      })),
    );
    Object.assign(tokens, test.tokens);
    const guard = test.guard;
    const collectors = new DatabaseQueueCollectors({
      config: new ConfigReader({}),
      logger: mockServices.logger.mock(),
      db: knex,
      collectors: {
        celery: {
          system: 'celery',
          collect: async () => ({
            queues: [{ name: 'celery', depth }],
            errors: [],
          }),
        },
      },
    });
    await collectors.collectAndStore(new Date('2026-11-25T10:00:00Z'));
    app = express()
      .use(
        createQueuesRouter({
          guard,
          api: queuesApi(collectors),
          maxAgeSeconds: 30,
        }),
      )
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: mockServices.logger.mock(),
        }).error(),
      );
    (app as any).collectors = collectors;
  });

  const get = (who?: string, etag?: string) => {
    let r = request(app).get('/health/queues');
    if (who) r = r.set('authorization', `Bearer ${tokens[who]}`);
    if (etag) r = r.set('if-none-match', etag);
    return r;
  };

  it('answers infrastructure engineers and viewers with every system, cached by ETag', async () => {
    const res = await get('infra');
    expect(res.status).toBe(200);
    ppHealthQueuesResponseSchema.parse(res.body);
    expect(res.headers['cache-control']).toBe('private, max-age=30');
    expect(res.body).toEqual({
      systems: [
        expect.objectContaining({
          system: 'temporal',
          status: 'not_configured',
          queues: [],
        }),
        {
          system: 'celery',
          status: 'ok',
          message: null,
          queues: [{ name: 'celery', depth: 12 }],
          collected_at: '2026-11-25T10:00:00.000Z',
        },
        expect.objectContaining({
          system: 'rabbitmq',
          status: 'not_configured',
        }),
      ],
    });
    expect((await get('viewer')).status).toBe(200);
    const again = await get('viewer', res.headers.etag);
    expect(again.status).toBe(304);

    depth = 13;
    await (app as any).collectors.collectAndStore(
      new Date('2026-11-25T10:00:30Z'),
    );
    const changed = await get('infra', res.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.body.systems[1].queues[0].depth).toBe(13);
  });

  it('denies other roles (403) and anonymous callers (401)', async () => {
    const denied = await get('helpdesk');
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({
      message: expect.stringMatching(
        /^To see service health you need the role /,
      ),
      permission: 'pp.health.read',
    });
    expect((await get()).status).toBe(401);
  });
});
