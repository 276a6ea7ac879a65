import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  createPpApiRouter,
  createPpGuard,
  createPpSearchIndexRouter,
  ppApiRegistryServiceRef,
  ppIdentityServiceRef,
  ppListenForChangeMarks,
  ppNotifierServiceRef,
} from '@internal/plugin-pp-node';
import {
  createLogStore,
  createLogsRouter,
  registerHealthDataActions,
  scheduleDemoLogs,
} from './logs';
import {
  createQueueCollectors,
  createQueuesRouter,
  scheduleHealthDataTasks,
} from './queues';
import { scheduleDemoHealth, healthDemoEnabled } from './demo/demoHealth';
import { assertHealthDemoAllowed, isDemoService } from './demo/demoPolicy';
import { DatabaseHealthStore } from './database/DatabaseHealthStore';
import { HealthCommands } from './service/HealthCommands';
import { HealthQueries } from './service/HealthQueries';
import { healthApi } from './service/healthApi';
import { createHealthRouter } from './service/router';
import { addHealthDailyRoute } from './service/dailyRoute';
import { registerHealthActions } from './service/actions';
import { healthSettings, scheduleHealthTasks } from './service/tasks';
import { AlertEvaluator } from './service/alerts';
import { servicesFromEntities } from './service/catalog';
import { serviceSearchDocuments } from './search/serviceSearchDocuments';

/**
 * Platform Portal health monitoring (spec Stage 2): active checks of the catalog's services,
 * heartbeats, rollups, alerts with notifications, queues and centralised logs.
 *
 * @public
 */
export const ppHealthPlugin = createBackendPlugin({
  pluginId: 'pp-health',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        identity: ppIdentityServiceRef,
        notifier: ppNotifierServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        apiRegistry: ppApiRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, catalog, auth, notifier } = deps;
        // generated figures never mix with real ones in production
        assertHealthDemoAllowed(config);
        const demo = healthDemoEnabled(config);
        const store = await DatabaseHealthStore.create({
          database: deps.database,
        });
        const db = await deps.database.getClient();
        ppListenForChangeMarks({
          database: db,
          config,
          logger,
          lifecycle: deps.lifecycle,
        });
        const settings = healthSettings(config);
        const guard = createPpGuard(deps);
        const now = () => new Date();
        const queries = new HealthQueries(store, {
          now,
          checkIntervalSeconds: settings.checkIntervalSeconds,
        });
        const commands = new HealthCommands(store, { now, notifier });

        const logStore = await createLogStore({ config, db, logger });
        deps.lifecycle.addShutdownHook(async () => {
          await logStore.close?.();
        });
        const collectors = createQueueCollectors({ config, logger, db });
        const evaluator = new AlertEvaluator({
          store,
          notifier,
          logger,
          queues: () => collectors.latest(),
          emailSeverities: settings.alertEmailSeverities,
        });
        const api = healthApi({
          queries,
          commands,
          collectors,
          logs: logStore,
        });
        const loadServices = async () => {
          const { items } = await catalog.getEntities(
            { filter: { kind: 'Component', 'spec.type': 'service' } },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          return servicesFromEntities(items);
        };

        await scheduleHealthTasks({
          scheduler,
          store,
          evaluator,
          loadServices,
          logger,
          settings,
          now,
          isDemoService: demo ? isDemoService : undefined,
        });
        await scheduleHealthDataTasks({
          scheduler,
          collectors,
          store: logStore,
          config,
          logger,
        });
        if (demo) {
          // DEMO: first sync of the catalog services, then heartbeats and logs
          try {
            await store.syncServices(await loadServices(), now());
          } catch (e) {
            logger.warn(`DEMO: catalog not readable yet: ${e}`);
          }
          await scheduleDemoHealth({
            config,
            scheduler,
            service: commands,
            logger,
          });
          await scheduleDemoLogs({ scheduler, store: logStore, logger }).catch(
            e => logger.warn(`DEMO: logs not seeded: ${e}`),
          );
        }

        registerHealthActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          api,
        });
        registerHealthDataActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          api,
        });

        // One documented router for the plugin's health, logs and queues routes.
        const routes = createPpApiRouter({
          pluginId: 'pp-health',
          title: 'Health monitoring',
          guard,
        });
        // the daily read model of the SLA plugin (its own file)
        addHealthDailyRoute(routes, db);
        createHealthRouter({
          guard,
          api,
          commands,
          maxAgeSeconds: settings.checkIntervalSeconds,
          routes,
        });
        createLogsRouter({
          guard,
          api,
          store: logStore,
          services: () => store.serviceRefs(),
          retentionDays: config.getOptionalNumber(
            'pp.health.logs.retentionDays',
          ),
          routes,
        });
        createQueuesRouter({
          guard,
          api,
          maxAgeSeconds: settings.checkIntervalSeconds,
          routes,
        });
        deps.apiRegistry.register(routes);
        deps.httpRouter.use(routes.router);
        // Backstage's search backend indexes the services (PP collators in packages/backend).
        deps.httpRouter.use(
          createPpSearchIndexRouter({
            httpAuth: deps.httpAuth,
            indexes: {
              'pp-health-service': {
                all: () => serviceSearchDocuments(store, now()),
              },
            },
          }),
        );
        // The PP guard authenticates every route itself (401/403 audited there).
        deps.httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});
