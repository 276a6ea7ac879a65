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
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { incidentDetail } from './domain/incidents';
import {
  CP_WEBHOOK_TOPIC,
  cpSupportTicketEventSchema,
} from './webhooks/customerPortalWebhook';
import { registerSubscriptionActions } from './actions';
import { DatabaseIncidentStore } from './database/DatabaseIncidentStore';
import { HttpIncidentDesk } from './service/IncidentDesk';
import { IncidentMonitor } from './service/IncidentMonitor';
import { selectCustomerPortalPort } from './cp/selectCustomerPortalPort';
import { connectCustomerPortal } from './database/customerPortalConnection';
import { DatabaseSubscriptionStore } from './database/DatabaseSubscriptionStore';
import { subscriptionSettingsFromConfig } from './service/config';
import { createRouter } from './service/router';
import { customerSettingsApi } from './service/customerSettingsApi';
import { runScoreJob } from './service/ScoreJob';
import { backfillDemoScoreHistory } from './seed/demoScoreHistory';
import { SubscriptionCommands } from './service/SubscriptionCommands';
import { SubscriptionQueries } from './service/SubscriptionQueries';
import { subscriptionApi } from './service/subscriptionApi';
import { DatabaseExportStore } from './database/DatabaseExportStore';
import { RunExports } from './service/RunExports';

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
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        events: eventsServiceRef,
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

        let demoHistoryFilled = false;
        await scheduler.scheduleTask({
          id: 'pp-subscriptions-score',
          scope: 'global', // one runner at a time across instances
          frequency: { minutes: settings.scoreJobMinutes },
          timeout: { minutes: 30 },
          initialDelay: { seconds: settings.scoreJobInitialDelaySeconds },
          fn: async () => {
            if (cp.kind === 'demo' && !demoHistoryFilled) {
              // DEMO: the past days of the seeded demo runs, before today's row and list
              await backfillDemoScoreHistory({
                cp: cp.store,
                store,
                settings,
                logger,
              });
              demoHistoryFilled = true;
            }
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

        const incidents = await DatabaseIncidentStore.create({ database });
        if (settings.incidents.enabled) {
          // Incidents are opened in the helpdesk over HTTP as this plugin's own principal: a
          // service principal with the helpdesk agent role (tickets only), which admins manage
          // (roles, deactivation) on the People page like any other.
          await deps.identity.users.ensurePluginPrincipal({
            pluginId: 'pp-subscriptions',
            name: 'Subscription monitor (Platform Portal)',
            roles: ['helpdesk_agent'],
          });
          const monitor = new IncidentMonitor({
            cp: cp.store,
            incidents,
            desk: new HttpIncidentDesk(deps),
            rules: settings.incidents.rules,
            portalUrl: config.getString('app.baseUrl'),
            agentEntityRef: async agentId => {
              const { items } = await deps.catalog.getEntities(
                {
                  filter: {
                    kind: 'Component',
                    'spec.type': 'ai-agent',
                    'metadata.annotations.pp.waooaw.com/agent-id': agentId,
                  },
                  fields: ['kind', 'metadata.namespace', 'metadata.name'],
                  limit: 1,
                },
                { credentials: await deps.auth.getOwnServiceCredentials() },
              );
              const e = items[0];
              return e
                ? `component:${e.metadata.namespace ?? 'default'}/${
                    e.metadata.name
                  }`.toLocaleLowerCase('en-US')
                : undefined;
            },
            logger,
          });
          // Customer complaints: CP's signed support webhook (events backend ingress, see
          // webhooks/customerPortalWebhook.ts) delivers flagged tickets on this topic.
          await deps.events.subscribe({
            id: 'pp-subscriptions-cp-support',
            topics: [CP_WEBHOOK_TOPIC],
            onEvent: async ({ eventPayload }) => {
              const parsed = cpSupportTicketEventSchema.safeParse(eventPayload);
              if (!parsed.success || !parsed.data.ticket.complaint) return;
              const { ticket } = parsed.data;
              if (!(await cp.store.getSubscription(ticket.subscription_id))) {
                logger.warn(
                  `Customer Portal complaint ${ticket.id} names subscription ${ticket.subscription_id}, which the Customer Portal does not have; ignored`,
                );
                return;
              }
              try {
                await monitor.raise(
                  ticket.subscription_id,
                  'customer_complaint',
                  incidentDetail.complaint(ticket.subject, ticket.id),
                );
              } catch (error) {
                // the incident waits for its ticket; the monitor's next run opens it
                logger.warn(`Complaint ${ticket.id}: ${error}`);
              }
            },
          });
          await scheduler.scheduleTask({
            id: 'pp-subscriptions-incidents',
            scope: 'global',
            frequency: { minutes: settings.incidents.frequencyMinutes },
            timeout: { minutes: 10 },
            initialDelay: { seconds: settings.incidents.initialDelaySeconds },
            fn: async () => {
              const run = await monitor.run();
              if (run.opened || run.closed || run.failed) {
                logger.info(
                  `Subscription incidents: ${run.opened} opened, ${run.closed} closed, ${run.failed} failed`,
                );
              }
            },
          });
        }

        const guard = createPpGuard(deps);
        const queries = new SubscriptionQueries(
          cp.store,
          store,
          settings,
          incidents,
        );
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

        const api = subscriptionApi(queries, commands, exports);
        registerSubscriptionActions({
          actionsRegistry: deps.actionsRegistry,
          guard,
          api,
        });
        const routes = await createRouter({
          api,
          guard,
          customerSettings: customerSettingsApi(port),
          customerContacts: cp.store,
        });
        deps.apiRegistry.register(routes);
        httpRouter.use(routes.router);
        // The PP guard authenticates every route itself (401/403 audited).
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});
