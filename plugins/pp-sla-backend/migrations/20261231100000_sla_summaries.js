// @ts-check
/**
 * SLA at scale (issue #16): pp_sla_summaries, one row per agent with an SLA, what the compliance
 * dashboard lists (status, figures, open breaches, the 30-day trend as JSON), so the dashboard
 * filters, sorts and pages in SQL instead of reading every agent's 31 days per request.
 * - Written by the daily compliance job in the unit of work of the agent's days; by a new
 *   definition version (type, and the status against its targets); the open_breaches count by
 *   every breach insert and update.
 * - status_rank orders the status sort (breach 0, warning 1, no_data 2, compliant 3).
 * - window_to: the last day of the 30-day window the row was computed for.
 * Existing agents get a no_data row (type of their latest version, open breaches counted); the
 * next run of the daily job fills in their figures.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_sla_summaries', table => {
    table.string('agent_id', 100).primary();
    table.string('type', 16).notNullable();
    table.integer('definition_version').notNullable();
    table.string('status', 16).notNullable();
    table.integer('status_rank').notNullable();
    table.double('overall_compliance_percent').nullable();
    table.double('uptime_percent').nullable();
    table.integer('open_breaches').notNullable();
    table.string('window_to', 10).nullable(); // YYYY-MM-DD (UTC)
    table.timestamp('computed_at', { useTz: true }).nullable();
    table.text('trend').notNullable(); // JSON PpSlaTrendDay[]
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['status_rank', 'agent_id'], 'pp_sla_summaries_status_idx');
    table.index(['type'], 'pp_sla_summaries_type_idx');
  });
  const latest = await knex('pp_sla_definitions as d')
    .whereNotExists(
      knex('pp_sla_definitions as n')
        .whereRaw('?? = ??', ['n.agent_id', 'd.agent_id'])
        .andWhereRaw('?? > ??', ['n.version', 'd.version']),
    )
    .select('d.agent_id', 'd.type', 'd.version');
  /** @type {Array<{ agent_id: string; count: string | number }>} */
  const open = await knex('pp_sla_breaches')
    .where({ kind: 'sla' })
    .whereNull('ended_at')
    .whereNotNull('agent_id')
    .groupBy('agent_id')
    .select('agent_id')
    .count({ count: '*' })
    .then(rows => /** @type {any[]} */ (rows));
  const openOf = new Map(open.map(r => [String(r.agent_id), Number(r.count)]));
  const now = new Date();
  const rows = latest.map(d => ({
    agent_id: d.agent_id,
    type: d.type,
    definition_version: d.version,
    status: 'no_data',
    status_rank: 2,
    overall_compliance_percent: null,
    uptime_percent: null,
    open_breaches: openOf.get(String(d.agent_id)) ?? 0,
    window_to: null,
    computed_at: null,
    trend: '[]',
    updated_at: now,
  }));
  if (rows.length) await knex.batchInsert('pp_sla_summaries', rows, 200);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('pp_sla_summaries');
};
