// @ts-check
/**
 * The tickets' change mark (pp-node's migrations/lib/changeMarks.js): raised by every write to
 * `pp_tickets`, so the queue's GET answers an unchanged queue with 304 without reading the page
 * (see `version` in pp-node's PpCommand).
 */
const { resolvePackagePath } = require('@backstage/backend-plugin-api');

const { createChangeMark, dropChangeMark } = require(resolvePackagePath(
  '@internal/plugin-pp-node',
  'migrations/lib/changeMarks.js',
));

const TABLES = ['pp_tickets'];

/** @param {import('knex').Knex} knex */
exports.up = knex => createChangeMark(knex, 'tickets', TABLES);

/** @param {import('knex').Knex} knex */
exports.down = knex => dropChangeMark(knex, 'tickets', TABLES);
