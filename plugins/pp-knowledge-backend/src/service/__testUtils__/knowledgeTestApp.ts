import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DatabaseNotifier,
  PpWebhookDeliveries,
  migratePpNotifier,
  migratePpSignedWebhooks,
  ppNotificationChannelsFromConfig,
} from '@internal/plugin-pp-node';
import { createTestPpGuard } from '@internal/plugin-pp-node/testUtils';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { registerKnowledgeActions } from '../../actions';
import { DatabaseKnowledgeStore } from '../../database/DatabaseKnowledgeStore';
import { CredentialVault } from '../../ingest/credentials';
import type { FetchedRecord } from '../../ingest/types';
import { HashingEmbedder } from '../../search/Embedder';
import { createKnowledgeCore } from '../KnowledgeCore';
import type { KnowledgeIngestPorts } from '../ports';
import { createRouter, finishRouter } from '../router';

export const TEST_PEOPLE = [
  { name: 'Ada Admin', kind: 'user' as const, roles: ['admin'] },
  { name: 'Ina Industry', kind: 'user' as const, roles: ['industry_manager'] },
  { name: 'Vik Viewer', kind: 'user' as const, roles: ['viewer'] },
  {
    name: 'Olu Orchestrator',
    kind: 'user' as const,
    roles: ['agent_orchestrator'],
  },
];

/**
 * The plugin's routes, actions and jobs over a test database, wired as plugin.ts does, with the
 * ingest side given by the test (`ingest`, default: records a test sets per URL).
 */
export async function knowledgeTestApp(
  knex: Knex,
  opts: { now?: string; ingest?: Partial<KnowledgeIngestPorts> } = {},
) {
  const clock = { now: new Date(opts.now ?? '2026-12-04T06:00:00Z') };
  const now = () => clock.now;
  await migratePpNotifier(knex);
  await migratePpSignedWebhooks(knex);
  const test = await createTestPpGuard(knex, TEST_PEOPLE);
  const notifier = new DatabaseNotifier({
    db: knex,
    users: test.identity.users,
    channels: ppNotificationChannelsFromConfig(mockServices.rootConfig()),
    logger: mockServices.logger.mock(),
    notifications: { send: jest.fn().mockResolvedValue(undefined) } as any,
    now,
  });
  const store = await DatabaseKnowledgeStore.create({
    database: { getClient: async () => knex },
  });
  /** What a fetch of a URL returns (records) or throws (an Error). */
  const feeds = new Map<string, FetchedRecord[] | Error>();
  const ingest: KnowledgeIngestPorts = {
    vault: new CredentialVault(Buffer.alloc(32, 7)),
    fetchOptions: {
      timeoutMs: 3000,
      maxBytes: 1_000_000,
      allowPrivateNetworks: true,
    },
    fetchSource: async source => {
      const feed = feeds.get(source.connection.url ?? '');
      if (!feed) throw new Error(`Nothing answers at ${source.connection.url}`);
      if (feed instanceof Error) throw feed;
      return feed;
    },
    parseUpload: async (fileName, bytes) => [
      {
        external_id: fileName,
        title: fileName,
        content: bytes.toString('utf8'),
        url: null,
        published_at: null,
      },
    ],
    testConnection: async () => ({
      ok: true,
      message: 'Read 0 records',
      status_code: 200,
      duration_ms: 1,
      records: 0,
      sample: [],
    }),
    ...opts.ingest,
  };
  const logger = mockServices.logger.mock();
  /** What the health plugin was told after each run. */
  const reported: Array<{ sourceId: string; consecutiveFailures: number }> = [];
  const core = createKnowledgeCore({
    alerts: {
      report: async r => {
        reported.push(r);
        return true;
      },
    },
    store,
    embedder: new HashingEmbedder(),
    notifier,
    logger,
    ingest,
    now,
  });
  const actions = new Map<string, any>();
  registerKnowledgeActions({
    actionsRegistry: { register: (a: any) => actions.set(a.name, a) } as any,
    guard: test.guard,
    api: core.api,
  });
  const routes = createRouter({
    api: core.api,
    commands: core.commands,
    guard: test.guard,
    deliveries: new PpWebhookDeliveries(knex),
  });
  finishRouter(routes, test.guard);
  const app = express()
    .use(routes.router)
    .use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
  const as = (req: request.Test, who: string | null) =>
    who ? req.set('authorization', `Bearer ${test.tokens[who]}`) : req;
  return {
    clock,
    app,
    store,
    core,
    feeds,
    reported,
    ingest,
    notifier,
    actions,
    knex,
    routes,
    test,
    get: (path: string, who: string | null) => as(request(app).get(path), who),
    post: (path: string, body: object, who: string | null) =>
      as(request(app).post(path), who).send(body),
    put: (path: string, body: object, who: string | null) =>
      as(request(app).put(path), who).send(body),
    messages: async (topic: string) =>
      (await knex('pp_notification_messages').where({ topic })).map(r => ({
        ...JSON.parse(r.payload),
      })),
  };
}
