import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  PpDeploymentTargets,
  PpWebhookDeliveries,
  createPpGuard,
  migratePpSignedWebhooks,
  ppApiRegistryServiceRef,
  ppIdentityServiceRef,
  ppDeploymentTargetsExtensionPoint,
  ppNotifierServiceRef,
} from '@internal/plugin-pp-node';
import {
  registerOrchestrationActions,
  registerPipelineHandoffActions,
  registerReadinessActions,
  registerUpgradeActions,
} from './actions';
import { DatabaseReadinessStore } from './database/DatabaseReadinessStore';
import { HttpCustomerSettings } from './service/CustomerSettings';
import { Readiness, readReadinessDefaults } from './service/Readiness';
import { readinessApi } from './service/readinessApi';
import { startRollouts } from './rollouts/startRollouts';
import { GITHUB_PIPELINE_TOPICS } from './github/githubPayloads';
import { HttpAgentHealthFacts } from './service/AgentHealthFacts';
import {
  CatalogOnCallFacts,
  HttpAlertThresholdFacts,
  HttpSlaFacts,
} from './service/HandoffFactReaders';
import { HandoffCommands } from './service/HandoffCommands';
import { PipelineFeed } from './service/PipelineFeed';
import { PipelineHandoffQueries } from './service/PipelineHandoffQueries';
import { pipelineHandoffApi } from './service/pipelineHandoffApi';
import { DatabaseCreationStore } from './database/DatabaseCreationStore';
import { GenesisRequestStore } from './database/GenesisRequestStore';
import {
  GenesisDispatcher,
  readGenesisConfig,
} from './service/GenesisDispatcher';
import { CreationCommands } from './service/CreationCommands';
import { CreationQueries } from './service/CreationQueries';
import { DatabaseCreationList } from './database/DatabaseCreationList';
import { CreationList, creationListApi } from './service/creationList';
import { PeopleNames, peopleNamesFrom } from './service/peopleNames';
import { orchestrationApi } from './service/orchestrationApi';
import { createRouter } from './service/router';
import {
  CodeGeneration,
  SCAFFOLDER_ACTOR,
  readCodegenConfig,
  ReadinessSource,
} from './codegen/CodeGeneration';
import { HttpScaffolderClient } from './codegen/ScaffolderClient';
import { generationStore } from './database/GenerationStore';
import { toApiGeneration } from './codegen/CodeGeneration';

/**
 * The Platform Portal agent orchestration plugin (spec Stage 6): agent creations through the
 * Genesis gate (`/pp/v1/agents`, built-in or an external Genesis answering on its signed webhook),
 * their CI/CD pipelines fed by GitHub's signed webhooks, and the handoff to the service team with
 * its OLA (`/pp/v1/agent-handoff`), and the blue-green upgrades of production-ready agents
 * (`/pp/v1/agents/{agent_id}/upgrades`) through a deployment target that modules add with
 * `ppDeploymentTargetsExtensionPoint`.
 *
 * @public
 */
export const ppOrchestrationPlugin = createBackendPlugin({
  pluginId: 'pp-orchestration',
  register(env) {
    const targets = new PpDeploymentTargets();
    env.registerExtensionPoint(ppDeploymentTargetsExtensionPoint, targets);
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        actionsRegistry: actionsRegistryServiceRef,
        database: coreServices.database,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        identity: ppIdentityServiceRef,
        notifier: ppNotifierServiceRef,
        apiRegistry: ppApiRegistryServiceRef,
        events: eventsServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { httpRouter, database, logger } = deps;
        const store = await DatabaseCreationStore.create({ database });
        const db = await database.getClient();
        if (!database.migrations?.skip) await migratePpSignedWebhooks(db);
        const genesis = readGenesisConfig(deps.config);
        let externalGenesis;
        if (genesis.url && genesis.secret) {
          const requests = new GenesisRequestStore(db);
          const dispatcher = new GenesisDispatcher({
            config: { ...genesis, url: genesis.url, secret: genesis.secret },
            requests,
            creations: store,
            logger,
          });
          externalGenesis = { requests, dispatcher };
          await deps.scheduler.scheduleTask({
            id: 'pp-orchestration-genesis-requests',
            scope: 'global',
            frequency: { seconds: 30 },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 10 },
            fn: async () => {
              const run = await dispatcher.sendDue();
              if (run.sent || run.failed) {
                logger.info(
                  `Genesis requests: ${run.sent} sent, ${run.failed} failed`,
                );
              }
            },
          });
        }
        const audit = (entry: Parameters<typeof deps.identity.record>[0]) =>
          deps.identity.record(entry);
        const names = peopleNamesFrom(deps.identity.users);
        // operational readiness: config defaults, per-agent overrides, the customers' settings
        const readiness = new Readiness({
          store: await DatabaseReadinessStore.create({
            database,
            skipMigrations: true, // run by the creation store
          }),
          creations: store,
          defaults: readReadinessDefaults(deps.config),
          customer: new HttpCustomerSettings({
            discovery: deps.discovery,
            auth: deps.auth,
            logger,
          }),
          names,
        });
        const late: { codegen?: CodeGeneration } = {};
        const commands = new CreationCommands({
          store,
          notifier: deps.notifier,
          logger,
          audit,
          externalGenesis,
          // Genesis approved: the code generation starts (the scaffolder's PP template)
          onApproved: row =>
            late.codegen!.start(row.agent_id, SCAFFOLDER_ACTOR),
        });
        const codegen = await startCodeGeneration(deps, {
          db,
          store,
          commands,
          audit,
          // the agent's operational readiness values in force, for its deployment manifest
          readiness: agentId => readiness.effectiveReadiness(agentId),
        });
        late.codegen = codegen;
        const queries = new CreationQueries(
          store,
          undefined,
          names,
          async row => {
            const latest = await generationStore.latest(db, row.id);
            if (!latest) return null;
            return {
              ...toApiGeneration(latest),
              // the catalog's agent entity provider registers every creation once generated
              catalog_entity_ref: (await generationStore.everSucceeded(
                db,
                row.id,
              ))
                ? `component:default/${row.agent_id}`
                : null,
            };
          },
        );
        const guard = createPpGuard(deps);
        const api = orchestrationApi(queries, commands, undefined, {
          generation: codegen,
          db,
        });
        registerOrchestrationActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          api,
        });
        const pipelineHandoff = await startPipelineAndHandoff(deps, {
          store,
          commands,
          guard,
          names,
        });
        const list = creationListApi(
          new CreationList(
            new DatabaseCreationList(await database.getClient()),
            undefined,
            names,
          ),
        );
        const readinessRoutes = readinessApi(readiness);
        registerReadinessActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          api: readinessRoutes,
        });
        const upgrades = await startRollouts(
          { ...deps, audit },
          { targets, creations: store, names },
        );
        registerUpgradeActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          api: upgrades.api,
        });
        const routes = await createRouter({
          api,
          guard,
          pipelineHandoff,
          list,
          readiness: readinessRoutes,
          upgrades: upgrades.api,
          genesisWebhook: {
            commands,
            deliveries: new PpWebhookDeliveries(db),
            secret: genesis.webhookSecret,
            audit,
          },
        });
        deps.apiRegistry.register(routes);
        httpRouter.use(routes.router);
        // The PP guard authenticates every route itself (401/403 audited); the Genesis webhook
        // checks its HMAC signature instead (ppSignedWebhookHandler).
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

/**
 * Code generation: the scaffolder's PP template per approved creation, followed by a scheduled
 * job (`pp-orchestration-codegen`, global, every `pp.orchestration.codegen.pollSeconds`, default
 * 5) and right away when the scaffolder reports a task's end (its `scaffolder.task` events).
 */
async function startCodeGeneration(
  deps: {
    config: typeof coreServices.rootConfig.T;
    scheduler: typeof coreServices.scheduler.T;
    discovery: typeof coreServices.discovery.T;
    auth: typeof coreServices.auth.T;
    logger: typeof coreServices.logger.T;
    notifier: typeof ppNotifierServiceRef.T;
    events: typeof eventsServiceRef.T;
  },
  core: {
    db: Awaited<ReturnType<typeof coreServices.database.T.getClient>>;
    store: DatabaseCreationStore;
    commands: CreationCommands;
    audit: ConstructorParameters<typeof CodeGeneration>[0]['audit'];
    readiness: ReadinessSource;
  },
) {
  const { config, logger } = deps;
  const codegen = new CodeGeneration({
    db: core.db,
    store: core.store,
    commands: core.commands,
    notifier: deps.notifier,
    scaffolder: new HttpScaffolderClient({
      discovery: deps.discovery,
      auth: deps.auth,
    }),
    config: readCodegenConfig(config),
    readiness: core.readiness,
    logger,
    audit: core.audit,
  });
  await deps.scheduler.scheduleTask({
    id: 'pp-orchestration-codegen',
    scope: 'global',
    frequency: {
      seconds:
        config.getOptionalNumber('pp.orchestration.codegen.pollSeconds') ?? 5,
    },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 5 },
    fn: async () => {
      const run = await codegen.run();
      if (run.started || run.finished || run.failed) {
        logger.info(
          `Code generation: ${run.started} started, ${run.finished} finished, ${run.failed} failed`,
        );
      }
    },
  });
  await deps.events.subscribe({
    id: 'pp-orchestration-scaffolder-tasks',
    topics: ['scaffolder.task'],
    onEvent: async () => {
      void codegen.flush();
    },
  });
  return codegen;
}

/**
 * The CI/CD pipeline (GitHub's workflow events, through the events backend's GitHub module) and
 * the handoff (its commands, the OLA job); kept apart from the creation slice's wiring.
 */
async function startPipelineAndHandoff(
  deps: {
    events: typeof eventsServiceRef.T;
    config: typeof coreServices.rootConfig.T;
    scheduler: typeof coreServices.scheduler.T;
    discovery: typeof coreServices.discovery.T;
    auth: typeof coreServices.auth.T;
    catalog: typeof catalogServiceRef.T;
    logger: typeof coreServices.logger.T;
    notifier: typeof ppNotifierServiceRef.T;
    identity: typeof ppIdentityServiceRef.T;
    actionsRegistry: typeof actionsRegistryServiceRef.T;
  },
  core: {
    store: DatabaseCreationStore;
    commands: CreationCommands;
    guard: ReturnType<typeof createPpGuard>;
    names: PeopleNames;
  },
) {
  const { config, logger } = deps;
  const audit = (entry: Parameters<typeof deps.identity.record>[0]) =>
    deps.identity.record(entry);
  const feed = new PipelineFeed({
    store: core.store,
    commands: core.commands,
    notifier: deps.notifier,
    owner: config.getOptionalString('pp.orchestration.github.owner'),
    workflow:
      config.getOptionalString('pp.orchestration.github.workflow') ?? 'CI',
    logger,
    audit,
  });
  await deps.events.subscribe({
    id: 'pp-orchestration-github-pipeline',
    topics: [...GITHUB_PIPELINE_TOPICS],
    onEvent: async ({ topic, eventPayload }) => {
      try {
        await feed.handle(topic, eventPayload);
      } catch (error) {
        logger.warn(`GitHub ${topic} event not fed to a pipeline: ${error}`);
      }
    },
  });

  // the handoff's health check and alert threshold items ask the health plugin over HTTP as this
  // plugin's principal; the on-call item reads the catalog with its service credentials
  await deps.identity.users.ensurePluginPrincipal({
    pluginId: 'pp-orchestration',
    name: 'Agent orchestration (Platform Portal)',
    roles: ['viewer'],
  });
  const handoffs = new HandoffCommands({
    store: core.store,
    commands: core.commands,
    notifier: deps.notifier,
    health: new HttpAgentHealthFacts({
      discovery: deps.discovery,
      auth: deps.auth,
      logger,
    }),
    alertThresholds: new HttpAlertThresholdFacts({
      discovery: deps.discovery,
      auth: deps.auth,
      logger,
    }),
    onCall: new CatalogOnCallFacts({
      catalog: deps.catalog,
      auth: deps.auth,
      logger,
    }),
    // the SLA/OLA plugin's definitions (without that plugin: it says so, the evidence decides)
    sla: new HttpSlaFacts({
      discovery: deps.discovery,
      auth: deps.auth,
      logger,
    }),
    logger,
    audit,
  });
  await deps.scheduler.scheduleTask({
    id: 'pp-orchestration-handoff-ola',
    scope: 'global', // one runner at a time across instances; each event is recorded once anyway
    frequency: {
      seconds:
        config.getOptionalNumber('pp.orchestration.handoffOlaCheckSeconds') ??
        60,
    },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 20 },
    fn: async () => {
      // PP's own findings first (an SLA defined since the submission shows to the reviewers)
      const rechecked = await handoffs.recheckPending();
      if (rechecked)
        logger.info(`Handoff checklists checked again: ${rechecked} changed`);
      const run = await handoffs.runOlaCheck();
      if (run.reminded || run.breached || run.failed) {
        logger.info(
          `Handoff OLA: ${run.reminded} reminded, ${run.breached} breached, ${run.failed} failed`,
        );
      }
    },
  });

  const api = pipelineHandoffApi(
    new PipelineHandoffQueries(core.store, undefined, core.names),
    handoffs,
  );
  registerPipelineHandoffActions({
    actionsRegistry: deps.actionsRegistry,
    guard: core.guard,
    api,
  });
  return api;
}
