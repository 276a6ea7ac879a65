// @ts-check
/**
 * Conditions another PP plugin measures (spec Stage 8: "alerts if scraping fails 3 consecutive
 * times"): the latest figure per rule, reporting plugin and subject, which every alert evaluation
 * judges like the health plugin's own measurements; and the `ingestion_failing` rule (3
 * consecutive failed runs of a knowledge source, at once, warning), editable like the others.
 */

/** @param {import('knex').Knex} knex */
exports.up = async knex => {
  await knex.schema.createTable('pp_health_reported_conditions', table => {
    table.string('alert_type', 40).notNullable();
    table.string('service_id', 100).notNullable();
    table.string('subject', 255).notNullable();
    table.double('value').notNullable();
    table.text('message').notNullable();
    table.timestamp('reported_at', { useTz: true }).notNullable();
    table.primary(['alert_type', 'service_id', 'subject']);
  });
  await knex('pp_alert_thresholds').insert({
    alert_type: 'ingestion_failing',
    threshold_value: 3,
    duration_seconds: 0,
    severity: 'warning',
    enabled: true,
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async knex => {
  await knex('pp_alert_thresholds')
    .where({ alert_type: 'ingestion_failing' })
    .delete();
  await knex.schema.dropTable('pp_health_reported_conditions');
};
