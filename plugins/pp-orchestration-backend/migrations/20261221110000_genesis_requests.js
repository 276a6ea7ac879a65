// @ts-check
/**
 * The external Genesis (`pp.orchestration.genesis.url`): one row per creation PP has to hand to
 * Genesis, written in the creation's transaction, so that nothing is lost when Genesis is down.
 * A sender claims due rows (`next_attempt_at`, moved forward as a lease), posts them signed, and
 * marks them sent, or retries with backoff until `failed`. Genesis answers on the signed webhook.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_agent_genesis_requests', table => {
    table
      .string('creation_id', 36)
      .primary()
      .references('id')
      .inTable('pp_agent_creations')
      .onDelete('CASCADE');
    table.string('status', 16).notNullable(); // pending, sent, failed
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('sent_at', { useTz: true }).nullable();
    table.index(['status', 'next_attempt_at'], 'pp_agent_genesis_requests_due');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_agent_genesis_requests');
};
