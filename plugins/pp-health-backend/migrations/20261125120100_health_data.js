// @ts-check
/**
 * Health data tables (spec Stage 2): pp_logs (centralised logs when the PostgreSQL/SQLite log store
 * is used; 6-month retention enforced by the scheduled prune) and pp_queue_metrics (snapshots of
 * Temporal, Celery and RabbitMQ queue depth).
 *
 * On PostgreSQL pp_logs also gets a generated `search` tsvector column with a GIN index for
 * full-text search (`websearch_to_tsquery('simple', …)`); SQLite searches with LIKE instead.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const pg = knex.client.config.client === 'pg';

  await knex.schema.createTable('pp_logs', table => {
    table.bigIncrements('id').primary();
    table.string('service_id', 100).notNullable();
    table.string('level', 8).notNullable();
    table.text('message').notNullable();
    table.timestamp('ts', { useTz: true }).notNullable();
    table.string('trace_id', 64).nullable();
    table.text('attributes').notNullable().defaultTo('{}'); // JSON object
    table.timestamp('received_at', { useTz: true }).notNullable();
    // newest-first keyset paging, overall and per service; level filter within time
    table.index(['ts', 'id'], 'pp_logs_ts_idx');
    table.index(['service_id', 'ts', 'id'], 'pp_logs_service_ts_idx');
    table.index(['level', 'ts'], 'pp_logs_level_ts_idx');
    table.index(['trace_id'], 'pp_logs_trace_idx');
  });
  if (pg) {
    await knex.raw(
      `alter table pp_logs add column search tsvector generated always as (to_tsvector('simple', message)) stored`,
    );
    await knex.raw(
      'create index pp_logs_search_idx on pp_logs using gin (search)',
    );
  }

  await knex.schema.createTable('pp_queue_metrics', table => {
    table.bigIncrements('id').primary();
    table.string('system', 16).notNullable(); // temporal | celery | rabbitmq
    // '' for a system-level row (status error: no figures)
    table.string('queue_name', 200).notNullable();
    table.bigInteger('pending_count').nullable(); // the depth / backlog
    table.bigInteger('running_count').nullable(); // Temporal running workflows
    table.integer('consumer_count').nullable(); // RabbitMQ consumers
    table.string('status', 16).notNullable(); // ok | error
    table.text('message').nullable();
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.index(['system', 'checked_at'], 'pp_queue_metrics_system_idx');
    table.index(['checked_at'], 'pp_queue_metrics_checked_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_queue_metrics');
  await knex.schema.dropTable('pp_logs');
};
