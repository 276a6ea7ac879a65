// @ts-check
/*
 * The red list at scale (issue #14, bench/subscriptions): `score_lt=60&sort=-errors` ("red
 * subscriptions, most failures first", the subscription manager's working view) missed its p95 at
 * concurrency 8. Red rows are ~3 % of the list: the page walked the whole errors order dropping
 * the others, and the band counts read every row under 60 from the table.
 * - a partial index of the red rows (score in [0, 60), the spec's red band; the list's
 *   `score_lt=N` filter for any N ≤ 60 falls inside it) in errors order: the page is an index
 *   range of its 50 rows, either direction;
 * - `(score)` with the band (PostgreSQL: INCLUDE): the counts of a score filter are an
 *   index-only scan.
 */

/** @param {import('knex').Knex} knex */
const isPg = knex => knex.client.config.client === 'pg';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.raw(
    'CREATE INDEX pp_subscription_list_red_errors_index ON pp_subscription_list (runs_failed_30d, id) WHERE score >= 0 AND score < 60',
  );
  await knex.raw(
    isPg(knex)
      ? 'CREATE INDEX pp_subscription_list_score_band_index ON pp_subscription_list (score) INCLUDE (band)'
      : 'CREATE INDEX pp_subscription_list_score_band_index ON pp_subscription_list (score, band)',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX pp_subscription_list_score_band_index');
  await knex.raw('DROP INDEX pp_subscription_list_red_errors_index');
};
