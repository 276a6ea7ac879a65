// @ts-check
/**
 * Subscriptions (spec Stage 5): exports of a subscription's agent runs (CSV, PDF), made in the
 * background. One row per requested export: what was asked (format, filters, reason, by whom),
 * its progress, where its file is, and the lease of the worker making it (a worker that dies
 * leaves its lease to expire; the exports job then makes the export again from the start).
 * The row stays after the file expires (status `expired`): what was exported, by whom and why.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_subscription_exports', table => {
    table.string('id', 36).primary();
    table.string('subscription_id', 64).notNullable();
    table.string('format', 8).notNullable(); // csv | pdf
    table.text('filters').notNullable(); // JSON: status, from, to
    table.string('reason', 500).notNullable();
    // queued → running → succeeded | failed; succeeded → expired
    table.string('status', 16).notNullable();
    table.bigInteger('rows_total').nullable();
    table.bigInteger('rows_written').notNullable().defaultTo(0);
    table.bigInteger('size_bytes').nullable();
    // the file name in the exports directory (never a path: the directory is configuration)
    table.string('storage_key', 200).nullable();
    table.string('file_name', 200).nullable(); // what a download is called
    table.text('error').nullable();
    table.string('requested_by', 255).notNullable(); // principal ref
    table.string('requested_by_name', 255).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.timestamp('expires_at', { useTz: true }).nullable();
    table.string('lease_owner', 100).nullable();
    table.timestamp('lease_until', { useTz: true }).nullable();
    // the caller's recent exports of a subscription, newest first
    table.index(['subscription_id', 'requested_by', 'created_at']);
    // what the job claims (queued, lease-expired running) and expires (succeeded, expires_at)
    table.index(['status', 'lease_until']);
    table.index(['status', 'expires_at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_subscription_exports');
};
