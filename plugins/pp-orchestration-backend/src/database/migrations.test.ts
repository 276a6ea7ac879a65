import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { DatabaseCreationStore } from './DatabaseCreationStore';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { DatabaseRolloutStore } from './DatabaseRolloutStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

const config = {
  directory: resolvePackagePath(
    '@internal/plugin-pp-orchestration-backend',
    'migrations',
  ),
  tableName: 'pp_orchestration_knex_migrations',
};

describe.each(databases.eachSupportedId())(
  'orchestration migrations (%s)',
  id => {
    it('step up and down', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest(config);
      expect(await knex.schema.hasTable('pp_agent_creations')).toBe(true);
      expect(await knex.schema.hasTable('pp_agent_creation_steps')).toBe(true);
      expect(await knex.schema.hasTable('pp_agent_genesis_requests')).toBe(
        true,
      );
      const creation = (cid: string, agentId: string) => ({
        id: cid,
        agent_id: agentId,
        agent_name: 'Lead Hunter',
        industry: 'sales',
        specialty: 'lead-prospecting',
        request: '{}',
        status: 'requested',
        created_by: 'user:pp/a',
        created_at: new Date(),
        updated_at: new Date(),
      });
      await knex('pp_agent_creations').insert(creation('c1', 'lead-hunter'));
      const insert = (table: string, row: object) =>
        knex(table)
          .insert(row)
          .then(
            () => 'inserted',
            (e: any) => String(e?.code ?? e?.message ?? e),
          );
      // an agent has one creation
      expect(
        await insert('pp_agent_creations', creation('c2', 'lead-hunter')),
      ).toMatch(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/);
      const step = (seq: number) => ({
        creation_id: 'c1',
        seq,
        from_status: null,
        to_status: 'requested',
        event: 'request',
        actor_kind: 'user',
        actor_id: 'user:pp/a',
        at: new Date(),
      });
      expect(await insert('pp_agent_creation_steps', step(1))).toBe('inserted');
      // a creation's steps are ordered by a unique seq
      expect(await insert('pp_agent_creation_steps', step(1))).toMatch(
        /^(23505|SQLITE_CONSTRAINT_UNIQUE)$/,
      );
      expect((await knex('pp_agent_creations').first()).version).toBe(1);

      // pipelines and handoffs: one pipeline per creation, an OLA event once per handoff
      expect(
        await insert('pp_agent_pipelines', {
          creation_id: 'c1',
          repository: 'waooaw-agents/lead-hunter',
          state: '{}',
          updated_at: new Date(),
        }),
      ).toBe('inserted');
      expect(
        await insert('pp_agent_pipelines', {
          creation_id: 'c1',
          repository: 'waooaw-agents/lead-hunter',
          state: '{}',
          updated_at: new Date(),
        }),
      ).toMatch(
        /^(23505|SQLITE_CONSTRAINT_PRIMARYKEY|SQLITE_CONSTRAINT_UNIQUE)$/,
      );
      const now = new Date();
      expect(
        await insert('pp_agent_handoffs', {
          id: 'h1',
          creation_id: 'c1',
          agent_id: 'lead-hunter',
          status: 'pending',
          items: '[]',
          complete: false,
          submitted_at: now,
          reminder_at: now,
          deadline: now,
          initiated_by: 'user:pp/a',
        }),
      ).toBe('inserted');
      const ola = {
        handoff_id: 'h1',
        kind: 'reminder',
        deadline: now,
        due_at: now,
        recorded_at: now,
      };
      expect(await insert('pp_agent_handoff_ola_events', ola)).toBe('inserted');
      expect(await insert('pp_agent_handoff_ola_events', ola)).toMatch(
        /^(23505|SQLITE_CONSTRAINT_UNIQUE)$/,
      );

      // readiness overrides: one row per agent and version
      const override = {
        agent_id: 'lead-hunter',
        version: 1,
        overrides: '{"quotas.cpu":3}',
        changes: '[{"path":"quotas.cpu","value":3}]',
        reason: 'OCR needs a third CPU',
        created_by: 'user:pp/a',
        created_at: now,
      };
      expect(await insert('pp_agent_readiness_overrides', override)).toBe(
        'inserted',
      );
      expect(await insert('pp_agent_readiness_overrides', override)).toMatch(
        /^(23505|SQLITE_CONSTRAINT_PRIMARYKEY|SQLITE_CONSTRAINT_UNIQUE)$/,
      );
      expect(
        await insert('pp_agent_readiness_overrides', {
          ...override,
          version: 2,
        }),
      ).toBe('inserted');
      // code generation: one row per attempt, numbered per creation
      const attempt = (n: number) => ({
        creation_id: 'c1',
        attempt: n,
        status: 'pending',
        publisher: 'local-git',
        started_by: 'system:scaffolder',
        created_at: now,
      });
      expect(await insert('pp_agent_generations', attempt(1))).toBe('inserted');
      expect(await insert('pp_agent_generations', attempt(2))).toBe('inserted');
      expect(await insert('pp_agent_generations', attempt(1))).toMatch(
        /^(23505|SQLITE_CONSTRAINT_UNIQUE)$/,
      );

      // upgrades: one active rollout per agent (NULL once final), steps unique per rollout
      const rollout = (rid: string, active: string | null) => ({
        id: rid,
        agent_id: 'lead-hunter',
        agent_name: 'Lead Hunter',
        active_agent_id: active,
        kind: 'upgrade',
        target_kind: 'demo',
        target_ref: 'lead-hunter',
        from_version: '1.0.0',
        to_version: '1.1.0',
        phase: active ? 'canary' : 'completed',
        state: '{}',
        started_by: 'user:pp/a',
        started_at: now,
        updated_at: now,
      });
      expect(
        await insert('pp_agent_rollouts', rollout('r1', 'lead-hunter')),
      ).toBe('inserted');
      expect(
        await insert('pp_agent_rollouts', rollout('r2', 'lead-hunter')),
      ).toMatch(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/);
      expect(await insert('pp_agent_rollouts', rollout('r3', null))).toBe(
        'inserted',
      );
      expect(await insert('pp_agent_rollouts', rollout('r4', null))).toBe(
        'inserted',
      );
      const rstep = {
        rollout_id: 'r1',
        seq: 1,
        from_phase: 'pending',
        to_phase: 'deploying',
        action: 'deploy',
        at: now,
      };
      expect(await insert('pp_agent_rollout_steps', rstep)).toBe('inserted');
      expect(await insert('pp_agent_rollout_steps', rstep)).toMatch(
        /^(23505|SQLITE_CONSTRAINT_PRIMARYKEY|SQLITE_CONSTRAINT_UNIQUE)$/,
      );
      expect(
        await insert('pp_demo_deployments', {
          ref: 'lead-hunter',
          green_version: '1.1.0',
          updated_at: now,
        }),
      ).toBe('inserted');

      await knex.migrate.rollback(config, true);
      expect(await knex.schema.hasTable('pp_agent_generations')).toBe(false);
      expect(await knex.schema.hasTable('pp_agent_rollouts')).toBe(false);
      expect(await knex.schema.hasTable('pp_agent_rollout_steps')).toBe(false);
      expect(await knex.schema.hasTable('pp_demo_deployments')).toBe(false);
      expect(await knex.schema.hasTable('pp_agent_creations')).toBe(false);
      expect(await knex.schema.hasTable('pp_agent_creation_steps')).toBe(false);
      expect(await knex.schema.hasTable('pp_agent_pipelines')).toBe(false);
      expect(await knex.schema.hasTable('pp_agent_handoff_ola_events')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('pp_agent_genesis_requests')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('pp_agent_readiness_overrides')).toBe(
        false,
      );
      await knex.migrate.latest(config);
      expect(await knex.schema.hasTable('pp_agent_creations')).toBe(true);
      expect(await knex.schema.hasTable('pp_agent_rollouts')).toBe(true);
    });

    it('honours migrations.skip', async () => {
      const knex = await databases.init(id);
      await DatabaseReadinessStore.create({
        database: { getClient: async () => knex, migrations: { skip: true } },
      });
      expect(await knex.schema.hasTable('pp_agent_readiness_overrides')).toBe(
        false,
      );
      await DatabaseCreationStore.create({
        database: { getClient: async () => knex, migrations: { skip: true } },
      });
      expect(await knex.schema.hasTable('pp_agent_creations')).toBe(false);
      await DatabaseRolloutStore.create({
        database: { getClient: async () => knex, migrations: { skip: true } },
      });
      expect(await knex.schema.hasTable('pp_agent_rollouts')).toBe(false);
      await DatabaseCreationStore.create({
        database: { getClient: async () => knex },
      });
      expect(await knex.schema.hasTable('pp_agent_creations')).toBe(true);
      expect(await knex.schema.hasTable('pp_agent_readiness_overrides')).toBe(
        true,
      );
    });
  },
);
