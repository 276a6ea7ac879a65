// @ts-check
/**
 * The tickets' text index without a pending list (PostgreSQL): with GIN's default `fastupdate`,
 * new entries wait in an unsorted list (up to 4 MB) that every search reads in full until vacuum
 * merges it, which made a rare word cost ~40 ms instead of ~0.2 ms at 100 k tickets. Tickets are
 * written far less often than searched, so each insert updates the index directly. SQLite (FTS5)
 * has nothing to change.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('alter index pp_tickets_search_idx set (fastupdate = off)');
  // entries already waiting move into the index now
  await knex.raw(`select gin_clean_pending_list('pp_tickets_search_idx')`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('alter index pp_tickets_search_idx reset (fastupdate)');
};
