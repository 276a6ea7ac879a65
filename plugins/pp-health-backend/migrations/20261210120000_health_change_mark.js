// @ts-check
/**
 * The health overview's change mark (pp-node's migrations/lib/changeMarks.js): raised by every
 * write to a table the overview reads, so an unchanged overview is answered 304 without being
 * computed.
 */
const { resolvePackagePath } = require('@backstage/backend-plugin-api');

const { createChangeMark, dropChangeMark } = require(resolvePackagePath(
  '@internal/plugin-pp-node',
  'migrations/lib/changeMarks.js',
));

const TABLES = [
  'pp_service_status',
  'pp_health_checks',
  'pp_health_rollups',
  'pp_health_daily',
  'pp_health_alerts',
  'pp_alert_conditions',
  'pp_alert_thresholds',
  'pp_health_silences',
];

/** @param {import('knex').Knex} knex */
exports.up = knex => createChangeMark(knex, 'health', TABLES);

/** @param {import('knex').Knex} knex */
exports.down = knex => dropChangeMark(knex, 'health', TABLES);
