// @ts-check
/**
 * Customer breach emails that could not go out when the breach started (the subscriptions plugin
 * could not be read for the contacts) are not lost: pp_sla_breaches.customers_pending_since marks
 * them, and the pp-sla-customer-notices task reads the contacts again while the breach runs (for
 * at most 24 h), writing the emails and clearing the mark in one transaction.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pp_sla_breaches', table => {
    table.timestamp('customers_pending_since', { useTz: true }).nullable();
    table.index(['customers_pending_since'], 'pp_sla_breaches_customers_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pp_sla_breaches', table => {
    table.dropIndex(
      ['customers_pending_since'],
      'pp_sla_breaches_customers_idx',
    );
  });
  await knex.schema.alterTable('pp_sla_breaches', table => {
    table.dropColumn('customers_pending_since');
  });
};
