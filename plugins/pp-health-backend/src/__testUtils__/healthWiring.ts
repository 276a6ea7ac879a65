import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { PpQueueSystemStatus } from '@internal/plugin-pp-common';
import { PpGuard, PpTransactionalNotifier } from '@internal/plugin-pp-node';
import express from 'express';
import { Knex } from 'knex';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { DatabaseLogStore } from '../logs/DatabaseLogStore';
import { QueueCollectors } from '../queues/types';
import { HealthCommands } from '../service/HealthCommands';
import { HealthQueries } from '../service/HealthQueries';
import { healthApi } from '../service/healthApi';
import { createHealthRouter } from '../service/router';

/**
 * The health plugin's wiring as plugin.ts does it, on a test database with a controlled clock;
 * queue figures come from `queues` (the collectors' latest snapshot).
 */
export async function healthTestWiring(
  knex: Knex,
  now: () => Date,
  opts: {
    queues?: () => Promise<PpQueueSystemStatus[]>;
    /** The commands' outbox (acknowledgement notices). */
    notifier?: PpTransactionalNotifier;
  } = {},
) {
  const store = await DatabaseHealthStore.create({
    database: { getClient: async () => knex },
  });
  const queries = new HealthQueries(store, { now, checkIntervalSeconds: 30 });
  const commands = new HealthCommands(store, {
    now,
    notifier: opts.notifier,
  });
  const collectors: QueueCollectors = {
    latest: opts.queues ?? (async () => []),
    collectAndStore: async () => [],
    prune: async () => 0,
  };
  const api = healthApi({
    queries,
    commands,
    collectors,
    logs: new DatabaseLogStore(knex, { now }),
  });
  return { store, queries, commands, api };
}

/** Catalog services of these ids, as the store syncs them. */
export const testCatalogServices = (ids: string[]) =>
  ids.map(s => ({
    service_id: s,
    entity_ref: `component:default/${s}`,
    title: s,
    description: null,
    owner: null,
    health_check_url: null,
  }));

/** The health router (check interval 30 s) with Backstage's error handler. */
export function healthTestApp(
  guard: PpGuard,
  wiring: Pick<
    Awaited<ReturnType<typeof healthTestWiring>>,
    'api' | 'commands'
  >,
) {
  return express()
    .use(createHealthRouter({ guard, ...wiring, maxAgeSeconds: 30 }))
    .use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
}
