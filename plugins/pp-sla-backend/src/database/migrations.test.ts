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
];

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
    const breach = (bid: string) => ({
      id: bid,
      kind: 'sla',
      agent_id: 'a1',
      subject: 'a1',
      metric: 'uptime',
      title: 't',
      started_at: now,
      severity: 'major',
      alerted: 'portal',
      created_at: now,
    });
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
