import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  PpWebhookDeliveries,
  createPpGuard,
  migratePpSignedWebhooks,
  ppApiRegistryServiceRef,
  ppIdentityServiceRef,
  ppNotifierServiceRef,
} from '@internal/plugin-pp-node';
import { registerOrchestrationActions } from './actions';
import { DatabaseCreationStore } from './database/DatabaseCreationStore';
import { GenesisRequestStore } from './database/GenesisRequestStore';
import {
  GenesisDispatcher,
  readGenesisConfig,
} from './service/GenesisDispatcher';
import { CreationCommands } from './service/CreationCommands';
import { CreationQueries } from './service/CreationQueries';
import { orchestrationApi } from './service/orchestrationApi';
import { createRouter } from './service/router';

/**
 * The Platform Portal agent orchestration plugin (spec Stage 6): agent creations through the
 * Genesis gate (`/pp/v1/agents`, built-in or an external Genesis answering on its signed webhook).
 * The pipeline, handoff and rollouts are still to come.
 *
 * @public
 */
export const ppOrchestrationPlugin = createBackendPlugin({
  pluginId: 'pp-orchestration',
  register(env) {
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
        const commands = new CreationCommands({
          store,
          notifier: deps.notifier,
          logger,
          audit,
          externalGenesis,
        });
        const queries = new CreationQueries(store);
        const guard = createPpGuard(deps);
        const api = orchestrationApi(queries, commands);
        registerOrchestrationActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          api,
        });
        const routes = await createRouter({
          api,
          guard,
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
