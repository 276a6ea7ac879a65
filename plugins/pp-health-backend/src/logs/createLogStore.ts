import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Knex } from 'knex';
import { DatabaseLogStore } from './DatabaseLogStore';
import { ElasticsearchLogStore } from './ElasticsearchLogStore';
import { LogStore } from './types';

/** `pp.health.logs.backend`: `postgres` (default, the plugin's database) or `elasticsearch`. */
export async function createLogStore(opts: {
  config: Config;
  db: Knex;
  logger: LoggerService;
}): Promise<LogStore> {
  const backend =
    opts.config.getOptionalString('pp.health.logs.backend') ?? 'postgres';
  if (backend === 'elasticsearch') {
    const store = ElasticsearchLogStore.fromConfig(opts.config, opts.logger);
    opts.logger.info('Health logs: Elasticsearch');
    return store;
  }
  if (backend !== 'postgres') {
    throw new Error(
      `pp.health.logs.backend must be postgres or elasticsearch, not ${backend}`,
    );
  }
  return new DatabaseLogStore(opts.db);
}
