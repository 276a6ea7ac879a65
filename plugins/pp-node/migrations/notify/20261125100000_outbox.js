// @ts-check
/**
 * The PP notification outbox: one row per delivery (portal, Slack channel, email address).
 * Lives in the database of each plugin that sends notifications (its own migrations table).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_notification_outbox', table => {
    table.bigIncrements('id').primary();
    table.string('channel', 16).notNullable(); // portal | slack | email
    table.string('target', 512).notNullable(); // user refs (portal), channel key, address
    table.string('topic', 128).notNullable();
    table.string('reference', 256).nullable(); // e.g. alert:42, ticket:TKT-7
    table.text('payload').notNullable(); // JSON of the message
    table.string('status', 16).notNullable().defaultTo('pending'); // pending|sent|failed
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('last_error').nullable();
    table.timestamp('next_attempt_at', { useTz: true }).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('sent_at', { useTz: true }).nullable();
    table.index(
      ['status', 'next_attempt_at'],
      'pp_notification_outbox_due_idx',
    );
    table.index(['reference'], 'pp_notification_outbox_reference_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_notification_outbox');
};
