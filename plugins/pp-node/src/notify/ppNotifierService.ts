import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { ppIdentityServiceRef } from '../identity/PpIdentityService';
import {
  DatabaseNotifier,
  ppNotificationChannelsFromConfig,
} from './DatabaseNotifier';
import { PpTransactionalNotifier } from './types';

/** Runs the outbox migrations in a plugin's database (their own knex migrations table). @public */
export async function migratePpNotifier(db: import('knex').Knex) {
  await db.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-pp-node',
      'migrations/notify',
    ),
    tableName: 'pp_notify_knex_migrations',
  });
}

/**
 * The PP notifier of a plugin: its outbox lives in the plugin's own database (so the plugin writes
 * notices through its own transactions, `enqueue(tx, …)`), and a scheduled task (one runner at a
 * time across instances) delivers what is left in it and retries failed deliveries with backoff.
 *
 * @public
 */
export const ppNotifierServiceRef = createServiceRef<PpTransactionalNotifier>({
  id: 'pp.notifier',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        identity: ppIdentityServiceRef,
        notifications: notificationService,
      },
      async factory({
        database,
        scheduler,
        config,
        logger,
        identity,
        notifications,
      }) {
        const db = await database.getClient();
        if (!database.migrations?.skip) await migratePpNotifier(db);
        const notifier = new DatabaseNotifier({
          db,
          users: identity.users,
          channels: ppNotificationChannelsFromConfig(config),
          logger,
          notifications,
          appBaseUrl: config.getOptionalString('app.baseUrl'),
        });
        await scheduler.scheduleTask({
          id: 'pp-notifier-deliver',
          scope: 'global',
          frequency: { seconds: 30 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            const run = await notifier.deliverDue();
            if (run.sent || run.retrying || run.failed) {
              logger.info(
                `PP notifications: ${run.sent} sent, ${run.retrying} to retry, ${run.failed} given up`,
              );
            }
          },
        });
        return notifier;
      },
    }),
});
