// @ts-check
/**
 * Helpdesk tables (spec Stage 3): pp_tickets, pp_ticket_comments, pp_ticket_history, plus
 * pp_ticket_attachments (the files, stored in the database, size- and type-checked by the API).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_tickets', table => {
    // seq gives the human id (TKT-000123); id is the internal id used in URLs and references.
    table.bigIncrements('seq').primary();
    table.string('id', 36).notNullable().unique();
    table.string('type', 32).notNullable();
    table.string('priority', 16).notNullable();
    table.string('status', 16).notNullable();
    table.string('title', 200).notNullable();
    table.text('description').notNullable();
    table.string('reporter_id', 64).notNullable();
    table.string('reporter_name', 200).notNullable();
    table.string('reporter_email', 320).nullable();
    table.string('assignee_id', 64).nullable();
    table.string('assignee_name', 200).nullable();
    table.string('assignee_email', 320).nullable();
    table.string('entity_ref', 255).nullable();
    table.text('labels').notNullable().defaultTo('[]'); // JSON array of strings
    table.text('resolution_notes').nullable();
    table.integer('version').notNullable().defaultTo(1);
    // SLA: the policy in force (minutes), due times (moved later by time on hold), flags set by the job
    table.integer('sla_response_minutes').notNullable();
    table.integer('sla_resolution_minutes').notNullable();
    table.string('sla_escalation_path', 32).notNullable();
    table.timestamp('response_due_at', { useTz: true }).notNullable();
    table.timestamp('resolution_due_at', { useTz: true }).notNullable();
    table.timestamp('first_response_at', { useTz: true }).nullable();
    table.integer('paused_seconds').notNullable().defaultTo(0);
    table.timestamp('paused_since', { useTz: true }).nullable();
    table.timestamp('response_warned_at', { useTz: true }).nullable();
    table.timestamp('response_breached_at', { useTz: true }).nullable();
    table.timestamp('resolution_warned_at', { useTz: true }).nullable();
    table.timestamp('resolution_breached_at', { useTz: true }).nullable();
    // The deadline that orders the queue (far future once resolved/closed) and the next time the
    // SLA job has something to do for this ticket (null: nothing).
    table.timestamp('queue_due_at', { useTz: true }).notNullable();
    table.timestamp('next_sla_check_at', { useTz: true }).nullable();
    table.integer('escalation_level').notNullable().defaultTo(0);
    table.string('escalated_to', 32).nullable();
    table.text('escalation_reason').nullable();
    table.timestamp('escalated_at', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.timestamp('closed_at', { useTz: true }).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['queue_due_at', 'id'], 'pp_tickets_queue_idx');
    table.index(['status', 'queue_due_at'], 'pp_tickets_status_idx');
    table.index(['assignee_id'], 'pp_tickets_assignee_idx');
    table.index(['entity_ref'], 'pp_tickets_entity_idx');
    table.index(['next_sla_check_at'], 'pp_tickets_sla_check_idx');
  });

  await knex.schema.createTable('pp_ticket_comments', table => {
    table.string('id', 36).primary();
    table.string('ticket_id', 36).notNullable();
    table.string('author_id', 64).notNullable();
    table.string('author_name', 200).notNullable();
    table.string('author_email', 320).nullable();
    table.text('body').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['ticket_id', 'created_at'], 'pp_ticket_comments_ticket_idx');
  });

  await knex.schema.createTable('pp_ticket_history', table => {
    table.bigIncrements('id').primary();
    table.string('ticket_id', 36).notNullable();
    table.string('changed_by_id', 64).notNullable();
    table.string('changed_by_name', 200).notNullable();
    table.string('changed_by_email', 320).nullable();
    table.string('field', 64).notNullable();
    table.text('old_value').nullable();
    table.text('new_value').nullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(['ticket_id', 'id'], 'pp_ticket_history_ticket_idx');
  });

  await knex.schema.createTable('pp_ticket_attachments', table => {
    table.string('id', 36).primary();
    table.string('ticket_id', 36).notNullable();
    table.string('file_name', 255).notNullable();
    table.string('content_type', 128).notNullable();
    table.integer('size_bytes').notNullable();
    table.binary('content').notNullable();
    table.string('uploaded_by', 64).notNullable();
    table.timestamp('uploaded_at', { useTz: true }).notNullable();
    table.index(['ticket_id'], 'pp_ticket_attachments_ticket_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_ticket_attachments');
  await knex.schema.dropTable('pp_ticket_history');
  await knex.schema.dropTable('pp_ticket_comments');
  await knex.schema.dropTable('pp_tickets');
};
