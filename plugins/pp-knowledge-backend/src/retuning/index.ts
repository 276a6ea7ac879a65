import type {
  AuthService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  DemoDeploymentTarget,
  HttpRolloutHealth,
  PpApiRouter,
  PpAuditEntry,
  PpDeploymentTargets,
  PpGuard,
  PpIdentityService,
  PpTransactionalNotifier,
  PpWebhookDeliveries,
  SmokeTests,
  readRolloutPlan,
} from '@internal/plugin-pp-node';
import type { Knex } from 'knex';
import { registerRetuningActions } from './actions';
import { DatabaseRetuningStore } from './DatabaseRetuningStore';
import {
  RetuningGenesisRequests,
  readRetuningGenesisConfig,
  registerRetuningGenesisWebhook,
} from './externalGenesis';
import type { RetuningKnowledgePort } from './ports';
import { retuningApi } from './retuningApi';
import { registerRetuningRoutes } from './retuningRoutes';
import { RetuningService } from './RetuningService';
import {
  CatalogRetuningAgents,
  HttpRetuningComplaints,
  RetuningCatalog,
} from './sources';

export type {
  RetuningKnowledgePort,
  RetuningKnowledgeVersion,
  RetuningAgents,
  RetuningAgent,
  RetuningComplaints,
  RetuningHealth,
} from './ports';
export { RetuningService, toApiRetuning } from './RetuningService';
export { retuningApi } from './retuningApi';
export type { RetuningApi } from './retuningApi';
export { registerRetuningRoutes } from './retuningRoutes';
export { registerRetuningActions } from './actions';
export { DatabaseRetuningStore } from './DatabaseRetuningStore';
export type { RetuningStore } from './RetuningStore';
export { validateRetuning } from './domain/genesisRetuning';
export {
  RetuningGenesisRequests,
  readRetuningGenesisConfig,
  registerRetuningGenesisWebhook,
} from './externalGenesis';

/**
 * `pp.knowledge.retuning`: the job's interval, the deployment target's kind, the rollout plan's
 * durations (seconds), the smoke test URLs, the demo target's readiness delay, Genesis's options.
 */
export function readRetuningConfig(config: RootConfigService) {
  const c = config.getOptionalConfig('pp.knowledge.retuning');
  const d = c?.getOptionalConfig('deployment');
  const plan = readRolloutPlan(d);
  const production = process.env.NODE_ENV === 'production';
  const target = d?.getOptionalString('target');
  return {
    tickSeconds: c?.getOptionalNumber('tickSeconds') ?? 30,
    /** undefined in production without a setting: the demo target is never picked there */
    target: target ?? (production ? undefined : 'demo'),
    plan,
    smokeTestUrls: d?.getOptionalStringArray('smokeTestUrls') ?? [],
    demoReadySeconds: d?.getOptionalNumber('demo.readySeconds') ?? 5,
    /** the external Genesis (url, secret, webhookSecret, timeoutMs); no url: the built-in one */
    genesis: readRetuningGenesisConfig(config),
  };
}

/** What the knowledge plugin (helper C's plugin.ts) hands the retuning. */
export interface RegisterRetuningDeps {
  routes: PpApiRouter;
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  database: { getClient(): Promise<Knex>; migrations?: { skip?: boolean } };
  scheduler: SchedulerService;
  notifier: PpTransactionalNotifier;
  config: RootConfigService;
  logger: LoggerService;
  discovery: DiscoveryService;
  auth: AuthService;
  /** the knowledge core's versions and chunk texts */
  knowledge: RetuningKnowledgePort;
  /**
   * The targets modules added through `ppKnowledgeDeploymentTargetsExtensionPoint` (the plugin
   * registers a `PpDeploymentTargets` there in its register phase); the demo target is added here.
   */
  targets: PpDeploymentTargets;
  /** the catalog service (`catalogServiceRef`): agent names and industries */
  catalog?: RetuningCatalog;
  /** to register the pp-knowledge plugin principal (helpdesk and health reads) */
  identity?: PpIdentityService;
  audit?: (entry: PpAuditEntry) => Promise<void>;
}

/**
 * Agent retuning, wired once from the knowledge plugin's init: the store (migrations), the
 * routes on the plugin's router, the `pp-retuning-status` action, the deployment target picked by
 * `pp.knowledge.retuning.deployment.target` and the `pp-knowledge-retuning` job (global, every
 * `tickSeconds`): Genesis for proposals a crash left in validating, the rollout engine for
 * deploying retunings, the post-deployment checks for monitoring ones.
 *
 * Genesis: the built-in validator decides inline, right after the proposal commits (the answer
 * of `POST /agents/{agent_id}/retune` carries the verdict). With an external Genesis
 * (`pp.knowledge.retuning.genesis.url`, with `secret` and `webhookSecret`), a proposal the
 * built-in checks pass stays validating (the answer says the verdict is pending) and is posted
 * to it by pp-node's Genesis dispatcher (signed, retried; the job sends what is due); its verdict
 * comes on the signed `POST /pp/v1/agent-retuning/webhooks/genesis`, mounted in both modes.
 */
export async function registerRetuning(deps: RegisterRetuningDeps) {
  const settings = readRetuningConfig(deps.config);
  const db = await deps.database.getClient();
  const store = await DatabaseRetuningStore.create({
    database: deps.database,
  });
  deps.targets.addDeploymentTarget(
    new DemoDeploymentTarget({
      db,
      table: 'pp_knowledge_demo_deployments',
      readyAfterMs: settings.demoReadySeconds * 1000,
    }),
  );
  const target = settings.target
    ? deps.targets.get(settings.target)
    : undefined;
  if (!target) {
    deps.logger.error(
      'Agent retunings cannot be rolled out: pp.knowledge.retuning.deployment.target is not set, and in production the demo target is not used. Proposals and Genesis work; an approval answers 503 until a target is configured.',
    );
  }
  if (deps.identity) {
    // the helpdesk (complaints) and the health plugin (green's figures) are read as this principal
    await deps.identity.users.ensurePluginPrincipal({
      pluginId: 'pp-knowledge',
      name: 'Industry knowledge (Platform Portal)',
      roles: ['viewer'],
    });
  }
  const health = new HttpRolloutHealth({
    discovery: deps.discovery,
    auth: deps.auth,
    logger: deps.logger,
  });
  const service = new RetuningService({
    store,
    knowledge: deps.knowledge,
    agents: new CatalogRetuningAgents({
      catalog: deps.catalog,
      auth: deps.auth,
      logger: deps.logger,
    }),
    notifier: deps.notifier,
    target,
    health,
    // Stage 8: "Run smoke tests (10 test requests)"
    smoke: new SmokeTests({
      urls: settings.smokeTestUrls,
      requests: 10,
      health,
    }),
    complaints: new HttpRetuningComplaints({
      discovery: deps.discovery,
      auth: deps.auth,
      logger: deps.logger,
    }),
    plan: settings.plan,
    logger: deps.logger,
    audit: deps.audit,
    externalGenesis:
      settings.genesis.url && settings.genesis.secret
        ? {
            config: {
              ...settings.genesis,
              url: settings.genesis.url,
              secret: settings.genesis.secret,
            },
            requests: new RetuningGenesisRequests(db),
          }
        : undefined,
  });
  const api = retuningApi(service);
  registerRetuningRoutes(deps.routes, { api, service, guard: deps.guard });
  registerRetuningGenesisWebhook(deps.routes, {
    service,
    deliveries: new PpWebhookDeliveries(db),
    secret: settings.genesis.webhookSecret,
    audit: deps.audit,
  });
  if (settings.genesis.url) {
    deps.logger.info(
      `Agent retunings are validated by the external Genesis at ${
        settings.genesis.url
      } (after the built-in checks)${
        settings.genesis.webhookSecret
          ? ''
          : '; pp.knowledge.retuning.genesis.webhookSecret is not set, so its verdicts are refused (401)'
      }`,
    );
  }
  registerRetuningActions({
    actionsRegistry: deps.actionsRegistry,
    guard: deps.guard,
    api,
  });
  await deps.scheduler.scheduleTask({
    id: 'pp-knowledge-retuning',
    scope: 'global',
    frequency: { seconds: settings.tickSeconds },
    timeout: { minutes: 5 },
    initialDelay: { seconds: Math.min(settings.tickSeconds, 15) },
    fn: async () => {
      const run = await service.tick();
      if (run.moved || run.failed) {
        deps.logger.info(
          `Retunings: ${run.checked} checked, ${run.moved} moved (${run.rolled_back} rolled back), ${run.failed} failed`,
        );
      }
    },
  });
  if (target) {
    deps.logger.info(
      `Agent retunings run on the ${target.kind} deployment target${
        target.kind === 'demo' ? ' (demo: no real traffic moves)' : ''
      }`,
    );
  }
  return { service, api, store };
}
