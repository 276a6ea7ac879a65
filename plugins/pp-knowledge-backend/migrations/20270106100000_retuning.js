// @ts-check
/**
 * Agent retuning (issue #17, spec Stage 8 "Retuning"; the spec's pp_retuning_history).
 * - pp_knowledge_retunings: one proposal per row: the agent, the knowledge version it retunes on
 *   (id and label) and the one it ran on before, reason, strategy, status (validating → rejected |
 *   awaiting_approval → declined | deploying → monitoring → completed | rolled_back), the Genesis
 *   result (JSON; genesis_verdict repeated as a column for "rejected is final" look-ups), the
 *   admin's decision (JSON), the rollout engine's Rollout serialised (JSON), the post-deployment
 *   checks (JSON) and rollbacks (JSON), next_check_at (when the retuning job looks at it next),
 *   version (If-Match). active_agent_id is the agent id while the retuning is active and null
 *   after: its unique index is "one active retuning per agent" for every writer.
 * - pp_knowledge_retuning_evaluations: accuracy figures of blue and green the agent's evaluation
 *   service reports during a retuning (the accuracy gate reads the latest of each side).
 * - pp_knowledge_demo_deployments: the labelled demo deployment target's state (pp-node's
 *   DemoDeploymentTarget), used when pp.knowledge.retuning.deployment.target is `demo`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_knowledge_retunings', table => {
    table.string('id', 36).primary();
    table.string('agent_id', 100).notNullable();
    table.string('agent_name', 200).notNullable();
    table.string('industry', 32).notNullable();
    table.string('knowledge_version_id', 64).notNullable();
    table.string('knowledge_version', 64).notNullable();
    table.string('previous_knowledge_version', 64).nullable();
    table.text('reason').notNullable();
    table.string('strategy', 20).notNullable();
    table.string('status', 32).notNullable();
    table.string('genesis_verdict', 16).notNullable();
    table.text('genesis').notNullable();
    table.text('decision').nullable();
    table.text('rollout').nullable();
    table.text('post_checks').notNullable().defaultTo('[]');
    table.text('rollbacks').notNullable().defaultTo('[]');
    table.timestamp('next_check_at', { useTz: true }).nullable();
    table.string('active_agent_id', 100).nullable().unique({
      indexName: 'pp_knowledge_retunings_one_active',
    });
    table.string('created_by', 255).notNullable();
    table.string('created_by_name', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.index(['agent_id', 'created_at'], 'pp_knowledge_retunings_agent');
    table.index(['status', 'created_at'], 'pp_knowledge_retunings_status');
    table.index(['next_check_at'], 'pp_knowledge_retunings_due');
    table.index(
      ['agent_id', 'knowledge_version_id', 'genesis_verdict'],
      'pp_knowledge_retunings_verdicts',
    );
  });
  await knex.schema.createTable('pp_knowledge_retuning_evaluations', table => {
    table.bigIncrements('id').primary();
    table
      .string('retuning_id', 36)
      .notNullable()
      .references('id')
      .inTable('pp_knowledge_retunings')
      .onDelete('CASCADE');
    table.string('side', 8).notNullable();
    table.double('accuracy').notNullable();
    table.integer('samples').notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.string('reported_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(
      ['retuning_id', 'side', 'evaluated_at'],
      'pp_knowledge_retuning_evaluations_latest',
    );
  });
  await knex.schema.createTable('pp_knowledge_demo_deployments', table => {
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
  await knex.schema.dropTable('pp_knowledge_demo_deployments');
  await knex.schema.dropTable('pp_knowledge_retuning_evaluations');
  await knex.schema.dropTable('pp_knowledge_retunings');
};
