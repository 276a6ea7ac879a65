// @ts-check
/*
 * The filtered subscription list at scale (issue #14, bench/subscriptions): with 100 k rows,
 * a filter walked the score index and dropped the rows that did not match (status=churned: 19 k
 * rows read for a page of 50), and the band counts of a filtered list read the whole table.
 * - one index per equality filter, in the default sort's order: (filter, score, id), so the page
 *   is an index range in order; on PostgreSQL it includes `band`, so the filter's band counts are
 *   an index-only scan;
 * - the customer filter (`customer_id = ? or customer_name_lower like 'prefix%'`): an index on
 *   customer_id, and on PostgreSQL a `varchar_pattern_ops` index for the prefix (a plain btree
 *   cannot serve LIKE unless the database collation is C);
 * - pp_subscription_band_counts: the list's rows per (status, industry, agent, band), kept by
 *   triggers on pp_subscription_list, so the band counts of a list filtered by those only (or not
 *   at all: `band=…` alone, whose counts ignore the band) sum a few hundred counters instead of
 *   counting up to the whole table.
 */

const FILTERS = ['status', 'band', 'industry', 'agent_id'];

/** @param {import('knex').Knex} knex */
const isPg = knex => knex.client.config.client === 'pg';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  for (const column of FILTERS) {
    const name = `pp_subscription_list_${column}_score_id_index`;
    if (isPg(knex)) {
      await knex.raw(
        `CREATE INDEX ${name} ON pp_subscription_list (${column}, score, id)${
          column === 'band' ? '' : ' INCLUDE (band)'
        }`,
      );
    } else {
      await knex.schema.alterTable('pp_subscription_list', table => {
        table.index([column, 'score', 'id'], name);
      });
    }
  }
  await knex.schema.alterTable('pp_subscription_list', table => {
    table.index(['customer_id'], 'pp_subscription_list_customer_id_index');
  });
  if (isPg(knex)) {
    await knex.raw(
      'CREATE INDEX pp_subscription_list_customer_prefix_index ON pp_subscription_list (customer_name_lower varchar_pattern_ops)',
    );
  }

  // one counter per (status, industry, agent, band): a few hundred rows at most
  await knex.schema.createTable('pp_subscription_band_counts', table => {
    table.string('status', 16).notNullable();
    table.string('industry', 100).notNullable(); // '' = none
    table.string('agent_id', 64).notNullable();
    table.string('band', 8).notNullable(); // '' = not scored
    table.bigInteger('n').notNullable().defaultTo(0);
    table.primary(['status', 'industry', 'agent_id', 'band']);
  });
  await knex.raw(
    `insert into pp_subscription_band_counts (status, industry, agent_id, band, n)
     select status, coalesce(industry, ''), agent_id, coalesce(band, ''), count(*)
     from pp_subscription_list group by status, coalesce(industry, ''), agent_id, coalesce(band, '')`,
  );
  if (isPg(knex)) {
    await knex.raw(`
      create function pp_subscription_band_count_add(s text, i text, a text, b text, d integer)
      returns void language sql as $$
        insert into pp_subscription_band_counts (status, industry, agent_id, band, n)
        values (s, coalesce(i, ''), a, coalesce(b, ''), d)
        on conflict (status, industry, agent_id, band)
        do update set n = pp_subscription_band_counts.n + excluded.n
      $$`);
    // two counter rows change in key order, so two rows moving in opposite directions cannot
    // deadlock on them
    await knex.raw(`
      create function pp_subscription_list_band_count() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          perform pp_subscription_band_count_add(new.status, new.industry, new.agent_id, new.band, 1);
        elsif tg_op = 'DELETE' then
          perform pp_subscription_band_count_add(old.status, old.industry, old.agent_id, old.band, -1);
        elsif (old.status, coalesce(old.industry, ''), old.agent_id, coalesce(old.band, ''))
            < (new.status, coalesce(new.industry, ''), new.agent_id, coalesce(new.band, '')) then
          perform pp_subscription_band_count_add(old.status, old.industry, old.agent_id, old.band, -1);
          perform pp_subscription_band_count_add(new.status, new.industry, new.agent_id, new.band, 1);
        else
          perform pp_subscription_band_count_add(new.status, new.industry, new.agent_id, new.band, 1);
          perform pp_subscription_band_count_add(old.status, old.industry, old.agent_id, old.band, -1);
        end if;
        return null;
      end $$`);
    await knex.raw(`
      create trigger pp_subscription_list_band_count_insdel after insert or delete on pp_subscription_list
      for each row execute function pp_subscription_list_band_count()`);
    await knex.raw(`
      create trigger pp_subscription_list_band_count_upd
      after update of status, industry, agent_id, band on pp_subscription_list
      for each row when (old.status is distinct from new.status or old.industry is distinct from new.industry
                         or old.agent_id is distinct from new.agent_id or old.band is distinct from new.band)
      execute function pp_subscription_list_band_count()`);
    return;
  }
  /** @param {'new' | 'old'} row @param {number} d */
  const add = (row, d) => `
      insert into pp_subscription_band_counts (status, industry, agent_id, band, n)
      values (${row}.status, coalesce(${row}.industry, ''), ${row}.agent_id, coalesce(${row}.band, ''), ${d})
      on conflict (status, industry, agent_id, band) do update set n = n + (${d});`;
  await knex.raw(`
    create trigger pp_subscription_list_band_count_ins after insert on pp_subscription_list begin
      ${add('new', 1)}
    end`);
  await knex.raw(`
    create trigger pp_subscription_list_band_count_del after delete on pp_subscription_list begin
      ${add('old', -1)}
    end`);
  await knex.raw(`
    create trigger pp_subscription_list_band_count_upd
    after update of status, industry, agent_id, band on pp_subscription_list
    when old.status is not new.status or old.industry is not new.industry
      or old.agent_id is not new.agent_id or old.band is not new.band
    begin
      ${add('old', -1)}
      ${add('new', 1)}
    end`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPg(knex)) {
    await knex.raw(
      'drop trigger pp_subscription_list_band_count_upd on pp_subscription_list',
    );
    await knex.raw(
      'drop trigger pp_subscription_list_band_count_insdel on pp_subscription_list',
    );
    await knex.raw('drop function pp_subscription_list_band_count()');
    await knex.raw(
      'drop function pp_subscription_band_count_add(text, text, text, text, integer)',
    );
  } else {
    for (const t of ['ins', 'del', 'upd']) {
      await knex.raw(`drop trigger pp_subscription_list_band_count_${t}`);
    }
  }
  await knex.schema.dropTable('pp_subscription_band_counts');
  if (isPg(knex)) {
    await knex.raw('DROP INDEX pp_subscription_list_customer_prefix_index');
  }
  await knex.schema.alterTable('pp_subscription_list', table => {
    table.dropIndex(['customer_id'], 'pp_subscription_list_customer_id_index');
    for (const column of FILTERS) {
      table.dropIndex(
        [column, 'score', 'id'],
        `pp_subscription_list_${column}_score_id_index`,
      );
    }
  });
};
