// @ts-check
/**
 * Agent upgrades (blue-green rollouts, spec Stage 6 "Agent Upgrades"): one row per rollout with
 * the engine's state (`state`, JSON: change, plan, phase, watch, last analysis), and its steps
 * (the engine's history, one row per move). An agent has at most one active rollout:
 * `active_agent_id` is the agent id while the rollout runs and null once it is final, under a
 * unique index (NULLs do not collide on either engine).
 *
 * `pp_demo_deployments` is the labelled demo deployment target's state (the embedded default's
 * stand-in for Argo Rollouts), kept in the database so a restart does not lose a deployment.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_agent_rollouts', table => {
    table.string('id', 36).primary();
    table.string('agent_id', 100).notNullable();
    table.string('agent_name', 200).notNullable();
    table.string('active_agent_id', 100).nullable().unique();
    table.string('kind', 16).notNullable(); // upgrade
    table.string('target_kind', 64).notNullable();
    table.string('target_ref', 300).notNullable();
    table.string('from_version', 100).notNullable();
    table.string('to_version', 100).notNullable();
    table.string('phase', 16).notNullable();
    table.text('state').notNullable();
    table.text('next_action').nullable();
    table.text('reason').nullable();
    table.integer('version').notNullable().defaultTo(1);
    table.string('started_by', 255).notNullable();
    table.string('started_by_id', 36).nullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.index(['agent_id', 'started_at'], 'pp_agent_rollouts_agent');
    table.index(['phase'], 'pp_agent_rollouts_phase');
  });
  await knex.schema.createTable('pp_agent_rollout_steps', table => {
    table
      .string('rollout_id', 36)
      .notNullable()
      .references('id')
      .inTable('pp_agent_rollouts')
      .onDelete('CASCADE');
    table.integer('seq').notNullable();
    table.string('from_phase', 16).notNullable();
    table.string('to_phase', 16).notNullable();
    table.string('action', 16).notNullable();
    table.text('note').nullable();
    table.string('actor', 255).nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.primary(['rollout_id', 'seq']);
  });
  await knex.schema.createTable('pp_demo_deployments', table => {
    table.string('ref', 300).primary();
    table.string('stable_version', 100).nullable();
    table.string('green_version', 100).nullable();
    table.timestamp('green_ready_at', { useTz: true }).nullable();
    table.integer('weight').notNullable().defaultTo(0);
    table.boolean('aborted').notNullable().defaultTo(false);
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_demo_deployments');
  await knex.schema.dropTable('pp_agent_rollout_steps');
  await knex.schema.dropTable('pp_agent_rollouts');
};
