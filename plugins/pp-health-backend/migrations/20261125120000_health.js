// @ts-check
/**
 * Health monitoring tables (spec Stage 2):
 * - pp_service_status: one row per monitored service (latest state; the overview and lists read it)
 * - pp_health_checks: raw active checks and heartbeats (indexed by service and time; pruned after
 *   `pp.health.retentionDays`)
 * - pp_health_rollups: per service per 5-minute bucket counts, response sums/max and a response-time
 *   histogram, so uptime and p50/p95 never scan raw rows
 * - pp_health_daily: per service per day checks / ok checks (overview uptime 7d/30d)
 * - pp_server_metrics: cpu/memory/disk reported by heartbeats
 * - pp_alert_thresholds: the editable alert rules, seeded with the spec's defaults
 * - pp_health_alerts: fired alerts; `open_key` is set while firing and unique (one open alert per
 *   rule + service + subject), cleared on resolve
 * - pp_alert_conditions: since when a rule's condition holds (for "for N minutes" rules)
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_service_status', table => {
    table.string('service_id', 100).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('title', 255).notNullable();
    table.text('description').nullable();
    table.string('owner', 255).nullable();
    table.string('health_check_url', 1000).nullable();
    table.boolean('active').notNullable().defaultTo(true);
    table.string('status', 16).notNullable().defaultTo('unknown');
    table.timestamp('monitored_since', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).nullable();
    table.timestamp('last_ok_at', { useTz: true }).nullable();
    table.integer('last_response_ms').nullable();
    table.double('cpu_percent').nullable();
    table.double('memory_percent').nullable();
    table.double('disk_percent').nullable();
    table.timestamp('metrics_at', { useTz: true }).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('pp_health_checks', table => {
    table.bigIncrements('id').primary();
    table.string('service_id', 100).notNullable();
    table.string('source', 16).notNullable(); // check | heartbeat
    table.string('status', 16).notNullable();
    table.integer('response_time_ms').nullable();
    table.integer('http_status').nullable();
    table.double('error_rate').nullable(); // 0..1
    table.text('error').nullable();
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.index(
      ['service_id', 'checked_at'],
      'pp_health_checks_service_time_idx',
    );
    table.index(['checked_at'], 'pp_health_checks_time_idx');
  });

  await knex.schema.createTable('pp_health_rollups', table => {
    table.string('service_id', 100).notNullable();
    table.timestamp('bucket_start', { useTz: true }).notNullable();
    table.integer('checks').notNullable().defaultTo(0);
    table.integer('ok_checks').notNullable().defaultTo(0);
    table.integer('down_checks').notNullable().defaultTo(0);
    table.integer('resp_count').notNullable().defaultTo(0);
    table.double('resp_sum').notNullable().defaultTo(0);
    table.integer('resp_max').notNullable().defaultTo(0);
    table.double('error_rate_sum').notNullable().defaultTo(0);
    // response-time histogram, upper bounds in src/service/rollups.ts
    for (let i = 0; i < 12; i++)
      table.integer(`h${i}`).notNullable().defaultTo(0);
    table.primary(['service_id', 'bucket_start']);
    table.index(['bucket_start'], 'pp_health_rollups_time_idx');
  });

  // per service per UTC day: uptime over 7d/30d without summing thousands of 5-minute rows
  await knex.schema.createTable('pp_health_daily', table => {
    table.string('service_id', 100).notNullable();
    table.timestamp('day', { useTz: true }).notNullable();
    table.integer('checks').notNullable().defaultTo(0);
    table.integer('ok_checks').notNullable().defaultTo(0);
    table.primary(['service_id', 'day']);
    table.index(['day'], 'pp_health_daily_day_idx');
  });

  await knex.schema.createTable('pp_server_metrics', table => {
    table.bigIncrements('id').primary();
    table.string('service_id', 100).notNullable();
    table.double('cpu_percent').nullable();
    table.double('memory_percent').nullable();
    table.double('disk_percent').nullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.index(
      ['service_id', 'recorded_at'],
      'pp_server_metrics_service_time_idx',
    );
    table.index(['recorded_at'], 'pp_server_metrics_time_idx');
  });

  await knex.schema.createTable('pp_alert_thresholds', table => {
    table.string('alert_type', 40).primary();
    table.double('threshold_value').notNullable();
    table.integer('duration_seconds').notNullable();
    table.string('severity', 16).notNullable();
    table.boolean('enabled').notNullable().defaultTo(true);
    table.string('updated_by', 255).nullable();
    table.timestamp('updated_at', { useTz: true }).nullable();
  });
  await knex('pp_alert_thresholds').insert([
    // no successful check or heartbeat for 2 minutes
    {
      alert_type: 'service_down',
      threshold_value: 2,
      duration_seconds: 0,
      severity: 'critical',
      enabled: true,
    },
    // error rate above 5 % for 5 minutes
    {
      alert_type: 'high_error_rate',
      threshold_value: 5,
      duration_seconds: 300,
      severity: 'warning',
      enabled: true,
    },
    // more than 100 pending items (Temporal workflows, queue depth)
    {
      alert_type: 'queue_backlog',
      threshold_value: 100,
      duration_seconds: 0,
      severity: 'warning',
      enabled: true,
    },
    // CPU or memory above 80 % for 10 minutes
    {
      alert_type: 'high_cpu_memory',
      threshold_value: 80,
      duration_seconds: 600,
      severity: 'warning',
      enabled: true,
    },
  ]);

  await knex.schema.createTable('pp_health_alerts', table => {
    table.bigIncrements('id').primary();
    table.string('alert_type', 40).notNullable();
    table.string('service_id', 100).notNullable();
    table.string('subject', 255).nullable();
    table.string('severity', 16).notNullable();
    table.string('status', 16).notNullable();
    table.text('message').notNullable();
    table.double('value').nullable();
    table.double('threshold').nullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table
      .string('open_key', 400)
      .nullable()
      .unique('pp_health_alerts_open_key_uq');
    table.index(['status', 'started_at'], 'pp_health_alerts_status_idx');
    table.index(['service_id', 'started_at'], 'pp_health_alerts_service_idx');
  });

  await knex.schema.createTable('pp_alert_conditions', table => {
    table.string('condition_key', 400).primary();
    table.timestamp('since', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const t of [
    'pp_alert_conditions',
    'pp_health_alerts',
    'pp_alert_thresholds',
    'pp_server_metrics',
    'pp_health_daily',
    'pp_health_rollups',
    'pp_health_checks',
    'pp_service_status',
  ]) {
    await knex.schema.dropTableIfExists(t);
  }
};
