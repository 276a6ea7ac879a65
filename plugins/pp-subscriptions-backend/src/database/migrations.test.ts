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
      expect(await knex.schema.hasTable('pp_subscription_incidents')).toBe(
        true,
      );
      expect(await knex.schema.hasTable('pp_subscription_actions')).toBe(true);
      expect(await knex.schema.hasTable('pp_subscription_exports')).toBe(true);
      // CP's tables are never PP's
      expect(await knex.schema.hasTable('agent_runs')).toBe(false);
      // one pending action of a kind per subscription; completed ones do not count
      const action = (actionId: string, status: string, key: string) => ({
        id: actionId,
        subscription_id: 'sub-1',
        subscription_name: 'Demo Bakery Ltd',
        kind: 'force_cancel',
        status,
        reason: 'test',
        refund: 'none',
        idempotency_key: key,
        request_hash: 'h',
        requested_by: 'user:pp/a',
        created_at: new Date(),
      });
      await knex('pp_subscription_actions').insert(
        action('a1', 'completed', 'key-00001'),
      );
      await knex('pp_subscription_actions').insert(
        action('a2', 'pending', 'key-00002'),
      );
      const insert = (row: object) =>
        knex('pp_subscription_actions')
          .insert(row)
          .then(
            () => 'inserted',
            (e: any) => String(e?.code ?? e?.message ?? e),
          );
      expect(await insert(action('a3', 'pending', 'key-00003'))).toMatch(
        /^(23505|SQLITE_CONSTRAINT_UNIQUE)$/,
      );
      // an idempotency key is unique per requester
      expect(await insert(action('a4', 'failed', 'key-00001'))).toMatch(
        /^(23505|SQLITE_CONSTRAINT_UNIQUE)$/,
      );
      expect(
        await knex('pp_subscription_actions').orderBy('id').pluck('id'),
      ).toEqual(['a1', 'a2']);

      // the two latest migrations (incidents, then actions) step down and up again, one at a time
      await knex.migrate.down(config);
      expect(await knex.schema.hasTable('pp_subscription_incidents')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('pp_subscription_actions')).toBe(true);
      await knex.migrate.down(config);
      expect(await knex.schema.hasTable('pp_subscription_actions')).toBe(false);
      expect(await knex.schema.hasTable('pp_subscription_list')).toBe(true);
      await knex.migrate.up(config);
      await knex.migrate.up(config);
      expect(await knex.schema.hasTable('pp_subscription_actions')).toBe(true);
      expect(await knex.schema.hasTable('pp_subscription_incidents')).toBe(
        true,
      );

      await knex.migrate.rollback(config, true);
      expect(await knex.schema.hasTable('pp_subscription_actions')).toBe(false);
      expect(await knex.schema.hasTable('pp_subscription_scores')).toBe(false);
      expect(await knex.schema.hasTable('pp_subscription_list')).toBe(false);
      expect(await knex.schema.hasTable('pp_subscription_incidents')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('pp_subscription_exports')).toBe(false);
      await knex.migrate.latest(config);
      // the exports migration steps down and up again too (after the two later ones)
      for (let i = 0; i < 3; i++) await knex.migrate.down(config);
      expect(await knex.schema.hasTable('pp_subscription_exports')).toBe(false);
      expect(await knex.schema.hasTable('pp_subscription_scores')).toBe(true);
      await knex.migrate.latest(config);
      expect(await knex.schema.hasTable('pp_subscription_exports')).toBe(true);
      expect(await knex.schema.hasTable('pp_subscription_incidents')).toBe(
        true,
      );
    });
  },
);
