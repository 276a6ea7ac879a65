import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  PpDeploymentTargets,
  PpWebhookDeliveries,
  createPpGuard,
  migratePpSignedWebhooks,
  ppApiRegistryServiceRef,
  ppIdentityServiceRef,
  ppKnowledgeDeploymentTargetsExtensionPoint,
  ppListenForChangeMarks,
  ppNotifierServiceRef,
} from '@internal/plugin-pp-node';
import { registerKnowledgeActions } from './actions';
import { DatabaseKnowledgeStore } from './database/DatabaseKnowledgeStore';
import { registerRetuning } from './retuning';
import { readEmbedder } from './search';
import { knowledgeDemoEnabled, seedDemoKnowledge } from './seed/demoKnowledge';
import { HttpIngestionAlertReporter } from './service/ingestionAlerts';
import { createIngestPorts } from './service/ingestPorts';
import { createKnowledgeCore } from './service/KnowledgeCore';
import { retuningKnowledgePort } from './service/retuningKnowledge';
import { createRouter, finishRouter } from './service/router';

/**
 * The Platform Portal industry knowledge plugin (spec Stage 8): `/pp/v1/industry-knowledge/…`
 * (sources, test connection, runs, uploads, the signed webhook, versions, diff, search), the
 * scheduler tick that runs due sources, re-embedding after a model change, and agent retuning
 * (`src/retuning`: `/pp/v1/agents/{agent_id}/retune`, `/pp/v1/agent-retuning/…`).
 *
 * @public
 */
export const ppKnowledgePlugin = createBackendPlugin({
  pluginId: 'pp-knowledge',
  register(env) {
    const targets = new PpDeploymentTargets();
    env.registerExtensionPoint(
      ppKnowledgeDeploymentTargetsExtensionPoint,
      targets,
    );
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        actionsRegistry: actionsRegistryServiceRef,
        database: coreServices.database,
        lifecycle: coreServices.lifecycle,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        identity: ppIdentityServiceRef,
        notifier: ppNotifierServiceRef,
        apiRegistry: ppApiRegistryServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        const demo = knowledgeDemoEnabled(config);
        const store = await DatabaseKnowledgeStore.create({
          database: deps.database,
        });
        const db = await deps.database.getClient();
        if (!deps.database.migrations?.skip) await migratePpSignedWebhooks(db);
        ppListenForChangeMarks({
          database: db,
          config,
          logger,
          lifecycle: deps.lifecycle,
        });
        const ingest = createIngestPorts(config, logger);
        const embedder = readEmbedder(config);
        const core = createKnowledgeCore({
          store,
          embedder,
          notifier: deps.notifier,
          logger,
          ingest,
          alerts: new HttpIngestionAlertReporter({
            discovery: deps.discovery,
            auth: deps.auth,
            logger,
          }),
        });
        const guard = createPpGuard(deps);
        const audit = (entry: Parameters<typeof deps.identity.record>[0]) =>
          deps.identity.record(entry);
        registerKnowledgeActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          api: core.api,
        });
        const routes = createRouter({
          api: core.api,
          commands: core.commands,
          guard,
          deliveries: new PpWebhookDeliveries(db),
          audit,
        });
        await registerRetuning({
          routes,
          actionsRegistry: deps.actionsRegistry,
          guard,
          database: deps.database,
          scheduler,
          notifier: deps.notifier,
          config,
          logger,
          discovery: deps.discovery,
          auth: deps.auth,
          knowledge: retuningKnowledgePort(store),
          targets,
          catalog: deps.catalog,
          identity: deps.identity,
          audit,
        });
        finishRouter(routes, guard);
        // DEMO: before the routes, so the knowledge page never starts empty
        if (demo) {
          await seedDemoKnowledge({
            store,
            commands: core.commands,
            logger,
          }).catch(e => logger.warn(`DEMO: knowledge not seeded: ${e}`));
        }
        deps.apiRegistry.register(routes);
        deps.httpRouter.use(routes.router);
        deps.httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });

        const initialDelay = config.getOptionalNumber(
          'pp.knowledge.jobsInitialDelaySeconds',
        );
        await scheduler.scheduleTask({
          id: 'pp-knowledge-ingestion-tick',
          scope: 'global',
          frequency: {
            seconds: config.getOptionalNumber('pp.knowledge.tickSeconds') ?? 60,
          },
          timeout: { minutes: 30 },
          initialDelay: { seconds: initialDelay ?? 60 },
          fn: async () => {
            const run = await core.jobs.tick();
            if (run.ran) {
              logger.info(
                `Knowledge ingestion: ${run.ran} sources run, ${run.failed} failed`,
              );
            }
          },
        });
        // an embedding model change: the stored chunks of other models are embedded again
        await scheduler.scheduleTask({
          id: 'pp-knowledge-reembed',
          scope: 'global',
          frequency: { minutes: 10 },
          timeout: { minutes: 30 },
          initialDelay: { seconds: initialDelay ?? 30 },
          fn: async () => {
            await core.jobs.reembed();
          },
        });
      },
    });
  },
});
