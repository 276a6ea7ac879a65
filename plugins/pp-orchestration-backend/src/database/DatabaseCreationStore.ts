import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { toIso } from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import type {
  CreationActor,
  CreationHistoryEntry,
  CreationStatus,
} from '../domain/creation';
import {
  CreationRow,
  CreationStore,
  CreationTransaction,
  DuplicateAgentError,
  NewCreationRow,
  StoredGenesisVerdict,
} from './CreationStore';

/** Runs the plugin's migrations (its own tables only). */
export async function migrateOrchestration(db: Knex) {
  await db.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-pp-orchestration-backend',
      'migrations',
    ),
    tableName: 'pp_orchestration_knex_migrations',
  });
}

const toDate = (v: unknown): Date | null => {
  const iso = toIso(v);
  return iso ? new Date(iso) : null;
};

const json = <T>(v: unknown): T | null => {
  if (v === null || v === undefined) return null;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
};

function toEntry(r: any): CreationHistoryEntry {
  const details = json<Record<string, unknown>>(r.details);
  return {
    at: toDate(r.at)!,
    from: (r.from_status as CreationStatus) ?? null,
    to: r.to_status as CreationStatus,
    event: r.event,
    actor: { kind: r.actor_kind, id: String(r.actor_id) } as CreationActor,
    ...(r.reason ? { reason: String(r.reason) } : {}),
    ...(details ? { details } : {}),
  };
}

function entryRow(creationId: string, seq: number, e: CreationHistoryEntry) {
  return {
    creation_id: creationId,
    seq,
    from_status: e.from,
    to_status: e.to,
    event: e.event,
    actor_kind: e.actor.kind,
    actor_id: e.actor.id,
    reason: e.reason ?? null,
    details: e.details ? JSON.stringify(e.details) : null,
    at: e.at,
  };
}

const isUniqueViolation = (e: any) =>
  e?.code === '23505' || String(e?.code).startsWith('SQLITE_CONSTRAINT');

async function read(
  db: Knex | Knex.Transaction,
  where: { id: string } | { agent_id: string },
): Promise<CreationRow | undefined> {
  const r = await db('pp_agent_creations').where(where).first();
  if (!r) return undefined;
  const steps = await db('pp_agent_creation_steps')
    .where({ creation_id: r.id })
    .orderBy('seq');
  return {
    id: String(r.id),
    agent_id: String(r.agent_id),
    agent_name: String(r.agent_name),
    industry: String(r.industry),
    specialty: String(r.specialty),
    request: json(r.request)!,
    status: r.status as CreationStatus,
    genesis: json<StoredGenesisVerdict>(r.genesis),
    version: Number(r.version),
    created_by: String(r.created_by),
    created_by_id: r.created_by_id ?? null,
    created_at: toDate(r.created_at)!,
    updated_at: toDate(r.updated_at)!,
    completed_at: toDate(r.completed_at),
    history: steps.map(toEntry),
  };
}

/** The creations in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseCreationStore implements CreationStore {
  static async create(options: {
    database: { getClient(): Promise<Knex>; migrations?: { skip?: boolean } };
    skipMigrations?: boolean;
  }): Promise<DatabaseCreationStore> {
    const db = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await migrateOrchestration(db);
    }
    return new DatabaseCreationStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async transaction<T>(
    work: (uow: CreationTransaction) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async tx => {
      const uow: CreationTransaction = {
        tx,
        insert: async (row: NewCreationRow) => {
          try {
            // a savepoint: on PostgreSQL a refused insert would abort the whole transaction
            await tx.transaction(async sp => {
              await sp('pp_agent_creations').insert({
                id: row.id,
                agent_id: row.agent_id,
                agent_name: row.agent_name,
                industry: row.industry,
                specialty: row.specialty,
                request: JSON.stringify(row.request),
                status: row.status,
                genesis: row.genesis ? JSON.stringify(row.genesis) : null,
                version: 1,
                created_by: row.created_by,
                created_by_id: row.created_by_id,
                created_at: row.created_at,
                updated_at: row.created_at,
                completed_at: row.completed_at,
              });
            });
          } catch (e) {
            if (isUniqueViolation(e))
              throw new DuplicateAgentError(row.agent_id);
            throw e;
          }
          if (row.history.length) {
            await tx('pp_agent_creation_steps').insert(
              row.history.map((e, i) => entryRow(row.id, i + 1, e)),
            );
          }
        },
        move: async (id, expectedVersion, change) => {
          const updated = await tx('pp_agent_creations')
            .where({ id, version: expectedVersion })
            .update({
              status: change.status,
              version: expectedVersion + 1,
              updated_at: change.entry.at,
              ...(change.genesis
                ? { genesis: JSON.stringify(change.genesis) }
                : {}),
              ...(change.completed_at !== undefined
                ? { completed_at: change.completed_at }
                : {}),
            });
          if (!updated) return false;
          const last = await tx('pp_agent_creation_steps')
            .where({ creation_id: id })
            .max({ seq: 'seq' })
            .first();
          await tx('pp_agent_creation_steps').insert(
            entryRow(id, Number(last?.seq ?? 0) + 1, change.entry),
          );
          return true;
        },
        get: cid => read(tx, { id: cid }),
        getByAgentId: agentId => read(tx, { agent_id: agentId }),
      };
      return work(uow);
    });
  }

  get(id: string) {
    return read(this.db, { id });
  }

  getByAgentId(agentId: string) {
    return read(this.db, { agent_id: agentId });
  }
}
