// @ts-check
/**
 * Subscriptions (spec Stage 5): PP's own tables. CP's tables are never created here.
 * - pp_subscription_scores: the daily health score per subscription and day, with its three
 *   inputs and run counts; history is kept (trends, the 3-day incident trigger).
 * - pp_subscription_list: the list's index, one row per CP subscription as of the latest score
 *   job run (CP's allow-listed fields, the latest score and band, failed runs in the window), so
 *   the filtered list is one indexed query in PP's database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_subscription_scores', table => {
    table.string('subscription_id', 64).notNullable();
    table.string('day', 10).notNullable(); // UTC YYYY-MM-DD
    table.float('score').notNullable();
    table.string('band', 8).notNullable();
    table.float('success_rate').notNullable();
    table.float('error_rate').notNullable();
    table.float('activity_score').notNullable();
    table.float('expected_runs_per_day').notNullable();
    table.integer('runs_total').notNullable();
    table.integer('runs_succeeded').notNullable();
    table.integer('runs_failed').notNullable();
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table.primary(['subscription_id', 'day']);
  });
  await knex.schema.createTable('pp_subscription_list', table => {
    table.string('id', 64).primary();
    table.string('customer_id', 64).notNullable();
    table.string('customer_name', 200).notNullable();
    table.string('customer_name_lower', 200).notNullable();
    table.string('agent_id', 64).notNullable();
    table.string('agent_name', 200).nullable();
    table.string('industry', 100).nullable();
    table.string('plan', 64).nullable();
    table.string('status', 16).notNullable();
    // -1 when not scored yet: keeps the sort key non-null for keyset paging
    table.float('score').notNullable();
    table.string('band', 8).nullable();
    table.integer('runs_failed_30d').notNullable();
    table.string('scored_day', 10).nullable();
    table.timestamp('synced_at', { useTz: true }).notNullable();
    table.index(['score', 'id']);
    table.index(['runs_failed_30d', 'id']);
    table.index(['customer_name_lower', 'id']);
    table.index(['status']);
    table.index(['band']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_subscription_list');
  await knex.schema.dropTable('pp_subscription_scores');
};
