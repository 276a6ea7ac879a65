import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DatabaseNotifier,
  DemoDeploymentTarget,
  PpWebhookDeliveries,
  RolloutHealth,
  SmokeTests,
  createPpApiRouter,
  migratePpNotifier,
  migratePpSignedWebhooks,
  ppAuditErrors,
  ppNotificationChannelsFromConfig,
} from '@internal/plugin-pp-node';
import { createTestPpGuard } from '@internal/plugin-pp-node/testUtils';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { registerRetuningActions } from '../actions';
import { DatabaseRetuningStore } from '../DatabaseRetuningStore';
import {
  RetuningGenesisRequests,
  registerRetuningGenesisWebhook,
} from '../externalGenesis';
import { BLUE_GREEN_PLAN } from '@internal/plugin-pp-node';
import type { RetuningKnowledgePort, RetuningKnowledgeVersion } from '../ports';
import { retuningApi } from '../retuningApi';
import { registerRetuningRoutes } from '../retuningRoutes';
import { RetuningService } from '../RetuningService';
import { CatalogRetuningAgents } from '../sources';

export const TEST_PEOPLE = [
  { name: 'Ada Admin', kind: 'user' as const, roles: ['admin'] },
  { name: 'Ina Industry', kind: 'user' as const, roles: ['industry_manager'] },
  {
    name: 'Olu Orchestrator',
    kind: 'user' as const,
    roles: ['agent_orchestrator'],
  },
  { name: 'Vik Viewer', kind: 'user' as const, roles: ['viewer'] },
  { name: 'Hana Helpdesk', kind: 'user' as const, roles: ['helpdesk_agent'] },
  {
    name: 'Eval Service',
    kind: 'service' as const,
    entityRef: 'component:default/ava-ads-evaluation',
  },
  {
    name: 'Other Service',
    kind: 'service' as const,
    entityRef: 'component:default/billing-service',
  },
];

/** Clean chunk texts of a knowledge version (Genesis approves them). */
export const CLEAN_TEXTS = [
  'Short-form video ads on Instagram Reels perform best under 15 seconds with captions in the first frame.',
  'For Q4 campaigns, retail brands shift budget towards retargeting audiences who viewed a product page.',
  'Email subject lines with a clear benefit outperform curiosity headlines for B2B software audiences.',
  'Search ads with the price in the headline get fewer but better qualified clicks in the holiday season.',
];

/** The knowledge core as the tests set it: versions and their texts. */
export class FakeKnowledge implements RetuningKnowledgePort {
  versions: RetuningKnowledgeVersion[] = [];
  texts = new Map<string, string[]>();

  add(label: string, texts: string[], industry = 'marketing') {
    const seq = this.versions.filter(v => v.industry === industry).length + 1;
    const v = { id: `ver-${industry}-${seq}`, label, industry, seq };
    this.versions.push(v);
    this.texts.set(v.id, texts);
    return v;
  }
  async findVersion(ref: string, industry?: string) {
    return this.versions.find(
      v =>
        (v.label === ref || v.id === ref) &&
        (!industry || v.industry === industry),
    );
  }
  async versionTexts(id: string, limit: number) {
    return (this.texts.get(id) ?? []).slice(0, limit);
  }
  async latestVersion(industry: string) {
    return this.versions.filter(v => v.industry === industry).at(-1);
  }
}

/** The retuning's routes, action and job over a test database, as `registerRetuning` wires them. */
export async function retuningTestApp(
  knex: Knex,
  opts: {
    now?: string;
    noTarget?: boolean;
    /** an external Genesis (its url, the secrets); the webhook is mounted in any case */
    genesis?: { url: string; secret: string; webhookSecret?: string };
  } = {},
) {
  const clock = { now: new Date(opts.now ?? '2026-12-04T10:00:00Z') };
  const now = () => clock.now;
  await migratePpNotifier(knex);
  await migratePpSignedWebhooks(knex);
  const test = await createTestPpGuard(knex, TEST_PEOPLE);
  const notifier = new DatabaseNotifier({
    db: knex,
    users: test.identity.users,
    channels: ppNotificationChannelsFromConfig(
      mockServices.rootConfig({ data: {} }),
    ),
    logger: mockServices.logger.mock(),
    notifications: { send: jest.fn().mockResolvedValue(undefined) } as any,
    now,
  });
  const store = await DatabaseRetuningStore.create({
    database: { getClient: async () => knex },
  });
  const knowledge = new FakeKnowledge();
  const catalog = new Map<
    string,
    { title: string; industry: string; evaluationService?: string }
  >([
    [
      'ava-ads',
      {
        title: 'Ava Ads',
        industry: 'marketing',
        evaluationService: 'component:default/ava-ads-evaluation',
      },
    ],
    ['eli-tutor', { title: 'Eli Tutor', industry: 'education' }],
  ]);
  /** green's figures from the health plugin, and blue's baseline */
  const figures = {
    baseline: { error_rate: 0.01, p95_ms: 400 } as Record<string, number>,
    green: { error_rate: 0.01, p95_ms: 420 } as Record<string, number> | null,
  };
  const health: RolloutHealth = {
    baseline: async () => ({ ...figures.baseline }),
    metricsSince: async () =>
      figures.green ? { samples: 20, values: { ...figures.green } } : undefined,
    checksSince: async () => [{ up: true, at: clock.now, error: null }],
  };
  const complaints = { count: 0 as number | undefined };
  const target = new DemoDeploymentTarget({
    db: knex,
    table: 'pp_knowledge_demo_deployments',
    readyAfterMs: 0,
    now,
  });
  const service = new RetuningService({
    store,
    knowledge,
    agents: new CatalogRetuningAgents({
      catalog: {
        getEntityByRef: async ref => {
          const a = catalog.get(ref.replace('component:default/', ''));
          return a
            ? {
                metadata: {
                  name: ref,
                  title: a.title,
                  labels: { 'pp.waooaw.com/industry': a.industry },
                  annotations: a.evaluationService
                    ? {
                        'pp.waooaw.com/evaluation-service': a.evaluationService,
                      }
                    : undefined,
                },
              }
            : undefined;
        },
      },
      auth: mockServices.auth(),
    }),
    notifier,
    target: opts.noTarget ? undefined : target,
    health,
    smoke: new SmokeTests({ urls: [], health }),
    complaints: { since: async () => complaints.count },
    plan: BLUE_GREEN_PLAN,
    logger: mockServices.logger.mock(),
    audit: entry => test.identity.record(entry),
    now,
    externalGenesis: opts.genesis
      ? {
          config: { ...opts.genesis, timeoutMs: 2000 },
          requests: new RetuningGenesisRequests(knex),
        }
      : undefined,
  });
  const api = retuningApi(service);
  const actions = new Map<string, any>();
  registerRetuningActions({
    actionsRegistry: { register: (a: any) => actions.set(a.name, a) } as any,
    guard: test.guard,
    api,
  });
  const routes = createPpApiRouter({
    pluginId: 'pp-knowledge',
    guard: test.guard,
  });
  registerRetuningRoutes(routes, { api, service, guard: test.guard });
  registerRetuningGenesisWebhook(routes, {
    service,
    deliveries: new PpWebhookDeliveries(knex),
    secret: opts.genesis?.webhookSecret,
    audit: entry => test.identity.record(entry),
    now,
  });
  routes.router.use(ppAuditErrors(test.guard));
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
    service,
    knowledge,
    catalog,
    figures,
    complaints,
    target,
    actions,
    routes,
    knex,
    userIds: test.userIds,
    get: (path: string, who: string | null) => as(request(app).get(path), who),
    post: (path: string, body: object, who: string | null) =>
      as(request(app).post(path), who).send(body),
    messages: async (topic: string) =>
      (await knex('pp_notification_messages').where({ topic })).map(r =>
        JSON.parse(r.payload),
      ),
    /** moves the clock and runs the job once */
    tick: async (ms = 0) => {
      clock.now = new Date(clock.now.getTime() + ms);
      return service.tick();
    },
  };
}
