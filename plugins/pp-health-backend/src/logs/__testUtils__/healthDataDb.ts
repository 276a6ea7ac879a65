import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The plugin's migrations (health, logs and queue tables) on a test database. */
export async function migrateHealthData(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-pp-health-backend',
      'migrations',
    ),
    tableName: 'pp_health_knex_migrations',
  });
}
