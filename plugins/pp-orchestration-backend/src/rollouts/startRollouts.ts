import {
  AuthService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  DemoDeploymentTarget,
  HttpRolloutHealth,
  PpAuditEntry,
  PpDeploymentTargets,
  PpTransactionalNotifier,
  SmokeTests,
  readRolloutPlan,
} from '@internal/plugin-pp-node';
import type { Knex } from 'knex';
import type { CreationStore } from '../database/CreationStore';
import { DatabaseRolloutStore } from '../database/DatabaseRolloutStore';
import type { PeopleNames } from '../service/peopleNames';
import { RolloutCommands } from './RolloutCommands';
import { RolloutQueries } from './RolloutQueries';
import { upgradesApi } from './upgradesApi';

/** `pp.orchestration.deployment`: the target's kind, the plan's durations, the smoke tests. */
export function readDeploymentConfig(config: RootConfigService) {
  const c = config.getOptionalConfig('pp.orchestration.deployment');
  const plan = readRolloutPlan(c);
  return {
    target: c?.getOptionalString('target') ?? 'demo',
    plan,
    checkSeconds: c?.getOptionalNumber('checkSeconds') ?? 30,
    smokeTestUrls: c?.getOptionalStringArray('smokeTestUrls') ?? [],
    demoReadySeconds: c?.getOptionalNumber('demo.readySeconds') ?? 5,
  };
}

/**
 * The agent upgrades: the deployment target named by config (the demo one is added here, others
 * by modules through `ppDeploymentTargetsExtensionPoint`), the commands and reads, and the
 * `pp-orchestration-rollouts` job.
 */
export async function startRollouts(
  deps: {
    config: RootConfigService;
    scheduler: SchedulerService;
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
    notifier: PpTransactionalNotifier;
    audit: (entry: PpAuditEntry) => Promise<void>;
    database: {
      getClient(): Promise<Knex>;
      migrations?: { skip?: boolean };
    };
  },
  core: {
    targets: PpDeploymentTargets;
    creations: CreationStore;
    names: PeopleNames;
  },
) {
  const settings = readDeploymentConfig(deps.config);
  const db = await deps.database.getClient();
  core.targets.addDeploymentTarget(
    new DemoDeploymentTarget({
      db,
      readyAfterMs: settings.demoReadySeconds * 1000,
    }),
  );
  const target = core.targets.get(settings.target);
  const store = await DatabaseRolloutStore.create({ database: deps.database });
  const health = new HttpRolloutHealth({
    discovery: deps.discovery,
    auth: deps.auth,
    logger: deps.logger,
  });
  const commands = new RolloutCommands({
    store,
    creations: core.creations,
    target,
    health,
    smoke: new SmokeTests({ urls: settings.smokeTestUrls, health }),
    notifier: deps.notifier,
    plan: settings.plan,
    logger: deps.logger,
    audit: deps.audit,
  });
  await deps.scheduler.scheduleTask({
    id: 'pp-orchestration-rollouts',
    scope: 'global',
    frequency: { seconds: settings.checkSeconds },
    timeout: { minutes: 5 },
    initialDelay: { seconds: Math.min(settings.checkSeconds, 15) },
    fn: async () => {
      const run = await commands.tick();
      if (run.moved || run.failed) {
        deps.logger.info(
          `Upgrades: ${run.checked} checked, ${run.moved} moved (${run.completed} completed, ${run.rolled_back} rolled back), ${run.failed} failed`,
        );
      }
    },
  });
  deps.logger.info(
    `Agent upgrades run on the ${target.kind} deployment target${
      target.kind === 'demo' ? ' (demo: no real traffic moves)' : ''
    }`,
  );
  return {
    commands,
    api: upgradesApi(
      new RolloutQueries(store, core.names),
      commands,
      core.creations,
    ),
  };
}
