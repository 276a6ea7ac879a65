import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { retuningMigrationConfig } from './DatabaseRetuningStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

const TABLES = [
  'pp_knowledge_retunings',
  'pp_knowledge_retuning_evaluations',
  'pp_knowledge_demo_deployments',
];
const UNIQUE = /^(23505|SQLITE_CONSTRAINT_UNIQUE)$/;

describe.each(databases.eachSupportedId())('retuning migration (%s)', id => {
  it('steps up and down; one active retuning per agent is a unique key', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest(retuningMigrationConfig);
    for (const t of TABLES) expect(await knex.schema.hasTable(t)).toBe(true);
    const insert = (table: string, row: object) =>
      knex(table)
        .insert(row)
        .then(
          () => 'inserted',
          (e: any) => String(e?.code ?? e?.message ?? e),
        );
    const now = new Date();
    const row = (rid: string, active: string | null) => ({
      id: rid,
      agent_id: 'ava',
      agent_name: 'Ava',
      industry: 'marketing',
      knowledge_version_id: 'v1',
      knowledge_version: 'v2026-12-04',
      reason: 'a reason long enough',
      strategy: 'blue_green',
      status: active ? 'awaiting_approval' : 'declined',
      genesis_verdict: 'approved',
      genesis: '{}',
      active_agent_id: active,
      created_by: 'user:ada',
      created_at: now,
      updated_at: now,
    });
    expect(await insert('pp_knowledge_retunings', row('r1', 'ava'))).toBe(
      'inserted',
    );
    expect(await insert('pp_knowledge_retunings', row('r2', 'ava'))).toMatch(
      UNIQUE,
    );
    // any number of ended ones
    expect(await insert('pp_knowledge_retunings', row('r3', null))).toBe(
      'inserted',
    );
    expect(await insert('pp_knowledge_retunings', row('r4', null))).toBe(
      'inserted',
    );
    expect(
      await insert('pp_knowledge_retuning_evaluations', {
        retuning_id: 'r1',
        side: 'green',
        accuracy: 0.9,
        samples: 100,
        evaluated_at: now,
        reported_by: 'service:eval',
        created_at: now,
      }),
    ).toBe('inserted');
    // down: every migration of the plugin (later ones may reference these tables), then up again
    await knex.migrate.rollback(retuningMigrationConfig, true);
    // the change marks go with the last family (the knowledge core's)
    expect(await knex.schema.hasTable('pp_change_marks')).toBe(false);
    for (const t of TABLES) expect(await knex.schema.hasTable(t)).toBe(false);
    await knex.migrate.latest(retuningMigrationConfig);
    for (const t of TABLES) expect(await knex.schema.hasTable(t)).toBe(true);
  });
});
