// @ts-check
/**
 * Agent orchestration (spec Stage 6): pp_agent_creations, one row per agent creation (its request
 * as Genesis judged it, its state, the Genesis verdict), and pp_agent_creation_steps, its history:
 * one row per move of the creation state machine (`src/domain/creation.ts`), the request first.
 * - `version` grows with every move: a move is a conditional update on the version it read
 *   (optimistic concurrency, the If-Match of later write routes), so two moves never both apply;
 * - agent_id is unique: the creation of an agent is one row, looked up by it;
 * - steps are ordered by `seq` within a creation (unique), never by time alone.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_agent_creations', table => {
    table.string('id', 36).primary();
    table.string('agent_id', 100).notNullable().unique();
    table.string('agent_name', 100).notNullable();
    table.string('industry', 32).notNullable();
    table.string('specialty', 100).notNullable();
    // the request as Genesis judged it (defaults filled in), JSON
    table.text('request').notNullable();
    table.string('status', 32).notNullable();
    // the Genesis verdict (JSON), null until Genesis decided
    table.text('genesis').nullable();
    table.integer('version').notNullable().defaultTo(1);
    table.string('created_by', 255).notNullable(); // principal ref
    table.string('created_by_id', 64).nullable(); // pp_users id, for notices
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.index(['status', 'updated_at']);
  });
  await knex.schema.createTable('pp_agent_creation_steps', table => {
    table.bigIncrements('id').primary();
    table
      .string('creation_id', 36)
      .notNullable()
      .references('id')
      .inTable('pp_agent_creations')
      .onDelete('CASCADE');
    table.integer('seq').notNullable();
    table.string('from_status', 32).nullable();
    table.string('to_status', 32).notNullable();
    table.string('event', 32).notNullable();
    table.string('actor_kind', 16).notNullable(); // user, system
    table.string('actor_id', 255).notNullable();
    table.text('reason').nullable();
    table.text('details').nullable(); // JSON
    table.timestamp('at', { useTz: true }).notNullable();
    table.unique(['creation_id', 'seq'], {
      indexName: 'pp_agent_creation_steps_seq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_agent_creation_steps');
  await knex.schema.dropTable('pp_agent_creations');
};
