import {
  coreServices,
  createBackendPlugin,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  createPpGuard,
  ppIdentityServiceRef,
  ppNotifierServiceRef,
} from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { registerTicketActions } from './actions';
import { seedDemoTickets } from './seed/demoTickets';
import { helpdeskSettingsFromConfig } from './service/config';
import { createRouter } from './service/router';
import { EntityCheck, TicketService } from './service/TicketService';

export async function migrateHelpdesk(db: Knex) {
  await db.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-pp-helpdesk-backend',
      'migrations',
    ),
    tableName: 'pp_helpdesk_knex_migrations',
  });
}

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
        scheduler: coreServices.scheduler,
        identity: ppIdentityServiceRef,
        notifier: ppNotifierServiceRef,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { httpRouter, config, logger, database, scheduler, identity } =
          deps;
        const db = await database.getClient();
        await migrateHelpdesk(db);
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

        const tickets = new TicketService({
          db,
          users: identity.users,
          notifier: deps.notifier,
          settings,
          logger,
          checkEntity,
          audit: entry => identity.record(entry),
        });
        const guard = createPpGuard(deps);

        // One runner at a time across instances.
        await scheduler.scheduleTask({
          id: 'pp-helpdesk-sla-check',
          frequency: { seconds: settings.slaCheckSeconds },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 15 },
          fn: async () => {
            const run = await tickets.runSlaCheck();
            if (run.warned || run.breached || run.escalated) {
              logger.info(
                `Helpdesk SLA check: ${run.warned} breach imminent, ${run.breached} breached, ${run.escalated} escalated`,
              );
            }
          },
        });

        if (config.getOptionalBoolean('pp.demo.enabled')) {
          // Demo users come from pp-users, which may start after this plugin: seed in the background.
          void seedDemoTickets({
            db,
            users: identity.users,
            settings,
            logger,
          }).catch(error => logger.warn(`Demo tickets not seeded: ${error}`));
        }

        registerTicketActions(deps.actionsRegistry, tickets, guard);

        httpRouter.use(await createRouter({ tickets, guard, logger }));
        // The PP guard authenticates every route itself (401/403 audited).
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});
