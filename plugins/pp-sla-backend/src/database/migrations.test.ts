import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { DatabaseSlaStore, slaMigrationConfig } from './DatabaseSlaStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

const TABLES = [
  'pp_sla_definitions',
  'pp_sla_daily',
  'pp_sla_breaches',
  'pp_sla_credits',
  'pp_ola_definitions',
  'pp_ola_clocks',
  'pp_sla_maintenance_windows',
  'pp_sla_summaries',
];

/** A pp_sla_breaches row of agent a1 recorded at `at`; `more` adds or overrides columns. */
const breachRow = (
  at: Date,
  more: { id: string } & Record<string, unknown>,
) => ({
  kind: 'sla',
  agent_id: 'a1',
  subject: 'a1',
  metric: 'uptime',
  title: 't',
  started_at: at,
  severity: 'major',
  alerted: 'portal',
  created_at: at,
  ...more,
});

describe.each(databases.eachSupportedId())('SLA migrations (%s)', id => {
  it('step up and down, with their unique keys', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest(slaMigrationConfig);
    for (const t of TABLES) expect(await knex.schema.hasTable(t)).toBe(true);
    const insert = (table: string, row: object) =>
      knex(table)
        .insert(row)
        .then(
          () => 'inserted',
          (e: any) => String(e?.code ?? e?.message ?? e),
        );
    const now = new Date();
    const def = (version: number, id2: string) => ({
      id: id2,
      agent_id: 'a1',
      version,
      service_id: 's1',
      entity_ref: 'component:default/a1',
      type: 'standard',
      targets: '{}',
      effective_from: now,
      created_by: 'x',
      created_at: now,
    });
    expect(await insert('pp_sla_definitions', def(1, 'd1'))).toBe('inserted');
    // one row per agent and version
    expect(await insert('pp_sla_definitions', def(1, 'd2'))).toMatch(
      /^(23505|SQLITE_CONSTRAINT_UNIQUE)$/,
    );
    const breach = (bid: string) => breachRow(now, { id: bid });
    expect(await insert('pp_sla_breaches', breach('b1'))).toBe('inserted');
    // a breach is recorded (and alerted) once
    expect(await insert('pp_sla_breaches', breach('b2'))).toMatch(
      /^(23505|SQLITE_CONSTRAINT_UNIQUE)$/,
    );
    const credit = (cid: string) => ({
      id: cid,
      agent_id: 'a1',
      month: '2026-11',
      definition_id: 'd1',
      uptime_percent: 99.8,
      credit_percent: 10,
      created_at: now,
    });
    expect(await insert('pp_sla_credits', credit('c1'))).toBe('inserted');
    expect(await insert('pp_sla_credits', credit('c2'))).toMatch(
      /^(23505|SQLITE_CONSTRAINT_UNIQUE)$/,
    );

    await knex.migrate.rollback(slaMigrationConfig, true);
    for (const t of TABLES) expect(await knex.schema.hasTable(t)).toBe(false);
    await knex.migrate.latest(slaMigrationConfig);
    expect(await knex.schema.hasTable('pp_sla_daily')).toBe(true);
  });

  it('customers_pending_since: added to the breaches and taken away again, the breaches kept', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest(slaMigrationConfig);
    expect(
      await knex.schema.hasColumn('pp_sla_breaches', 'customers_pending_since'),
    ).toBe(true);
    const now = new Date();
    await knex('pp_sla_breaches').insert(
      breachRow(now, { id: 'b1', customers_pending_since: now }),
    );
    // the newest migration only
    await knex.migrate.down(slaMigrationConfig);
    expect(
      await knex.schema.hasColumn('pp_sla_breaches', 'customers_pending_since'),
    ).toBe(false);
    expect(await knex('pp_sla_breaches').pluck('id')).toEqual(['b1']);
    await knex.migrate.latest(slaMigrationConfig);
    expect(
      await knex('pp_sla_breaches')
        .whereNull('customers_pending_since')
        .pluck('id'),
    ).toEqual(['b1']);
  });

  it('the dashboard rows: every agent with an SLA gets one, no data yet, its open breaches counted', async () => {
    const knex = await databases.init(id);
    // the first migration only: agents and breaches recorded before the dashboard rows
    await knex.migrate.up(slaMigrationConfig);
    expect(await knex.schema.hasTable('pp_sla_summaries')).toBe(false);
    const now = new Date();
    const def = (agent: string, version: number, type: string) => ({
      id: `${agent}-${version}`,
      agent_id: agent,
      version,
      service_id: 's1',
      entity_ref: `component:default/${agent}`,
      type,
      targets: '{}',
      effective_from: now,
      created_by: 'x',
      created_at: now,
    });
    await knex('pp_sla_definitions').insert([
      def('a1', 1, 'standard'),
      def('a1', 2, 'premium'),
      def('a2', 1, 'custom'),
    ]);
    const breach = (bid: string, ended: Date | null) =>
      breachRow(now, { id: bid, metric: bid, ended_at: ended });
    await knex('pp_sla_breaches').insert([
      breach('uptime', null),
      breach('error_rate', null),
      breach('response_time_p95', now),
    ]);
    await knex.migrate.latest(slaMigrationConfig);
    const rows = await knex('pp_sla_summaries')
      .orderBy('agent_id')
      .select('agent_id', 'type', 'status', 'status_rank', 'open_breaches');
    expect(
      rows.map(r => ({ ...r, open_breaches: Number(r.open_breaches) })),
    ).toEqual([
      {
        agent_id: 'a1',
        type: 'premium',
        status: 'no_data',
        status_rank: 2,
        open_breaches: 2,
      },
      {
        agent_id: 'a2',
        type: 'custom',
        status: 'no_data',
        status_rank: 2,
        open_breaches: 0,
      },
    ]);
    // down to the first migration again (the later ones first)
    while (
      (await knex.migrate.currentVersion(slaMigrationConfig)) > '20261230100000'
    ) {
      await knex.migrate.down(slaMigrationConfig);
    }
    expect(await knex.schema.hasTable('pp_sla_summaries')).toBe(false);
    expect(await knex.schema.hasTable('pp_sla_definitions')).toBe(true);
  });

  it('honours migrations.skip', async () => {
    const knex = await databases.init(id);
    await DatabaseSlaStore.create({
      database: { getClient: async () => knex, migrations: { skip: true } },
    });
    expect(await knex.schema.hasTable('pp_sla_definitions')).toBe(false);
    await DatabaseSlaStore.create({
      database: { getClient: async () => knex },
    });
    expect(await knex.schema.hasTable('pp_sla_definitions')).toBe(true);
  });
});
