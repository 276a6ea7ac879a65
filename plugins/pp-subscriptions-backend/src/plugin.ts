import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createPpGuard,
  ppApiRegistryServiceRef,
  ppIdentityServiceRef,
  ppNotifierServiceRef,
} from '@internal/plugin-pp-node';
import { selectCustomerPortalPort } from './cp/selectCustomerPortalPort';
import { connectCustomerPortal } from './database/customerPortalConnection';
import { DatabaseSubscriptionStore } from './database/DatabaseSubscriptionStore';
import { subscriptionSettingsFromConfig } from './service/config';
import { createRouter } from './service/router';
import { runScoreJob } from './service/ScoreJob';
import { SubscriptionCommands } from './service/SubscriptionCommands';
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
        notifier: ppNotifierServiceRef,
        apiRegistry: ppApiRegistryServiceRef,
      },
      async init(deps) {
        const { httpRouter, config, logger, database, scheduler } = deps;
        const settings = subscriptionSettingsFromConfig(config);
        const store = await DatabaseSubscriptionStore.create({ database });
        const cp = await connectCustomerPortal({ config, logger });
        deps.lifecycle.addShutdownHook(() => cp.store.close());

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

        // PP's writes to CP (force-cancel) go through the CP port, never into CP's tables
        const port = selectCustomerPortalPort({
          api: settings.cpApi,
          connector: cp,
          logger,
        });
        const commands = new SubscriptionCommands({
          cp: cp.store,
          store,
          port,
          notifier: deps.notifier,
          maxAttempts: settings.forceCancelMaxAttempts,
          claimMs: (settings.cpApi?.timeoutMs ?? 10_000) + 60_000,
          logger,
          audit: entry => deps.identity.record(entry),
        });
        await scheduler.scheduleTask({
          id: 'pp-subscriptions-actions',
          scope: 'global', // one runner at a time across instances; claims guard each action too
          frequency: { minutes: 1 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 20 },
          fn: async () => {
            const run = await commands.retryDue();
            if (run.completed || run.retrying || run.failed) {
              logger.info(
                `Subscription actions: ${run.completed} completed, ${run.retrying} to retry, ${run.failed} failed`,
              );
            }
          },
        });

        const guard = createPpGuard(deps);
        const queries = new SubscriptionQueries(cp.store, store, settings);
        const routes = await createRouter({
          api: subscriptionApi(queries, commands),
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
