// @ts-check
/**
 * Code generation (issue #15): pp_agent_generations, one row per attempt at generating an agent's
 * repository with the scaffolder (the PP template `pp-ai-agent`).
 * - `status`: `pending` (the creation moved to `generating`, the scaffolder task not started yet:
 *   the scheduled job starts it, so a crash between the commit and the HTTP call loses nothing),
 *   `running` (the scaffolder task `task_id` runs), `succeeded` (the repository is `repository_url`)
 *   or `failed` (`reason`; the creation went back to `genesis_approved`);
 * - `attempt` counts a creation's attempts from 1 (unique per creation): the last one is current;
 * - the catalog entity provider reads the creations whose last attempt succeeded.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_agent_generations', table => {
    table.bigIncrements('id').primary();
    table
      .string('creation_id', 36)
      .notNullable()
      .references('id')
      .inTable('pp_agent_creations')
      .onDelete('CASCADE');
    table.integer('attempt').notNullable();
    table.string('status', 16).notNullable();
    table.string('publisher', 16).notNullable();
    table.string('task_id', 64).nullable();
    table.text('repository_url').nullable();
    table.text('reason').nullable();
    table.string('started_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    // the job's lease on a pending or running attempt (several instances)
    table.timestamp('lease_until', { useTz: true }).nullable();
    table.unique(['creation_id', 'attempt'], {
      indexName: 'pp_agent_generations_attempt',
    });
    table.index(['status'], 'pp_agent_generations_status');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_agent_generations');
};
