// @ts-check
/**
 * The transactional outbox: a plugin writes each message (what to tell, to whom) into
 * pp_notification_messages through the same transaction as the state change it is about, so the
 * two commit or roll back together. The delivery task later expands a message into one
 * pp_notification_outbox row per channel and target (recipients are resolved then) and sends them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_notification_messages', table => {
    table.bigIncrements('id').primary();
    table.string('topic', 128).notNullable();
    table.string('reference', 256).nullable();
    table.text('payload').notNullable(); // JSON of the PpNotificationMessage
    // pending: not yet expanded into deliveries; expanded; failed: recipients never resolved
    table.string('status', 16).notNullable().defaultTo('pending');
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('last_error').nullable();
    table.timestamp('next_attempt_at', { useTz: true }).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expanded_at', { useTz: true }).nullable();
    table.index(
      ['status', 'next_attempt_at'],
      'pp_notification_messages_due_idx',
    );
  });
  await knex.schema.alterTable('pp_notification_outbox', table => {
    table.bigInteger('message_id').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pp_notification_outbox', table => {
    table.dropColumn('message_id');
  });
  await knex.schema.dropTable('pp_notification_messages');
};
