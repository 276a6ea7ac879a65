// @ts-check
// pp_logs full-text search by level (PostgreSQL only): the one GIN index on `search` becomes one
// partial GIN index per log level. A text query reads one `level = '<level>' and search @@ q` arm
// per level it wants (union all), so a word that is common overall (say "timeout" in a million
// warn/error lines) but absent at the levels asked for (debug) reads an empty posting list instead
// of checking every occurrence against the table. A query over every level reads all five indexes.
//
// The levels are PP_LOG_LEVELS as this migration was written; ingestion accepts no others.

const LEVELS = ['debug', 'info', 'warn', 'error', 'fatal'];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  for (const level of LEVELS) {
    await knex.raw(
      `create index if not exists pp_logs_search_${level}_idx on pp_logs using gin (search) where level = '${level}'`,
    );
  }
  await knex.raw('drop index if exists pp_logs_search_idx');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(
    'create index if not exists pp_logs_search_idx on pp_logs using gin (search)',
  );
  for (const level of LEVELS) {
    await knex.raw(`drop index if exists pp_logs_search_${level}_idx`);
  }
};
