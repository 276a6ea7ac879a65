import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createPpGuard,
  ppApiRegistryServiceRef,
  ppIdentityServiceRef,
} from '@internal/plugin-pp-node';
import { connectCustomerPortal } from './database/customerPortalConnection';
import { DatabaseExportStore } from './database/DatabaseExportStore';
import { DatabaseSubscriptionStore } from './database/DatabaseSubscriptionStore';
import { subscriptionSettingsFromConfig } from './service/config';
import { createRouter } from './service/router';
import { RunExports } from './service/RunExports';
import { runScoreJob } from './service/ScoreJob';
import { SubscriptionQueries } from './service/SubscriptionQueries';
import { subscriptionApi } from './service/subscriptionApi';

/**
 * The Platform Portal subscriptions plugin (spec Stage 5): Customer Portal subscriptions read
 * through a read-only connector, a daily health score, and audited agent-run forensics
 * (`/pp/v1/subscriptions`).
 *
 * @public
 */
export const ppSubscriptionsPlugin = createBackendPlugin({
  pluginId: 'pp-subscriptions',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        identity: ppIdentityServiceRef,
        apiRegistry: ppApiRegistryServiceRef,
      },
      async init(deps) {
        const { httpRouter, config, logger, database, scheduler } = deps;
        const settings = subscriptionSettingsFromConfig(config);
        const store = await DatabaseSubscriptionStore.create({ database });
        const cp = await connectCustomerPortal({ config, logger });

        await scheduler.scheduleTask({
          id: 'pp-subscriptions-score',
          scope: 'global', // one runner at a time across instances
          frequency: { minutes: settings.scoreJobMinutes },
          timeout: { minutes: 30 },
          initialDelay: { seconds: settings.scoreJobInitialDelaySeconds },
          fn: async () => {
            const run = await runScoreJob({
              cp: cp.store,
              store,
              settings,
              logger,
            });
            logger.info(
              `Subscription scores for ${run.day}: ${run.scored} scored, ${run.failedBatches} failed batches, ${run.pruned} pruned`,
            );
          },
        });

        const queries = new SubscriptionQueries(cp.store, store, settings);
        const exports = new RunExports({
          cp: cp.store,
          exports: await DatabaseExportStore.create({
            database,
            skipMigrations: true, // run just above
          }),
          queries,
          settings: settings.exports,
          logger,
        });
        // running exports stop and are queued again for another instance (or the next start);
        // then the CP connection closes
        deps.lifecycle.addShutdownHook(async () => {
          await exports.stop();
          await cp.store.close();
        });
        await scheduler.scheduleTask({
          id: 'pp-subscriptions-exports',
          scope: 'global',
          frequency: { seconds: 30 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 15 },
          fn: async () => {
            const run = await exports.runJob();
            if (run.expired || run.started) {
              logger.info(
                `Run exports: ${run.expired} expired, ${run.started} started`,
              );
            }
          },
        });

        const guard = createPpGuard(deps);
        const routes = await createRouter({
          api: subscriptionApi(queries, exports),
          guard,
        });
        deps.apiRegistry.register(routes);
        httpRouter.use(routes.router);
        // The PP guard authenticates every route itself (401/403 audited).
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});
