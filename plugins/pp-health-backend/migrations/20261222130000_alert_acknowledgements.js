// @ts-check
/**
 * Alert acknowledgements: an infrastructure engineer or admin says "I have this one" (who, when,
 * an optional note). The alert stays firing until its condition clears; acknowledging only records
 * who owns it and keeps a late "fired" notice (after a silence ends) from going out again.
 */

/** @param {import('knex').Knex} knex */
exports.up = async knex => {
  await knex.schema.alterTable('pp_health_alerts', table => {
    table.timestamp('acknowledged_at', { useTz: true }).nullable();
    table.string('acknowledged_by_id', 255).nullable();
    table.string('acknowledged_by_name', 255).nullable();
    table.string('acknowledged_by_email', 320).nullable();
    table.text('acknowledge_note').nullable();
  });
};

const COLUMNS = [
  'acknowledged_at',
  'acknowledged_by_id',
  'acknowledged_by_name',
  'acknowledged_by_email',
  'acknowledge_note',
];

/**
 * Plain `alter table … drop column` on both engines: knex's SQLite column drop copies the table,
 * which would lose the change-mark triggers of pp_health_alerts.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async knex => {
  for (const column of COLUMNS) {
    await knex.raw('alter table ?? drop column ??', [
      'pp_health_alerts',
      column,
    ]);
  }
};
