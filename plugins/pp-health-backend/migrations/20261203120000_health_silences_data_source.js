// @ts-check
/**
 * Alert silences and maintenance windows, and where recorded figures come from.
 *
 * - pp_health_silences: a silence or maintenance window (Alertmanager-like) for a service and/or a
 *   rule, with start, end, reason and author; ending one early moves `ends_at` to that moment (the
 *   row is kept: it explains the silenced alerts).
 * - pp_health_alerts.silence_id: the silence that covered an alert when it fired (it is recorded,
 *   not notified); `notified_at`: when its "fired" notice was written to the outbox (null while
 *   silenced; existing alerts were notified when they fired).
 * - `data_source` ('live' | 'demo') on pp_health_checks, pp_service_status (of the latest check or
 *   heartbeat) and pp_logs: figures of the demo generator are labelled. Existing log lines the demo
 *   wrote carry `"demo":true` in their attributes and are labelled from it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_health_silences', table => {
    table.string('id', 36).primary();
    table.string('kind', 16).notNullable(); // silence | maintenance
    table.string('service_id', 100).nullable();
    table.string('alert_type', 40).nullable();
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('ends_at', { useTz: true }).notNullable();
    table.text('reason').notNullable();
    table.string('created_by_id', 255).notNullable();
    table.string('created_by_name', 255).notNullable();
    table.string('created_by_email', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('ended_by_id', 255).nullable();
    table.string('ended_by_name', 255).nullable();
    table.string('ended_by_email', 255).nullable();
    // the evaluator and the pages read the silences that have not ended
    table.index(['ends_at'], 'pp_health_silences_ends_idx');
  });

  await knex.schema.alterTable('pp_health_alerts', table => {
    table.string('silence_id', 36).nullable();
    table.timestamp('notified_at', { useTz: true }).nullable();
  });
  await knex('pp_health_alerts').update({
    notified_at: knex.ref('started_at'),
  });

  for (const name of ['pp_health_checks', 'pp_service_status', 'pp_logs']) {
    await knex.schema.alterTable(name, table => {
      table.string('data_source', 8).notNullable().defaultTo('live');
    });
  }
  await knex('pp_logs')
    .where('attributes', 'like', '%"demo":true%')
    .update({ data_source: 'demo' });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of ['pp_logs', 'pp_service_status', 'pp_health_checks']) {
    await knex.schema.alterTable(name, table => {
      table.dropColumn('data_source');
    });
  }
  await knex.schema.alterTable('pp_health_alerts', table => {
    table.dropColumn('notified_at');
    table.dropColumn('silence_id');
  });
  await knex.schema.dropTable('pp_health_silences');
};
