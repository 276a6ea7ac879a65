import type { Knex } from 'knex';
import type {
  PpKnowledgeConnection,
  PpKnowledgeFrequency,
  PpKnowledgeIndustry,
  PpKnowledgeRunStatus,
  PpKnowledgeSourceStatus,
  PpKnowledgeSourceType,
} from '@internal/plugin-pp-common';

/** A source as stored: the sealed secrets stay here, the API never sees them. */
export interface SourceRow {
  id: string;
  industry: PpKnowledgeIndustry;
  name: string;
  type: PpKnowledgeSourceType;
  connection: PpKnowledgeConnection;
  /** sealed by the CredentialVault (or a `secret:NAME` reference, sealed too) */
  credential_sealed: string | null;
  /** a webhook source's signing secret, sealed */
  webhook_secret_sealed: string | null;
  frequency: PpKnowledgeFrequency;
  time: string;
  time_zone: string;
  weekday: number | null;
  paused: boolean;
  status: PpKnowledgeSourceStatus;
  consecutive_failures: number;
  record_count: number;
  last_run_at: Date | null;
  last_success_at: Date | null;
  next_run_at: Date | null;
  last_error: string | null;
  demo: boolean;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  updated_at: Date;
}

export type RunTrigger = 'schedule' | 'manual' | 'webhook' | 'upload';

export interface RunLogLine {
  at: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface RunRow {
  id: string;
  source_id: string;
  source_name: string;
  industry: PpKnowledgeIndustry;
  trigger: RunTrigger;
  status: PpKnowledgeRunStatus;
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  records_fetched: number;
  records_added: number;
  records_changed: number;
  records_removed: number;
  error: string | null;
  version_id: string | null;
  version_label: string | null;
  log: RunLogLine[];
}

export interface VersionRow {
  id: string;
  industry: PpKnowledgeIndustry;
  seq: number;
  label: string;
  created_at: Date;
  source_id: string | null;
  source_name: string | null;
  run_id: string | null;
  chunks: number;
  added: number;
  modified: number;
  removed: number;
  topics: Array<{ label: string; chunks: number }>;
  embedding_model: string;
}

/** A current document of a source with its current chunks (what an ingestion compares with). */
export interface StoredDocument {
  id: string;
  external_id: string;
  content_hash: string;
  chunks: Array<{ id: string; position: number; content_hash: string }>;
}

export interface NewDocument {
  id: string;
  source_id: string;
  industry: PpKnowledgeIndustry;
  external_id: string;
  title: string;
  url: string | null;
  published_at: Date | null;
  content_hash: string;
}

export interface NewChunk {
  id: string;
  industry: PpKnowledgeIndustry;
  source_id: string;
  document_id: string;
  position: number;
  text: string;
  content_hash: string;
  keywords: string[];
  embedding: Buffer;
  model_id: string;
  version_from: number;
}

/** What the in-memory search index is built from. */
export interface IndexChunkRow {
  id: string;
  source_id: string;
  version_from: number;
  version_to: number | null;
  text: string;
  embedding: Buffer;
  model_id: string;
}

export interface ChunkDetail {
  id: string;
  document_id: string;
  source_id: string;
  source_name: string;
  title: string;
  url: string | null;
  text: string;
}

export type SourceSort =
  | 'name'
  | 'last_run_at'
  | 'next_run_at'
  | 'record_count'
  | 'status';

export interface SourceFilter {
  industry?: PpKnowledgeIndustry;
  status?: PpKnowledgeSourceStatus;
  type?: PpKnowledgeSourceType;
  sort?: SourceSort;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface DiffCounts {
  added: number;
  modified: number;
  removed: number;
  total_from: number;
  total_to: number;
  top_sources: Array<{
    source_id: string;
    source_name: string;
    added: number;
    modified: number;
    removed: number;
  }>;
}

/** The writes of one unit of work; `tx` for the notifier's outbox. */
export interface KnowledgeTransaction {
  readonly tx: Knex.Transaction;
  getSource(id: string): Promise<SourceRow | undefined>;
  insertSource(row: SourceRow): Promise<void>;
  updateSource(id: string, patch: Partial<SourceRow>): Promise<void>;
  insertRun(row: Omit<RunRow, 'source_name' | 'version_label'>): Promise<void>;
  updateRun(
    id: string,
    patch: Partial<Omit<RunRow, 'source_name' | 'version_label'>>,
  ): Promise<void>;
  /** The source's current documents and their current chunks. */
  currentDocuments(sourceId: string): Promise<StoredDocument[]>;
  insertDocuments(rows: NewDocument[]): Promise<void>;
  /**
   * Changed documents: their title, url, published_at and content hash as given, current again
   * (removed_in null). A few statements for any number of rows, not one per document.
   */
  updateDocuments(rows: NewDocument[]): Promise<void>;
  markDocumentsRemoved(ids: string[], seq: number): Promise<void>;
  /** New current chunks (their keywords counted). */
  insertChunks(rows: NewChunk[]): Promise<void>;
  /** Ends chunks in version `seq` (they are not in it; their keywords no longer counted). */
  endChunks(ids: string[], seq: number): Promise<void>;
  /** The newest version of an industry (the seq the next one follows). */
  latestVersion(industry: PpKnowledgeIndustry): Promise<VersionRow | undefined>;
  /** Labels of the industry that start with `prefix` (the day's labels). */
  labelsLike(industry: PpKnowledgeIndustry, prefix: string): Promise<string[]>;
  insertVersion(row: Omit<VersionRow, 'source_name'>): Promise<void>;
  /** Chunks of the industry's current knowledge. */
  currentChunkCount(industry: PpKnowledgeIndustry): Promise<number>;
  /**
   * In how many of the industry's current chunks each keyword is, for the keywords in at least
   * `minChunks` of them (topics). Kept by `insertChunks` and `endChunks` in their transaction.
   */
  keywordCounts(
    industry: PpKnowledgeIndustry,
    minChunks: number,
  ): Promise<Map<string, number>>;
  /** Documents of the source in the current knowledge. */
  currentDocumentCount(sourceId: string): Promise<number>;
}

/** The knowledge plugin's storage (pp_knowledge_*). */
export interface KnowledgeStore {
  transaction<T>(work: (uow: KnowledgeTransaction) => Promise<T>): Promise<T>;
  /** The list reads' change mark (sources, runs, versions). */
  changeMark(): Promise<string>;
  getSource(id: string): Promise<SourceRow | undefined>;
  listSources(
    filter: SourceFilter,
  ): Promise<{ items: SourceRow[]; total: number }>;
  /** Sources whose scheduled run is due (not paused), oldest due first. */
  dueSources(now: Date, limit: number): Promise<SourceRow[]>;
  listRuns(filter: {
    source_id?: string;
    industry?: PpKnowledgeIndustry;
    limit: number;
    offset: number;
  }): Promise<{ items: RunRow[]; total: number }>;
  getRun(id: string): Promise<RunRow | undefined>;
  listVersions(
    industry: PpKnowledgeIndustry,
    limit: number,
    offset: number,
  ): Promise<{ items: VersionRow[]; total: number }>;
  /** A version by id or label; within `industry` when given. */
  findVersion(
    ref: string,
    industry?: PpKnowledgeIndustry,
  ): Promise<VersionRow | undefined>;
  /** The version with the highest seq below `seq`. */
  versionBefore(
    industry: PpKnowledgeIndustry,
    seq: number,
  ): Promise<VersionRow | undefined>;
  latestVersion(industry: PpKnowledgeIndustry): Promise<VersionRow | undefined>;
  /**
   * The chunks of the industry for the in-memory index: every chunk of every version, or with
   * `afterSeq` those that started after that seq (`added`) and those that ended after it
   * (`retired`, with the seq they ended in).
   */
  indexChunks(
    industry: PpKnowledgeIndustry,
    afterSeq?: number,
  ): Promise<{
    added: IndexChunkRow[];
    retired: Array<{ id: string; version_to: number }>;
  }>;
  chunkDetails(ids: string[]): Promise<ChunkDetail[]>;
  /** Texts of the chunks in version `seq` (at most `limit`), e.g. for validation. */
  versionTexts(
    industry: PpKnowledgeIndustry,
    seq: number,
    limit: number,
  ): Promise<Array<{ id: string; source_id: string; text: string }>>;
  /** Added, modified, removed between seq `from` (0: nothing) and `to`, and the top sources. */
  diffCounts(
    industry: PpKnowledgeIndustry,
    from: number,
    to: number,
  ): Promise<DiffCounts>;
  /** Chunks embedded by a model other than `modelId` (re-embedding), at most `limit`. */
  chunksOfOtherModels(
    modelId: string,
    limit: number,
  ): Promise<Array<{ id: string; text: string }>>;
  updateEmbeddings(
    rows: Array<{ id: string; embedding: Buffer }>,
    modelId: string,
  ): Promise<void>;
}
