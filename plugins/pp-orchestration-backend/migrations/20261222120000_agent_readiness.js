// @ts-check
/**
 * Operational readiness (issue #15): the per-agent overrides of the platform parameters (rate
 * limits, quotas, monitoring), versioned. Every change is a new row holding the agent's whole
 * override set after it, the paths it changed, who changed them and why; the latest version is
 * the agent's current overrides. The configuration defaults are not stored.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_agent_readiness_overrides', table => {
    table.string('agent_id', 100).notNullable();
    table.integer('version').notNullable();
    // {"rate_limits.api_calls_per_minute": 200, ...}: the override set after this change
    table.text('overrides').notNullable();
    // [{"path": "...", "value": 200 | null}]: what this change set (null: back to the default)
    table.text('changes').notNullable();
    table.text('reason').notNullable();
    table.string('created_by', 255).notNullable();
    table.string('created_by_id', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['agent_id', 'version']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pp_agent_readiness_overrides');
};
