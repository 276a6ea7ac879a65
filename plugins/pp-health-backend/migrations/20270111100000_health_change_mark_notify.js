// @ts-check
/**
 * The health overview's change mark notifies listening instances at commit (pp-node's
 * migrations/lib/changeMarks.js), so they keep it in memory and answer an unchanged read's 304
 * without asking the database.
 */
const { resolvePackagePath } = require('@backstage/backend-plugin-api');

const { notifyChangeMarks, quietChangeMarks } = require(resolvePackagePath(
  '@internal/plugin-pp-node',
  'migrations/lib/changeMarks.js',
));

const FAMILIES = ['health'];

/** @param {import('knex').Knex} knex */
exports.up = knex => notifyChangeMarks(knex, FAMILIES);

/** @param {import('knex').Knex} knex */
exports.down = knex => quietChangeMarks(knex, FAMILIES);
