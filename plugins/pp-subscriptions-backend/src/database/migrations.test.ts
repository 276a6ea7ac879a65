import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

const config = {
  directory: resolvePackagePath(
    '@internal/plugin-pp-subscriptions-backend',
    'migrations',
  ),
  tableName: 'pp_subscriptions_knex_migrations',
};

describe.each(databases.eachSupportedId())(
  'subscriptions migrations (%s)',
  id => {
    it('step up and down', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest(config);
      expect(await knex.schema.hasTable('pp_subscription_scores')).toBe(true);
      expect(await knex.schema.hasTable('pp_subscription_list')).toBe(true);
      expect(await knex.schema.hasTable('pp_subscription_exports')).toBe(true);
      // CP's tables are never PP's
      expect(await knex.schema.hasTable('agent_runs')).toBe(false);
      await knex.migrate.rollback(config, true);
      expect(await knex.schema.hasTable('pp_subscription_scores')).toBe(false);
      expect(await knex.schema.hasTable('pp_subscription_list')).toBe(false);
      expect(await knex.schema.hasTable('pp_subscription_exports')).toBe(false);
      await knex.migrate.latest(config);
      // the exports migration alone steps down and up again
      await knex.migrate.down(config);
      expect(await knex.schema.hasTable('pp_subscription_exports')).toBe(false);
      expect(await knex.schema.hasTable('pp_subscription_scores')).toBe(true);
      await knex.migrate.up(config);
      expect(await knex.schema.hasTable('pp_subscription_exports')).toBe(true);
    });
  },
);
