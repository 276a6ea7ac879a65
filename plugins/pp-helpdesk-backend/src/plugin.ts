import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  createPpSearchIndexRouter,
  createPpGuard,
  ppIdentityServiceRef,
  ppApiRegistryServiceRef,
  ppListenForChangeMarks,
  ppNotifierServiceRef,
} from '@internal/plugin-pp-node';
import { ticketSearchDocuments } from './search/ticketSearchDocuments';
import { registerTicketActions } from './actions';
import { seedDemoTickets } from './seed/demoTickets';
import { helpdeskSettingsFromConfig } from './service/config';
import { createRouter } from './service/router';
import { ticketApi } from './service/ticketApi';
import { EntityCheck, TicketService } from './service/TicketService';

export { migrateHelpdesk } from './database/DatabaseTicketStore';

/**
 * The Platform Portal helpdesk plugin: tickets (`/pp/v1/tickets`), their history and comments,
 * SLA timers with a scheduled breach check and escalation, notifications and AI-agent actions.
 *
 * @public
 */
export const ppHelpdeskPlugin = createBackendPlugin({
  pluginId: 'pp-helpdesk',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        identity: ppIdentityServiceRef,
        notifier: ppNotifierServiceRef,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        apiRegistry: ppApiRegistryServiceRef,
      },
      async init(deps) {
        const { httpRouter, config, logger, database, scheduler, identity } =
          deps;
        const settings = helpdeskSettingsFromConfig(config);

        // The affected entity must be a catalog service or AI agent.
        const checkEntity: EntityCheck = async ref => {
          const entity = await deps.catalog.getEntityByRef(ref, {
            credentials: await deps.auth.getOwnServiceCredentials(),
          });
          if (!entity) return 'not_found';
          const type = (entity.spec as { type?: string } | undefined)?.type;
          return entity.kind === 'Component' &&
            (type === 'service' || type === 'ai-agent')
            ? 'ok'
            : 'wrong_kind';
        };

        const tickets = await TicketService.create({
          database,
          users: identity.users,
          notifier: deps.notifier,
          settings,
          logger,
          checkEntity,
          audit: entry => identity.record(entry),
        });
        ppListenForChangeMarks({
          database: await database.getClient(),
          config,
          logger,
          lifecycle: deps.lifecycle,
        });
        const guard = createPpGuard(deps);
        const api = ticketApi(tickets);

        await scheduler.scheduleTask({
          id: 'pp-helpdesk-sla-check',
          scope: 'global', // one runner at a time across instances
          frequency: { seconds: settings.slaCheckSeconds },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 15 },
          fn: async () => {
            const run = await tickets.runSlaCheck();
            if (run.warned || run.breached || run.escalated || run.failed) {
              logger.info(
                `Helpdesk SLA check: ${run.warned} breach imminent, ${run.breached} breached, ${run.escalated} escalated, ${run.failed} failed`,
              );
            }
          },
        });

        if (config.getOptionalBoolean('pp.demo.enabled')) {
          // Demo users come from pp-users, which may start after this plugin: seed in the background.
          void seedDemoTickets({
            db: await database.getClient(),
            users: identity.users,
            settings,
            logger,
          }).catch(error => logger.warn(`Demo tickets not seeded: ${error}`));
        }

        registerTicketActions(deps.actionsRegistry, api, guard);
        const routes = await createRouter({ api, guard });
        deps.apiRegistry.register(routes);
        httpRouter.use(routes.router);
        // Backstage's search backend indexes the tickets (PP collators in packages/backend).
        const searchDb = await database.getClient();
        httpRouter.use(
          createPpSearchIndexRouter({
            httpAuth: deps.httpAuth,
            indexes: {
              'pp-ticket': {
                page: page => ticketSearchDocuments(searchDb, page),
              },
            },
          }),
        );
        // The PP guard authenticates every route itself (401/403 audited).
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});
