// @ts-check
/*
 * Incidents PP opened in the helpdesk for a subscription (issue #14's triggers): at most one open
 * per subscription and trigger (a partial unique index on both engines), the helpdesk ticket it
 * became, and when PP saw it closed. `pp_subscription_monitor_marks` keeps the monitor's
 * watermarks (e.g. the last failed run it looked at).
 */
/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_subscription_incidents', table => {
    table.string('id', 36).primary();
    table.string('subscription_id', 64).notNullable();
    table.string('kind', 32).notNullable();
    // null until the helpdesk answered (retried by the monitor's next run)
    table.string('ticket_id', 64).nullable();
    table.string('ticket_number', 32).nullable();
    table.boolean('open').notNullable();
    table.text('detail').notNullable();
    table.text('last_error').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('closed_at', { useTz: true }).nullable();
    table.index(['subscription_id', 'created_at']);
  });
  await knex.raw(
    'CREATE UNIQUE INDEX pp_subscription_incidents_one_open ON pp_subscription_incidents (subscription_id, kind) WHERE open = true',
  );
  await knex.schema.createTable('pp_subscription_monitor_marks', table => {
    table.string('name', 64).primary();
    table.string('value', 64).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_subscription_monitor_marks');
  await knex.schema.dropTable('pp_subscription_incidents');
};
