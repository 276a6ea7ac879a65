// @ts-check
/**
 * The people list's change mark notifies listening instances at commit (pp-node's
 * migrations/lib/changeMarks.js), so they keep it in memory and answer an unchanged read's 304
 * without asking the database.
 */
const { notifyChangeMarks, quietChangeMarks } = require('./lib/changeMarks');

const FAMILIES = ['users'];

/** @param {import('knex').Knex} knex */
exports.up = knex => notifyChangeMarks(knex, FAMILIES);

/** @param {import('knex').Knex} knex */
exports.down = knex => quietChangeMarks(knex, FAMILIES);
