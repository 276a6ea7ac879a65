// @ts-check
/**
 * The people list's change mark (see migrations/lib/changeMarks.js): raised by every write to
 * people and their roles, so `GET /pp/v1/users` answers an unchanged list with 304 without
 * reading it.
 */
const { createChangeMark, dropChangeMark } = require('./lib/changeMarks');

const TABLES = ['pp_users', 'pp_user_roles'];

/** @param {import('knex').Knex} knex */
exports.up = knex => createChangeMark(knex, 'users', TABLES);

/** @param {import('knex').Knex} knex */
exports.down = knex => dropChangeMark(knex, 'users', TABLES);
