// @ts-check
/**
 * CI/CD pipelines and handoffs of agent creations (spec Stage 6 steps 4 and 5).
 * - pp_agent_pipelines: one row per creation, the pipeline as `reducePipeline` last left it
 *   (JSON state: stages with times and log links); `version` guards concurrent deliveries.
 * - pp_agent_pipeline_changes: every change of a stage's status (or of the run's) as GitHub told
 *   it, with its time and log link: the pipeline's own history, oldest first by id.
 * - pp_agent_handoffs: each submitted handoff checklist (a resubmission is a new row), its
 *   evaluation, its 24 h OLA and its decision. At most one pending per creation (the creation's
 *   state machine allows one submit until it is decided).
 * - pp_agent_handoff_ola_events: the OLA reminder and breach of a handoff, each recorded once per
 *   deadline (unique), so the OLA job never sends one twice.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_agent_pipelines', table => {
    table
      .string('creation_id', 36)
      .primary()
      .references('id')
      .inTable('pp_agent_creations')
      .onDelete('CASCADE');
    table.string('repository', 255).notNullable(); // owner/name
    table.text('state').notNullable(); // JSON PipelineState
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('pp_agent_pipeline_changes', table => {
    table.bigIncrements('id').primary();
    table
      .string('creation_id', 36)
      .notNullable()
      .references('id')
      .inTable('pp_agent_creations')
      .onDelete('CASCADE');
    table.bigInteger('run_id').notNullable();
    table.integer('run_attempt').notNullable();
    table.string('stage', 32).nullable(); // null: the pipeline itself
    table.string('from_status', 16).nullable();
    table.string('to_status', 16).notNullable();
    table.text('log_url').nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['creation_id', 'id']);
  });
  await knex.schema.createTable('pp_agent_handoffs', table => {
    table.string('id', 36).primary();
    table
      .string('creation_id', 36)
      .notNullable()
      .references('id')
      .inTable('pp_agent_creations')
      .onDelete('CASCADE');
    table.string('agent_id', 100).notNullable();
    table.string('status', 16).notNullable(); // pending, accepted, rejected
    table.text('items').notNullable(); // JSON: the evaluated checklist
    table.boolean('complete').notNullable();
    table.timestamp('submitted_at', { useTz: true }).notNullable();
    table.timestamp('reminder_at', { useTz: true }).notNullable();
    table.timestamp('deadline', { useTz: true }).notNullable();
    table.string('initiated_by', 255).notNullable(); // principal ref
    table.string('initiated_by_id', 64).nullable(); // pp_users id, for notices
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('reason').nullable(); // a rejection's reason
    table.text('notes').nullable(); // an acceptance's notes
    table.index(['status', 'deadline']);
    table.index(['creation_id']);
  });
  await knex.schema.createTable('pp_agent_handoff_ola_events', table => {
    table.bigIncrements('id').primary();
    table
      .string('handoff_id', 36)
      .notNullable()
      .references('id')
      .inTable('pp_agent_handoffs')
      .onDelete('CASCADE');
    table.string('kind', 16).notNullable(); // reminder, breach
    table.timestamp('deadline', { useTz: true }).notNullable();
    table.timestamp('due_at', { useTz: true }).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.unique(['handoff_id', 'kind'], {
      indexName: 'pp_agent_handoff_ola_events_once',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_agent_handoff_ola_events');
  await knex.schema.dropTable('pp_agent_handoffs');
  await knex.schema.dropTable('pp_agent_pipeline_changes');
  await knex.schema.dropTable('pp_agent_pipelines');
};
