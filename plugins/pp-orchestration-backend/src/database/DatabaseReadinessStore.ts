import { toIso } from '@internal/plugin-pp-node';
import type { Knex } from 'knex';
import type { ReadinessVersion } from '../domain/readiness';
import { migrateOrchestration } from './DatabaseCreationStore';
import type { ReadinessStore } from './ReadinessStore';

const json = <T>(v: unknown): T =>
  (typeof v === 'string' ? JSON.parse(v) : v) as T;

const isUniqueViolation = (e: any) =>
  e?.code === '23505' || String(e?.code).startsWith('SQLITE_CONSTRAINT');

/** `ReadinessStore` on the plugin's database (SQLite and PostgreSQL). */
export class DatabaseReadinessStore implements ReadinessStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: {
      getClient(): Promise<Knex>;
      migrations?: { skip?: boolean };
    };
    skipMigrations?: boolean;
  }): Promise<DatabaseReadinessStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await migrateOrchestration(db);
    }
    return new DatabaseReadinessStore(db);
  }

  async history(agentId: string, limit: number): Promise<ReadinessVersion[]> {
    const rows = await this.db('pp_agent_readiness_overrides')
      .where({ agent_id: agentId })
      .orderBy('version', 'desc')
      .limit(limit);
    return rows.map(r => ({
      agent_id: String(r.agent_id),
      version: Number(r.version),
      overrides: json(r.overrides),
      changes: json(r.changes),
      reason: String(r.reason),
      created_by: String(r.created_by),
      created_by_id: r.created_by_id ?? null,
      created_at: new Date(toIso(r.created_at)!),
    }));
  }

  async append(v: ReadinessVersion): Promise<boolean> {
    try {
      await this.db('pp_agent_readiness_overrides').insert({
        agent_id: v.agent_id,
        version: v.version,
        overrides: JSON.stringify(v.overrides),
        changes: JSON.stringify(v.changes),
        reason: v.reason,
        created_by: v.created_by,
        created_by_id: v.created_by_id,
        created_at: v.created_at,
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }
}
