/*
 * The outbox of retunings waiting to be handed to the external Genesis
 * (`pp.knowledge.retuning.genesis.url`), read by pp-node's `DatabasePpGenesisRequests`: one row
 * per retuning, written in the transaction that hands the proposal over; the dispatcher leases,
 * sends (signed) and retries with the notifier's backoff. The same shape as orchestration's
 * pp_agent_genesis_requests.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_knowledge_retuning_genesis_requests', t => {
    t.string('retuning_id', 64)
      .primary()
      .references('id')
      .inTable('pp_knowledge_retunings')
      .onDelete('CASCADE');
    t.string('status', 16).notNullable(); // pending, sent, failed
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).nullable();
    t.text('last_error').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('sent_at', { useTz: true }).nullable();
    t.index(['status', 'next_attempt_at'], 'pp_knowledge_retuning_genesis_due');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_knowledge_retuning_genesis_requests');
};
