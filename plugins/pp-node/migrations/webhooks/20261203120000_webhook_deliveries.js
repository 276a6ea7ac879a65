// @ts-check
/**
 * Signed webhooks (`ppSignedWebhookHandler`): the deliveries a plugin has accepted, so that a
 * replayed one is refused on every instance. One row per (source, key): the signature of the
 * request, and its `X-PP-Delivery` id when the sender gives one. A row is needed only while its
 * timestamp is inside the accepted window; `expires_at` says when it may go.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_webhook_deliveries', table => {
    table.string('source', 64).notNullable();
    table.string('delivery_key', 128).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.primary(['source', 'delivery_key']);
    table.index(['expires_at'], 'pp_webhook_deliveries_expiry');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_webhook_deliveries');
};
