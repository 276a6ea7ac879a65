import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import knexFactory, { Knex } from 'knex';
import { seedDemoCustomerPortal } from '../seed/demoCustomerPortal';
import { CustomerPortalStore } from './CustomerPortalStore';
import { DatabaseCustomerPortalStore } from './DatabaseCustomerPortalStore';

/**
 * The CP connector the plugin runs with:
 * - `pp.customerPortal.database` (client + connection): CP's database through a knex connection of
 *   its own (PostgreSQL in production, a read-only role; see the README);
 * - otherwise, with `pp.demo.enabled`: the demo CP, a separate in-memory SQLite database (knex +
 *   better-sqlite3, one connection) created and seeded here at startup;
 * - otherwise none: subscription reads answer 503 until CP is configured.
 */
export async function connectCustomerPortal(options: {
  config: Config;
  logger: LoggerService;
}): Promise<{
  store: CustomerPortalStore;
  kind: 'cp' | 'demo' | 'none';
  /** The demo CP's database (kind `demo`), for the demo CP port. */
  demoDb?: Knex;
}> {
  const { config, logger } = options;
  const db = config.getOptionalConfig('pp.customerPortal.database');
  if (db) {
    const knex = knexFactory({
      client: db.getString('client'),
      connection: db.get('connection') as Knex.StaticConnectionConfig,
      pool: { min: 0, max: db.getOptionalNumber('poolMax') ?? 5 },
      useNullAsDefault: true,
    });
    return {
      store: new DatabaseCustomerPortalStore(knex, { destroyOnClose: true }),
      kind: 'cp',
    };
  }
  if (config.getOptionalBoolean('pp.demo.enabled')) {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      // one connection: an in-memory database lives in its connection
      pool: { min: 1, max: 1, idleTimeoutMillis: 2 ** 31 - 1 },
      useNullAsDefault: true,
    });
    const runs = await seedDemoCustomerPortal(knex);
    logger.info(`Demo Customer Portal seeded (${runs} demo agent runs)`);
    return {
      store: new DatabaseCustomerPortalStore(knex, { destroyOnClose: true }),
      kind: 'demo',
      demoDb: knex,
    };
  }
  logger.warn(
    'pp.customerPortal.database is not configured (and pp.demo.enabled is off): subscription reads answer 503',
  );
  return { store: unconfiguredStore(), kind: 'none' };
}

function unconfiguredStore(): CustomerPortalStore {
  const fail = async (): Promise<never> => {
    throw new ServiceUnavailableError(
      'The Customer Portal database is not configured (pp.customerPortal.database)',
    );
  };
  return {
    listSubscriptions: async () => [],
    getSubscription: fail,
    liveContacts: fail,
    runCounts: fail,
    runMarks: fail,
    recentErrors: fail,
    listRuns: fail,
    // nothing to watch without a CP
    failedRunsAfter: async () => [],
    latestFinishedRuns: fail,
    countRuns: fail,
    // eslint-disable-next-line require-yield
    runBatches: async function* unconfigured() {
      await fail();
    },
    close: async () => {},
  };
}
