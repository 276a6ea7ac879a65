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

      // the list's band counters follow its rows (triggers)
      const listRow = (rowId: string, band: string | null) => ({
        id: rowId,
        customer_id: 'c',
        customer_name: 'C',
        customer_name_lower: 'c',
        agent_id: 'a',
        status: 'active',
        score: band ? 50 : -1,
        band,
        runs_failed_30d: 0,
        synced_at: new Date(),
      });
      const bandCounts = async () =>
        Object.fromEntries(
          (
            await knex('pp_subscription_band_counts')
              .groupBy('band')
              .select('band', knex.raw('sum(n) as n'))
          )
            .filter((r: any) => Number(r.n) !== 0)
            .map((r: any) => [r.band, Number(r.n)]),
        );
      await knex('pp_subscription_list').insert([
        listRow('s1', 'red'),
        listRow('s2', 'red'),
        listRow('s3', null),
      ]);
      await knex('pp_subscription_list')
        .insert({ ...listRow('s2', 'green') })
        .onConflict('id')
        .merge();
      await knex('pp_subscription_list')
        .where({ id: 's3' })
        .update({ band: 'amber', score: 70 });
      await knex('pp_subscription_list').where({ id: 's1' }).delete();
      expect(await bandCounts()).toEqual({ green: 1, amber: 1 });
      await knex('pp_subscription_list')
        .where({ id: 's2' })
        .update({ status: 'canceled' });
      expect(
        Object.fromEntries(
          (
            await knex('pp_subscription_band_counts')
              .where('n', '>', 0)
              .select('status', 'band')
          ).map((r: any) => [r.band, r.status]),
        ),
      ).toEqual({ green: 'canceled', amber: 'active' });

      // the red list indexes step down and up again
      const redIndexes = async () =>
        id.startsWith('POSTGRES')
          ? (
              await knex.raw(
                "select indexname from pg_indexes where tablename = 'pp_subscription_list' and indexname in ('pp_subscription_list_red_errors_index', 'pp_subscription_list_score_band_index') order by indexname",
              )
            ).rows.map((r: any) => r.indexname)
          : (
              await knex.raw(
                "select name from sqlite_master where type = 'index' and name in ('pp_subscription_list_red_errors_index', 'pp_subscription_list_score_band_index') order by name",
              )
            ).map((r: any) => r.name);
      expect(await redIndexes()).toEqual([
        'pp_subscription_list_red_errors_index',
        'pp_subscription_list_score_band_index',
      ]);
      await knex.migrate.down(config);
      expect(await redIndexes()).toEqual([]);
      await knex.migrate.up(config);
      expect(await redIndexes()).toHaveLength(2);
      await knex.migrate.down(config);

      // the list indexes and band counters step down and up again
      await knex.migrate.down(config);
      expect(await knex.schema.hasTable('pp_subscription_band_counts')).toBe(
        false,
      );
      await knex('pp_subscription_list').insert(listRow('s4', 'red'));
      await knex.migrate.up(config);
      expect(await bandCounts()).toEqual({ green: 1, amber: 1, red: 1 });
      await knex.migrate.down(config);

      // the two migrations before it (incidents, then actions) step down and up again, one at a time
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
      await knex.migrate.up(config);
      await knex.migrate.up(config);
      expect(await redIndexes()).toHaveLength(2);
      expect(await knex.schema.hasTable('pp_subscription_actions')).toBe(true);
      expect(await knex.schema.hasTable('pp_subscription_incidents')).toBe(
        true,
      );
      expect(await knex.schema.hasTable('pp_subscription_band_counts')).toBe(
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
      // the exports migration steps down and up again too (after the four later ones)
      for (let i = 0; i < 5; i++) await knex.migrate.down(config);
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
