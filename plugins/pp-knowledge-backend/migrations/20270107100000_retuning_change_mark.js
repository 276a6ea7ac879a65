/*
 * The retuning reads (the list and one proposal) become versioned reads: the `retuning` change
 * mark is raised by triggers in the transaction of every write to pp_knowledge_retunings (a
 * proposal, Genesis's verdict, an admin's decision, every rollout step and post-deployment
 * check), so a poller's unchanged read answers 304 without reading the rows.
 */
const { resolvePackagePath } = require('@backstage/backend-plugin-api');

const { createChangeMark, dropChangeMark } = require(resolvePackagePath(
  '@internal/plugin-pp-node',
  'migrations/lib/changeMarks.js',
));

const MARKED = ['pp_knowledge_retunings'];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await createChangeMark(knex, 'retuning', MARKED);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await dropChangeMark(knex, 'retuning', MARKED);
};
