import {
  coreServices,
  createBackendPlugin,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  createPpGuard,
  createPpSearchIndexRouter,
  ppIdentityServiceRef,
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
import { HealthStore } from './service/HealthStore';
import { HealthService } from './service/HealthService';
import { createHealthRouter } from './service/router';
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
      },
      async init(deps) {
        const { config, logger, scheduler, catalog, auth, notifier } = deps;
        const db = await deps.database.getClient();
        if (!deps.database.migrations?.skip) {
          await db.migrate.latest({
            directory: resolvePackagePath(
              '@internal/plugin-pp-health-backend',
              'migrations',
            ),
            tableName: 'pp_health_knex_migrations',
          });
        }
        const settings = healthSettings(config);
        const guard = createPpGuard(deps);
        const store = new HealthStore(db);
        const now = () => new Date();
        const service = new HealthService(store, {
          now,
          checkIntervalSeconds: settings.checkIntervalSeconds,
        });

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
          skipActiveChecks: healthDemoEnabled(config),
        });
        await scheduleHealthDataTasks({
          scheduler,
          collectors,
          store: logStore,
          config,
          logger,
        });
        if (healthDemoEnabled(config)) {
          // DEMO: first sync of the catalog services, then heartbeats and logs
          try {
            await store.syncServices(await loadServices(), now());
          } catch (e) {
            logger.warn(`DEMO: catalog not readable yet: ${e}`);
          }
          await scheduleDemoHealth({ config, scheduler, service, logger });
          await scheduleDemoLogs({ scheduler, store: logStore, logger }).catch(
            e => logger.warn(`DEMO: logs not seeded: ${e}`),
          );
        }

        registerHealthActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          service,
        });
        registerHealthDataActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          store: logStore,
        });

        deps.httpRouter.use(createHealthRouter({ guard, service }));
        deps.httpRouter.use(
          createLogsRouter({
            guard,
            store: logStore,
            services: () => store.serviceRefs(),
            retentionDays: config.getOptionalNumber(
              'pp.health.logs.retentionDays',
            ),
          }),
        );
        deps.httpRouter.use(
          createQueuesRouter({
            guard,
            collectors,
            maxAgeSeconds: settings.checkIntervalSeconds,
          }),
        );
        // Backstage's search backend indexes the services (PP collators in packages/backend).
        deps.httpRouter.use(
          createPpSearchIndexRouter({
            httpAuth: deps.httpAuth,
            indexes: {
              'pp-health-service': () => serviceSearchDocuments(store, now()),
            },
          }),
        );
        // The PP guard authenticates every route itself (401/403 audited there).
        deps.httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});
