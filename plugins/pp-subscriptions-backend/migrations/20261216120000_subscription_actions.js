// @ts-check
/**
 * Subscriptions (spec Stage 5): pp_subscription_actions, what PP asked the Customer Portal (CP) to
 * do to a subscription (force-cancel), with its progress. Writes to CP go through the CP port;
 * this table is PP's record of them, their retries and their outcome.
 * - idempotency_key is unique per requester (`requested_by`); request_hash tells a repeated request
 *   (the same action) from a reused key with another body (409);
 * - at most one pending action of a kind per subscription (a partial unique index);
 * - next_attempt_at is when a pending action is (re)tried; a runner claims an action by moving it
 *   forward in a conditional update, so two runners never call CP for the same action at once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_subscription_actions', table => {
    table.string('id', 36).primary();
    table.string('subscription_id', 64).notNullable();
    // how people name it (customer and agent), as of the request: notices never show the id
    table.string('subscription_name', 500).notNullable();
    table.string('kind', 32).notNullable(); // force_cancel
    table.string('status', 16).notNullable(); // pending, completed, failed
    table.text('reason').notNullable();
    table.string('refund', 16).notNullable(); // none, prorated, full
    table.decimal('refund_amount', 14, 2).nullable();
    table.string('idempotency_key', 200).notNullable();
    table.string('request_hash', 64).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('last_error').nullable();
    table.timestamp('next_attempt_at', { useTz: true }).nullable();
    table.string('requested_by', 255).notNullable(); // principal ref
    table.string('requested_by_name', 200).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.unique(['requested_by', 'idempotency_key'], {
      indexName: 'pp_subscription_actions_key',
    });
    table.index(['subscription_id', 'created_at']);
    table.index(['status', 'next_attempt_at']);
  });
  // one pending action of a kind per subscription (PostgreSQL and SQLite both take a partial index)
  await knex.raw(
    `CREATE UNIQUE INDEX pp_subscription_actions_one_pending ON pp_subscription_actions (subscription_id, kind) WHERE status = 'pending'`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_subscription_actions');
};
