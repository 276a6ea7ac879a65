import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { PpKnowledgeIndustry } from '@internal/plugin-pp-common';
import { readPpChangeMark, toIso } from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import {
  ChunkDetail,
  DiffCounts,
  IndexChunkRow,
  KnowledgeStore,
  KnowledgeTransaction,
  RunRow,
  SourceFilter,
  SourceRow,
  StoredDocument,
  VersionRow,
} from './KnowledgeStore';

const MIGRATIONS = {
  directory: resolvePackagePath(
    '@internal/plugin-pp-knowledge-backend',
    'migrations',
  ),
  tableName: 'pp_knowledge_knex_migrations',
};

/** Runs the plugin's migrations (its own tables only). */
export async function migrateKnowledge(db: Knex) {
  await db.migrate.latest(MIGRATIONS);
}

/** @internal the migration config, for the migrations test */
export const knowledgeMigrationConfig = MIGRATIONS;

type Db = Knex | Knex.Transaction;

const date = (v: unknown): Date | null => {
  const iso = toIso(v);
  return iso ? new Date(iso) : null;
};
const json = <T>(v: unknown, fallback: T): T => {
  if (v === null || v === undefined) return fallback;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
};
const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);
const buf = (v: unknown): Buffer =>
  Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array);

const toSource = (r: any): SourceRow => ({
  id: String(r.id),
  industry: r.industry,
  name: String(r.name),
  type: r.type,
  connection: json(r.connection, { auth_type: 'none' as const }),
  credential_sealed: r.credential_sealed ?? null,
  webhook_secret_sealed: r.webhook_secret_sealed ?? null,
  frequency: r.frequency,
  time: String(r.time),
  time_zone: String(r.time_zone),
  weekday: num(r.weekday),
  paused: Boolean(r.paused),
  status: r.status,
  consecutive_failures: Number(r.consecutive_failures),
  record_count: Number(r.record_count),
  last_run_at: date(r.last_run_at),
  last_success_at: date(r.last_success_at),
  next_run_at: date(r.next_run_at),
  last_error: r.last_error ?? null,
  demo: Boolean(r.demo),
  created_by: r.created_by ?? null,
  created_by_name: r.created_by_name ?? null,
  created_at: date(r.created_at)!,
  updated_at: date(r.updated_at)!,
});

const fromSource = (row: Partial<SourceRow>) => {
  const out: Record<string, unknown> = { ...row };
  if (row.connection !== undefined)
    out.connection = JSON.stringify(row.connection);
  return out;
};

const toRun = (r: any): RunRow => ({
  id: String(r.id),
  source_id: String(r.source_id),
  source_name: String(r.source_name ?? ''),
  industry: r.industry,
  trigger: r.trigger,
  status: r.status,
  started_at: date(r.started_at)!,
  finished_at: date(r.finished_at),
  duration_ms: num(r.duration_ms),
  records_fetched: Number(r.records_fetched),
  records_added: Number(r.records_added),
  records_changed: Number(r.records_changed),
  records_removed: Number(r.records_removed),
  error: r.error ?? null,
  version_id: r.version_id ?? null,
  version_label: r.version_label ?? null,
  log: json(r.log, []),
});

const fromRun = (row: Partial<RunRow>) => {
  const out: Record<string, unknown> = { ...row };
  delete out.source_name;
  delete out.version_label;
  if (row.log !== undefined) out.log = JSON.stringify(row.log);
  return out;
};

const toVersion = (r: any): VersionRow => ({
  id: String(r.id),
  industry: r.industry,
  seq: Number(r.seq),
  label: String(r.label),
  created_at: date(r.created_at)!,
  source_id: r.source_id ?? null,
  source_name: r.source_name ?? null,
  run_id: r.run_id ?? null,
  chunks: Number(r.chunks),
  added: Number(r.added),
  modified: Number(r.modified),
  removed: Number(r.removed),
  topics: json(r.topics, []),
  embedding_model: String(r.embedding_model),
});

const SOURCE_SORTS: Record<string, string> = {
  name: 'name',
  last_run_at: 'last_run_at',
  next_run_at: 'next_run_at',
  record_count: 'record_count',
  status: 'status',
};

/** What a change of a document rewrites (source, industry and external id stay). */
const DOCUMENT_CHANGE_COLUMNS = [
  'title',
  'url',
  'published_at',
  'content_hash',
  'removed_in',
  'updated_at',
];

/** In chunk version `seq`: version_from <= seq < version_to (open-ended when null). */
const inVersion = (q: Knex.QueryBuilder, seq: number, alias = '') =>
  q
    .where(`${alias}version_from`, '<=', seq)
    .andWhere(b =>
      b.whereNull(`${alias}version_to`).orWhere(`${alias}version_to`, '>', seq),
    );

function versionsQuery(db: Db) {
  return db('pp_knowledge_versions as v')
    .leftJoin('pp_knowledge_sources as s', 's.id', 'v.source_id')
    .select('v.*', 's.name as source_name');
}

function runsQuery(db: Db) {
  return db('pp_knowledge_runs as r')
    .leftJoin('pp_knowledge_sources as s', 's.id', 'r.source_id')
    .leftJoin('pp_knowledge_versions as v', 'v.id', 'r.version_id')
    .select('r.*', 's.name as source_name', 'v.label as version_label');
}

/** Keywords longer than this are not counted (no topic is that long). */
const MAX_KEYWORD = 255;

/**
 * Adds `sign` (+1 or -1) to the chunk count of every keyword of `chunks`, per industry: one
 * upsert per 500 keywords; counts that reach 0 are deleted.
 */
async function adjustKeywordCounts(
  tx: Knex.Transaction,
  chunks: ReadonlyArray<{ industry: string; keywords: readonly string[] }>,
  sign: 1 | -1,
) {
  const deltas = new Map<
    string,
    { industry: string; keyword: string; chunks: number }
  >();
  for (const c of chunks) {
    for (const keyword of new Set(c.keywords)) {
      if (keyword.length > MAX_KEYWORD) continue;
      const key = `${c.industry}\u0000${keyword}`;
      const d = deltas.get(key);
      if (d) d.chunks += sign;
      else deltas.set(key, { industry: c.industry, keyword, chunks: sign });
    }
  }
  const rows = [...deltas.values()];
  for (let i = 0; i < rows.length; i += 500) {
    await tx('pp_knowledge_keyword_counts')
      .insert(rows.slice(i, i + 500))
      .onConflict(['industry', 'keyword'])
      .merge({
        chunks: tx.raw('?? + ??', [
          'pp_knowledge_keyword_counts.chunks',
          'excluded.chunks',
        ]),
      });
  }
  if (sign < 0 && rows.length) {
    await tx('pp_knowledge_keyword_counts').where('chunks', '<=', 0).delete();
  }
}

/** The knowledge store on knex (SQLite and PostgreSQL). */
export class DatabaseKnowledgeStore implements KnowledgeStore {
  static async create(options: {
    database: { getClient(): Promise<Knex>; migrations?: { skip?: boolean } };
    skipMigrations?: boolean;
  }): Promise<DatabaseKnowledgeStore> {
    const db = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await migrateKnowledge(db);
    }
    return new DatabaseKnowledgeStore(db);
  }

  private constructor(private readonly db: Knex) {}

  /** @internal the raw client (D's retuning tables share the database) */
  get knex(): Knex {
    return this.db;
  }

  async transaction<T>(
    work: (uow: KnowledgeTransaction) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async tx => {
      const uow: KnowledgeTransaction = {
        tx,
        getSource: async id => {
          const r = await tx('pp_knowledge_sources').where({ id }).first();
          return r ? toSource(r) : undefined;
        },
        insertSource: async row => {
          await tx('pp_knowledge_sources').insert(fromSource(row));
        },
        updateSource: async (id, patch) => {
          await tx('pp_knowledge_sources')
            .where({ id })
            .update(fromSource(patch));
        },
        insertRun: async row => {
          await tx('pp_knowledge_runs').insert(fromRun(row));
        },
        updateRun: async (id, patch) => {
          await tx('pp_knowledge_runs').where({ id }).update(fromRun(patch));
        },
        currentDocuments: async sourceId => {
          const docs = await tx('pp_knowledge_documents')
            .where({ source_id: sourceId })
            .whereNull('removed_in')
            .select('id', 'external_id', 'content_hash');
          const chunks = await tx('pp_knowledge_chunks')
            .where({ source_id: sourceId })
            .whereNull('version_to')
            .select('id', 'document_id', 'position', 'content_hash');
          const byDoc = new Map<string, StoredDocument>(
            docs.map(d => [
              String(d.id),
              {
                id: String(d.id),
                external_id: String(d.external_id),
                content_hash: String(d.content_hash),
                chunks: [],
              },
            ]),
          );
          for (const c of chunks) {
            byDoc.get(String(c.document_id))?.chunks.push({
              id: String(c.id),
              position: Number(c.position),
              content_hash: String(c.content_hash),
            });
          }
          for (const d of byDoc.values()) {
            d.chunks.sort((a, b) => a.position - b.position);
          }
          return [...byDoc.values()];
        },
        insertDocuments: async rows => {
          if (!rows.length) return;
          await tx.batchInsert(
            'pp_knowledge_documents',
            rows.map(r => ({ ...r, removed_in: null, updated_at: new Date() })),
            200,
          );
        },
        updateDocuments: async rows => {
          // an upsert by id of 200 rows a statement (every row exists: it updates), instead of
          // one UPDATE per changed document
          const at = new Date();
          for (let i = 0; i < rows.length; i += 200) {
            await tx('pp_knowledge_documents')
              .insert(
                rows
                  .slice(i, i + 200)
                  .map(r => ({ ...r, removed_in: null, updated_at: at })),
              )
              .onConflict('id')
              .merge(DOCUMENT_CHANGE_COLUMNS);
          }
        },
        markDocumentsRemoved: async (ids, seq) => {
          for (let i = 0; i < ids.length; i += 500) {
            await tx('pp_knowledge_documents')
              .whereIn('id', ids.slice(i, i + 500))
              .update({ removed_in: seq, updated_at: new Date() });
          }
        },
        insertChunks: async rows => {
          if (!rows.length) return;
          await tx.batchInsert(
            'pp_knowledge_chunks',
            rows.map(r => ({
              ...r,
              keywords: JSON.stringify(r.keywords),
              version_to: null,
            })),
            100,
          );
          await adjustKeywordCounts(tx, rows, +1);
        },
        endChunks: async (ids, seq) => {
          for (let i = 0; i < ids.length; i += 500) {
            const slice = ids.slice(i, i + 500);
            const ending = await tx('pp_knowledge_chunks')
              .whereIn('id', slice)
              .whereNull('version_to')
              .select('industry', 'keywords');
            await tx('pp_knowledge_chunks')
              .whereIn('id', slice)
              .whereNull('version_to')
              .update({ version_to: seq });
            await adjustKeywordCounts(
              tx,
              ending.map(r => ({
                industry: r.industry,
                keywords: json<string[]>(r.keywords, []),
              })),
              -1,
            );
          }
        },
        latestVersion: industry => this.latestVersionOf(tx, industry),
        labelsLike: async (industry, prefix) => {
          const rows = await tx('pp_knowledge_versions')
            .where({ industry })
            .andWhere('label', 'like', `${prefix}%`)
            .select('label');
          return rows.map(r => String(r.label));
        },
        insertVersion: async row => {
          await tx('pp_knowledge_versions').insert({
            ...row,
            topics: JSON.stringify(row.topics),
          });
        },
        currentChunkCount: async industry => {
          const [{ n }] = await tx('pp_knowledge_chunks')
            .where({ industry })
            .whereNull('version_to')
            .count({ n: '*' });
          return Number(n);
        },
        keywordCounts: async (industry, minChunks) => {
          const rows = await tx('pp_knowledge_keyword_counts')
            .where({ industry })
            .andWhere('chunks', '>=', minChunks)
            .select('keyword', 'chunks');
          return new Map(rows.map(r => [String(r.keyword), Number(r.chunks)]));
        },
        currentDocumentCount: async sourceId => {
          const [{ n }] = await tx('pp_knowledge_documents')
            .where({ source_id: sourceId })
            .whereNull('removed_in')
            .count({ n: '*' });
          return Number(n);
        },
      };
      return work(uow);
    });
  }

  changeMark(): Promise<string> {
    return readPpChangeMark(this.db, 'knowledge');
  }

  async getSource(id: string) {
    const r = await this.db('pp_knowledge_sources').where({ id }).first();
    return r ? toSource(r) : undefined;
  }

  async listSources(filter: SourceFilter) {
    const base = this.db('pp_knowledge_sources').where(b => {
      if (filter.industry) b.where('industry', filter.industry);
      if (filter.status) b.where('status', filter.status);
      if (filter.type) b.where('type', filter.type);
    });
    const [{ n }] = await base.clone().count({ n: '*' });
    const column = SOURCE_SORTS[filter.sort ?? 'name'] ?? 'name';
    const order = filter.order ?? 'asc';
    const rows = await base
      .clone()
      .orderByRaw(
        `${column} is null, ${column} ${order === 'desc' ? 'desc' : 'asc'}`,
      )
      .orderBy('id', 'asc')
      .limit(filter.limit)
      .offset(filter.offset)
      .select('*');
    return { items: rows.map(toSource), total: Number(n) };
  }

  async dueSources(now: Date, limit: number) {
    const rows = await this.db('pp_knowledge_sources')
      .where('paused', false)
      .whereNotNull('next_run_at')
      .andWhere('next_run_at', '<=', now)
      .whereIn('type', ['api', 'rss'])
      .orderBy('next_run_at', 'asc')
      .limit(limit)
      .select('*');
    return rows.map(toSource);
  }

  async listRuns(filter: {
    source_id?: string;
    industry?: PpKnowledgeIndustry;
    limit: number;
    offset: number;
  }) {
    const where = (q: Knex.QueryBuilder) => {
      if (filter.source_id) q.where('r.source_id', filter.source_id);
      if (filter.industry) q.where('r.industry', filter.industry);
      return q;
    };
    const [{ n }] = await where(this.db('pp_knowledge_runs as r') as any).count(
      { n: '*' },
    );
    const rows = await where(runsQuery(this.db))
      .orderBy('r.started_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset);
    return { items: rows.map(toRun), total: Number(n) };
  }

  async getRun(id: string) {
    const r = await runsQuery(this.db).where('r.id', id).first();
    return r ? toRun(r) : undefined;
  }

  async listVersions(
    industry: PpKnowledgeIndustry,
    limit: number,
    offset: number,
  ) {
    const [{ n }] = await this.db('pp_knowledge_versions')
      .where({ industry })
      .count({ n: '*' });
    const rows = await versionsQuery(this.db)
      .where('v.industry', industry)
      .orderBy('v.seq', 'desc')
      .limit(limit)
      .offset(offset);
    return { items: rows.map(toVersion), total: Number(n) };
  }

  async findVersion(ref: string, industry?: PpKnowledgeIndustry) {
    const q = versionsQuery(this.db).where(b =>
      b.where('v.id', ref).orWhere('v.label', ref),
    );
    if (industry) q.andWhere('v.industry', industry);
    const rows = await q.orderBy('v.created_at', 'desc').limit(1);
    return rows[0] ? toVersion(rows[0]) : undefined;
  }

  async versionBefore(industry: PpKnowledgeIndustry, seq: number) {
    const r = await versionsQuery(this.db)
      .where('v.industry', industry)
      .andWhere('v.seq', '<', seq)
      .orderBy('v.seq', 'desc')
      .first();
    return r ? toVersion(r) : undefined;
  }

  latestVersion(industry: PpKnowledgeIndustry) {
    return this.latestVersionOf(this.db, industry);
  }

  private async latestVersionOf(db: Db, industry: PpKnowledgeIndustry) {
    const r = await versionsQuery(db)
      .where('v.industry', industry)
      .orderBy('v.seq', 'desc')
      .first();
    return r ? toVersion(r) : undefined;
  }

  async indexChunks(industry: PpKnowledgeIndustry, afterSeq?: number) {
    const q = this.db('pp_knowledge_chunks').where({ industry });
    if (afterSeq !== undefined) q.andWhere('version_from', '>', afterSeq);
    const rows = await q.select(
      'id',
      'source_id',
      'version_from',
      'version_to',
      'text',
      'embedding',
      'model_id',
    );
    const added: IndexChunkRow[] = rows.map(r => ({
      id: String(r.id),
      source_id: String(r.source_id),
      version_from: Number(r.version_from),
      version_to: num(r.version_to),
      text: String(r.text),
      embedding: buf(r.embedding),
      model_id: String(r.model_id),
    }));
    if (afterSeq === undefined) return { added, retired: [] };
    const ended = await this.db('pp_knowledge_chunks')
      .where({ industry })
      .andWhere('version_from', '<=', afterSeq)
      .andWhere('version_to', '>', afterSeq)
      .select('id', 'version_to');
    return {
      added,
      retired: ended.map(r => ({
        id: String(r.id),
        version_to: Number(r.version_to),
      })),
    };
  }

  async chunkDetails(ids: string[]): Promise<ChunkDetail[]> {
    if (!ids.length) return [];
    const rows = await this.db('pp_knowledge_chunks as c')
      .join('pp_knowledge_documents as d', 'd.id', 'c.document_id')
      .leftJoin('pp_knowledge_sources as s', 's.id', 'c.source_id')
      .whereIn('c.id', ids)
      .select(
        'c.id',
        'c.document_id',
        'c.source_id',
        'c.text',
        'd.title',
        'd.url',
        's.name as source_name',
      );
    return rows.map(r => ({
      id: String(r.id),
      document_id: String(r.document_id),
      source_id: String(r.source_id),
      source_name: String(r.source_name ?? ''),
      title: String(r.title),
      url: r.url ?? null,
      text: String(r.text),
    }));
  }

  async versionTexts(
    industry: PpKnowledgeIndustry,
    seq: number,
    limit: number,
  ) {
    const rows = await inVersion(
      this.db('pp_knowledge_chunks').where({ industry }),
      seq,
    )
      .orderBy('id')
      .limit(limit)
      .select('id', 'source_id', 'text');
    return rows.map((r: any) => ({
      id: String(r.id),
      source_id: String(r.source_id),
      text: String(r.text),
    }));
  }

  async diffCounts(
    industry: PpKnowledgeIndustry,
    from: number,
    to: number,
  ): Promise<DiffCounts> {
    // N: in `to`, not in `from`; G: in `from`, not in `to`. A chunk of N replacing one of G at the
    // same document and position is a modification (one chunk per position in any version).
    const newIn = `c.industry = ? and c.version_from > ? and c.version_from <= ? and (c.version_to is null or c.version_to > ?)`;
    const goneIn = `c.industry = ? and c.version_from <= ? and c.version_to is not null and c.version_to > ? and c.version_to <= ?`;
    const goneOther = `o.industry = ? and o.version_from <= ? and o.version_to is not null and o.version_to > ? and o.version_to <= ?`;
    const newOther = `o.industry = ? and o.version_from > ? and o.version_from <= ? and (o.version_to is null or o.version_to > ?)`;
    const nArgs = [industry, from, to, to];
    const gArgs = [industry, from, from, to];
    const samePlace = `o.document_id = c.document_id and o.position = c.position`;
    const added: any[] = await this.db
      .raw(
        `select c.source_id as source_id, count(*) as n,
         sum(case when exists (select 1 from pp_knowledge_chunks o where ${samePlace} and ${goneOther}) then 1 else 0 end) as m
       from pp_knowledge_chunks c where ${newIn} group by c.source_id`,
        [...gArgs, ...nArgs],
      )
      .then(rowsOf);
    const gone: any[] = await this.db
      .raw(
        `select c.source_id as source_id, count(*) as n,
         sum(case when exists (select 1 from pp_knowledge_chunks o where ${samePlace} and ${newOther}) then 1 else 0 end) as m
       from pp_knowledge_chunks c where ${goneIn} group by c.source_id`,
        [...nArgs, ...gArgs],
      )
      .then(rowsOf);
    const per = new Map<
      string,
      { added: number; modified: number; removed: number }
    >();
    const entry = (id: string) => {
      let e = per.get(id);
      if (!e) per.set(id, (e = { added: 0, modified: 0, removed: 0 }));
      return e;
    };
    for (const r of added) {
      const e = entry(String(r.source_id));
      e.modified += Number(r.m);
      e.added += Number(r.n) - Number(r.m);
    }
    for (const r of gone) {
      entry(String(r.source_id)).removed += Number(r.n) - Number(r.m);
    }
    const count = async (seq: number) => {
      if (seq <= 0) return 0;
      const [{ n }] = await inVersion(
        this.db('pp_knowledge_chunks').where({ industry }),
        seq,
      ).count({ n: '*' });
      return Number(n);
    };
    const names = new Map<string, string>();
    if (per.size) {
      const rows = await this.db('pp_knowledge_sources')
        .whereIn('id', [...per.keys()])
        .select('id', 'name');
      for (const r of rows) names.set(String(r.id), String(r.name));
    }
    const sum = (k: 'added' | 'modified' | 'removed') =>
      [...per.values()].reduce((s, e) => s + e[k], 0);
    return {
      added: sum('added'),
      modified: sum('modified'),
      removed: sum('removed'),
      total_from: await count(from),
      total_to: await count(to),
      top_sources: [...per.entries()]
        .map(([source_id, e]) => ({
          source_id,
          source_name: names.get(source_id) ?? source_id,
          ...e,
        }))
        .filter(s => s.added + s.modified + s.removed > 0)
        .sort(
          (a, b) =>
            b.added +
              b.modified +
              b.removed -
              (a.added + a.modified + a.removed) ||
            a.source_name.localeCompare(b.source_name),
        )
        .slice(0, 10),
    };
  }

  async chunksOfOtherModels(modelId: string, limit: number) {
    const rows = await this.db('pp_knowledge_chunks')
      .whereNot('model_id', modelId)
      .orderBy('id')
      .limit(limit)
      .select('id', 'text');
    return rows.map(r => ({ id: String(r.id), text: String(r.text) }));
  }

  async updateEmbeddings(
    rows: Array<{ id: string; embedding: Buffer }>,
    modelId: string,
  ) {
    await this.db.transaction(async tx => {
      for (const r of rows) {
        await tx('pp_knowledge_chunks')
          .where({ id: r.id })
          .update({ embedding: r.embedding, model_id: modelId });
      }
    });
  }
}

/** knex.raw answers rows (SQLite) or `{ rows }` (PostgreSQL). */
function rowsOf(result: any): any[] {
  return Array.isArray(result) ? result : result.rows;
}
