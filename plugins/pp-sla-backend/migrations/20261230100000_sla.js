// @ts-check
/**
 * SLA/OLA management (issue #16).
 * - pp_sla_definitions: every version of an agent's SLA (a change is a new row; the previous one
 *   gets effective_to). Unique (agent_id, version).
 * - pp_sla_daily: one row per agent per UTC day, written by the daily compliance job, with the
 *   definition version and targets it was computed against (never recomputed after a new version).
 * - pp_sla_breaches: SLA breaches (metric runs) and OLA breaches (clocks past their deadline);
 *   unique (kind, subject, metric, started_at) so a breach is recorded and alerted once.
 * - pp_sla_credits: month-end credits, one per agent and month.
 * - pp_ola_definitions, pp_ola_clocks (one per OLA and subject).
 * - pp_sla_maintenance_windows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_sla_definitions', table => {
    table.string('id', 36).primary();
    table.string('agent_id', 100).notNullable();
    table.integer('version').notNullable();
    table.string('service_id', 100).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('type', 16).notNullable();
    table.text('targets').notNullable(); // JSON PpSlaTargets
    table.timestamp('effective_from', { useTz: true }).notNullable();
    table.timestamp('effective_to', { useTz: true }).nullable();
    table.double('credit_base_amount').nullable();
    table.string('currency', 3).nullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['agent_id', 'version']);
  });
  await knex.schema.createTable('pp_sla_daily', table => {
    table.string('agent_id', 100).notNullable();
    table.string('day', 10).notNullable(); // YYYY-MM-DD (UTC)
    table.integer('definition_version').notNullable();
    table.text('targets').notNullable();
    table.string('status', 16).notNullable();
    table.double('total_minutes').notNullable();
    table.double('maintenance_minutes').notNullable();
    table.double('down_minutes').notNullable();
    table.boolean('has_health').notNullable();
    table.double('p95_response_ms').nullable();
    table.double('error_rate_percent').nullable();
    table.integer('checks').notNullable();
    table.double('error_rate_sum').notNullable();
    table.double('support_response_hours').nullable();
    table.double('critical_resolution_hours').nullable();
    table.timestamp('first_down_at', { useTz: true }).nullable();
    table.timestamp('last_down_end', { useTz: true }).nullable();
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table.primary(['agent_id', 'day']);
    table.index(['day'], 'pp_sla_daily_day_idx');
  });
  await knex.schema.createTable('pp_sla_breaches', table => {
    table.string('id', 36).primary();
    table.string('kind', 8).notNullable(); // sla, ola
    table.string('agent_id', 100).nullable();
    table.string('ola_id', 36).nullable();
    table.string('subject', 200).notNullable(); // agent id or the OLA clock's subject
    table.string('metric', 32).notNullable();
    table.text('title').notNullable();
    table.double('target').nullable();
    table.double('value').nullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.string('severity', 16).notNullable();
    table.text('root_cause').nullable();
    table.string('ticket_id', 64).nullable();
    table.string('alerted', 16).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['kind', 'subject', 'metric', 'started_at']);
    table.index(['agent_id', 'started_at']);
    table.index(['ended_at']);
  });
  await knex.schema.createTable('pp_sla_credits', table => {
    table.string('id', 36).primary();
    table.string('agent_id', 100).notNullable();
    table.string('month', 7).notNullable();
    table.string('definition_id', 36).notNullable();
    table.double('uptime_percent').notNullable();
    table.double('credit_percent').notNullable();
    table.double('amount').nullable();
    table.string('currency', 3).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['agent_id', 'month']);
  });
  await knex.schema.createTable('pp_ola_definitions', table => {
    table.string('id', 36).primary();
    table.string('name', 200).notNullable();
    table.string('provider_team', 100).notNullable();
    table.string('consumer_team', 100).notNullable();
    table.integer('commitment_minutes').notNullable();
    table.string('start_event', 32).notNullable();
    table.string('stop_event', 32).notNullable();
    table.string('ticket_priority', 16).nullable();
    table.text('escalation_path').notNullable(); // JSON string[]
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('pp_ola_clocks', table => {
    table.string('id', 36).primary();
    table
      .string('ola_id', 36)
      .notNullable()
      .references('id')
      .inTable('pp_ola_definitions')
      .onDelete('CASCADE');
    table.string('subject', 200).notNullable(); // handoff:<id>, ticket:<key>
    table.text('subject_title').notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('stopped_at', { useTz: true }).nullable();
    table.timestamp('deadline', { useTz: true }).notNullable();
    table.string('state', 16).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['ola_id', 'subject']);
    table.index(['state', 'deadline']);
  });
  await knex.schema.createTable('pp_sla_maintenance_windows', table => {
    table.string('id', 36).primary();
    table.string('service_id', 100).nullable();
    table.string('agent_id', 100).nullable();
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('ends_at', { useTz: true }).notNullable();
    table.text('reason').notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('health_silence_id', 64).nullable();
    table.index(['starts_at', 'ends_at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const t of [
    'pp_sla_maintenance_windows',
    'pp_ola_clocks',
    'pp_ola_definitions',
    'pp_sla_credits',
    'pp_sla_breaches',
    'pp_sla_daily',
    'pp_sla_definitions',
  ]) {
    await knex.schema.dropTableIfExists(t);
  }
};
