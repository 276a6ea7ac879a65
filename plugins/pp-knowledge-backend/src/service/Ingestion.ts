import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PpTransactionalNotifier } from '@internal/plugin-pp-node';
import { randomUUID } from 'node:crypto';
import type {
  KnowledgeStore,
  NewChunk,
  NewDocument,
  RunLogLine,
  RunRow,
  RunTrigger,
  SourceRow,
} from '../database/KnowledgeStore';
import {
  PlanMode,
  isEmptyPlan,
  planChunks,
  planIngest,
  sha256,
} from '../domain/ingestPlan';
import { afterRun, isScheduled } from '../domain/sources';
import { dayLabel, nextVersionLabel } from '../domain/versions';
import type { FetchedRecord } from '../ingest/types';
import { nextRunAt } from '../ingest/schedule';
import { chunkText } from '../search/chunk';
import type { Embedder } from '../search/Embedder';
import {
  chunkKeywords,
  topicMinChunks,
  topicsFromCounts,
} from '../search/topics';
import { encodeVector } from '../search/vectorCodec';
import type { IngestionAlertReporter } from './ingestionAlerts';

/** Texts embedded per call. */
const EMBED_BATCH = 64;

/** What a run ingests: the records and how they replace what is stored. */
export interface RunInput {
  records: FetchedRecord[];
  mode: PlanMode;
}

/** Writes the log lines of a run as it goes. */
export class RunLog {
  readonly lines: RunLogLine[] = [];
  constructor(private readonly now: () => Date) {}
  info(message: string) {
    this.lines.push({ at: this.now().toISOString(), level: 'info', message });
  }
  warn(message: string) {
    this.lines.push({ at: this.now().toISOString(), level: 'warn', message });
  }
  error(message: string) {
    this.lines.push({ at: this.now().toISOString(), level: 'error', message });
  }
}

/**
 * The ingestion pipeline of one run: records (fetched, posted or uploaded) → normalised plan
 * against the stored documents → chunks, embeddings and keywords of what changed → ONE
 * transaction with the documents, chunks, the version row (when anything changed), the run record
 * and the source's state. A failed run records its error and log in one transaction with the
 * source's failure streak; the third failure in a row enqueues a notice to industry managers and
 * admins in that same transaction (outbox).
 *
 * Writes of one industry are serialised in this process (versions are numbered per industry);
 * across instances the unique (industry, seq) key refuses a second version with the same number
 * and that run fails (the scheduler's global scope runs one tick at a time cluster-wide).
 */
export class Ingestion {
  private readonly industryLocks = new Map<string, Promise<unknown>>();
  /** Called after a commit that made a version (the search cache listens). */
  onVersion?: (industry: string) => void;

  constructor(
    private readonly deps: {
      store: KnowledgeStore;
      embedder: Embedder;
      notifier: PpTransactionalNotifier;
      logger: LoggerService;
      /** the health plugin's alert list (failures in a row after every run) */
      alerts?: IngestionAlertReporter;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * Runs `produce` for the source and stores what it returns; always resolves with the run
   * record (failed or succeeded).
   */
  async run(
    source: SourceRow,
    trigger: RunTrigger,
    produce: (log: RunLog) => Promise<RunInput>,
  ): Promise<RunRow> {
    const { store } = this.deps;
    const runId = randomUUID();
    const started = this.now();
    const log = new RunLog(() => this.now());
    await store.transaction(uow =>
      uow.insertRun({
        id: runId,
        source_id: source.id,
        industry: source.industry,
        trigger,
        status: 'running',
        started_at: started,
        finished_at: null,
        duration_ms: null,
        records_fetched: 0,
        records_added: 0,
        records_changed: 0,
        records_removed: 0,
        error: null,
        version_id: null,
        log: [],
      }),
    );
    let fetched = 0;
    try {
      const firstStep: Record<RunTrigger, string> = {
        upload: 'Reading the uploaded file',
        webhook: 'Reading the delivered records',
        manual: `Fetching ${source.connection.url ?? source.name}`,
        schedule: `Fetching ${source.connection.url ?? source.name}`,
      };
      log.info(firstStep[trigger]);
      const input = await produce(log);
      fetched = input.records.length;
      log.info(`Normalised ${fetched} record${fetched === 1 ? '' : 's'}`);
      await this.serialised(source.industry, () =>
        this.store(source, runId, started, input, log),
      );
    } catch (error) {
      await this.fail(source, runId, started, fetched, error, log);
    }
    const run = (await store.getRun(runId))!;
    await this.report(source.id, run);
    return run;
  }

  /** Tells the health plugin the source's failures in a row (never throws). */
  private async report(sourceId: string, run: RunRow) {
    const { alerts, store } = this.deps;
    if (!alerts) return;
    const source = await store.getSource(sourceId).catch(() => undefined);
    if (!source) return;
    await alerts
      .report({
        sourceId,
        consecutiveFailures: source.consecutive_failures,
        message:
          run.status === 'failed'
            ? `${source.name} (${source.industry}): ${
                run.error ?? 'the run failed'
              }`
            : `${source.name} (${source.industry}): the last run succeeded`,
      })
      .catch(() => false);
  }

  private async serialised<T>(industry: string, work: () => Promise<T>) {
    const before = this.industryLocks.get(industry) ?? Promise.resolve();
    const next = before.then(work, work);
    this.industryLocks.set(
      industry,
      next.catch(() => undefined),
    );
    return next;
  }

  private async store(
    source: SourceRow,
    runId: string,
    started: Date,
    input: RunInput,
    log: RunLog,
  ) {
    const { store, embedder } = this.deps;
    const stored = await store.transaction(uow =>
      uow.currentDocuments(source.id),
    );
    if (
      input.mode.kind === 'full' &&
      input.records.length === 0 &&
      stored.length > 0
    ) {
      throw new Error(
        `The source returned no records while ${stored.length} of its documents are stored; nothing was removed (an empty answer is taken as a fault of the source).`,
      );
    }
    const plan = planIngest(stored, input.records, input.mode);
    log.info(
      `${plan.added.length} new, ${plan.changed.length} changed, ${plan.unchanged} unchanged, ${plan.removed.length} removed`,
    );

    // chunk, then embed only the chunks that are not kept as they are
    type Pending = {
      documentId: string;
      position: number;
      text: string;
      hash: string;
    };
    const pending: Pending[] = [];
    const endChunks: string[] = [];
    const counts = { added: 0, modified: 0, removed: 0 };
    const newDocs: NewDocument[] = [];
    const changedDocs: NewDocument[] = [];
    for (const { record, hash } of plan.added) {
      const id = randomUUID();
      newDocs.push({
        id,
        source_id: source.id,
        industry: source.industry,
        external_id: record.external_id,
        title: record.title,
        url: record.url,
        published_at: parseDate(record.published_at),
        content_hash: hash,
      });
      const texts = chunkText(record.content);
      texts.forEach((text, position) =>
        pending.push({ documentId: id, position, text, hash: sha256(text) }),
      );
      counts.added += texts.length;
    }
    for (const { record, hash, stored: doc } of plan.changed) {
      changedDocs.push({
        id: doc.id,
        source_id: source.id,
        industry: source.industry,
        external_id: record.external_id,
        title: record.title,
        url: record.url,
        published_at: parseDate(record.published_at),
        content_hash: hash,
      });
      const texts = chunkText(record.content);
      const hashes = texts.map(t => sha256(t));
      const cp = planChunks(doc.chunks, hashes);
      endChunks.push(...cp.end);
      counts.added += cp.added;
      counts.modified += cp.modified;
      counts.removed += cp.removed;
      for (const { position } of cp.insert) {
        pending.push({
          documentId: doc.id,
          position,
          text: texts[position],
          hash: hashes[position],
        });
      }
    }
    for (const doc of plan.removed) {
      endChunks.push(...doc.chunks.map(c => c.id));
      counts.removed += doc.chunks.length;
    }
    log.info(
      `Chunked: ${pending.length} chunk${
        pending.length === 1 ? '' : 's'
      } to embed`,
    );
    const vectors: Float32Array[] = [];
    for (let i = 0; i < pending.length; i += EMBED_BATCH) {
      vectors.push(
        ...(await embedder.embed(
          pending.slice(i, i + EMBED_BATCH).map(p => p.text),
        )),
      );
    }
    if (pending.length) {
      log.info(`Embedded ${pending.length} chunks with ${embedder.modelId}`);
    }

    // the chunks' keywords and stored vectors are worked out before the transaction, so the
    // store's write lock (SQLite's is the database's) is held for the writes only
    const prepared = pending.map((p, i) => ({
      keywords: chunkKeywords(p.text),
      embedding: encodeVector(vectors[i]),
    }));
    const changed = !isEmptyPlan(plan);
    const finished = await store.transaction(async uow => {
      const now = this.now();
      const current = await uow.getSource(source.id);
      if (!current) throw new Error('The source was deleted during the run.');
      let versionId: string | null = null;
      if (changed) {
        const latest = await uow.latestVersion(source.industry);
        const seq = (latest?.seq ?? 0) + 1;
        const label = nextVersionLabel(
          now,
          await uow.labelsLike(source.industry, dayLabel(now)),
        );
        await uow.insertDocuments(newDocs);
        await uow.updateDocuments(changedDocs);
        await uow.markDocumentsRemoved(
          plan.removed.map(d => d.id),
          seq,
        );
        await uow.endChunks(endChunks, seq);
        const chunks: NewChunk[] = pending.map((p, i) => ({
          id: randomUUID(),
          industry: source.industry,
          source_id: source.id,
          document_id: p.documentId,
          position: p.position,
          text: p.text,
          content_hash: p.hash,
          keywords: prepared[i].keywords,
          embedding: prepared[i].embedding,
          model_id: embedder.modelId,
          version_from: seq,
        }));
        await uow.insertChunks(chunks);
        const total = await uow.currentChunkCount(source.industry);
        const topics = topicsFromCounts(
          await uow.keywordCounts(source.industry, topicMinChunks(total)),
          total,
        );
        versionId = randomUUID();
        await uow.insertVersion({
          id: versionId,
          industry: source.industry,
          seq,
          label,
          created_at: now,
          source_id: source.id,
          run_id: runId,
          chunks: total,
          added: counts.added,
          modified: counts.modified,
          removed: counts.removed,
          topics,
          embedding_model: embedder.modelId,
        });
        log.info(
          `Stored version ${label}: ${counts.added} embeddings added, ${counts.modified} modified, ${counts.removed} removed (${total} in all)`,
        );
      } else {
        log.info('Nothing changed: no new version');
      }
      const outcome = afterRun(current, true);
      await uow.updateRun(runId, {
        status: 'succeeded',
        finished_at: now,
        duration_ms: now.getTime() - started.getTime(),
        records_fetched: input.records.length,
        records_added: plan.added.length,
        records_changed: plan.changed.length,
        records_removed: plan.removed.length,
        version_id: versionId,
        log: log.lines,
      });
      await uow.updateSource(source.id, {
        status: outcome.status,
        consecutive_failures: outcome.consecutive_failures,
        record_count: await uow.currentDocumentCount(source.id),
        last_run_at: now,
        last_success_at: now,
        last_error: null,
        next_run_at: nextRun(current, now),
        updated_at: now,
      });
      return versionId;
    });
    if (finished) this.onVersion?.(source.industry);
  }

  private async fail(
    source: SourceRow,
    runId: string,
    started: Date,
    fetched: number,
    error: unknown,
    log: RunLog,
  ) {
    const { store, notifier, logger } = this.deps;
    const message = errorMessage(error);
    log.error(message);
    let alerted = false;
    await store.transaction(async uow => {
      const now = this.now();
      const current = (await uow.getSource(source.id)) ?? source;
      const outcome = afterRun(current, false);
      await uow.updateRun(runId, {
        status: 'failed',
        finished_at: now,
        duration_ms: now.getTime() - started.getTime(),
        records_fetched: fetched,
        error: message,
        log: log.lines,
      });
      await uow.updateSource(source.id, {
        status: outcome.status,
        consecutive_failures: outcome.consecutive_failures,
        last_run_at: now,
        last_error: message,
        next_run_at: nextRun(current, now),
        updated_at: now,
      });
      if (outcome.alert) {
        alerted = true;
        await notifier.enqueue(uow.tx, {
          topic: 'knowledge.source.failing',
          title: `Knowledge source ${current.name} failed ${outcome.consecutive_failures} times in a row`,
          description: `The ${current.industry} source ${current.name} failed its last ${outcome.consecutive_failures} runs; the last error: ${message}`,
          link: `/pp/knowledge/sources/${current.id}`,
          severity: 'high',
          to: { roles: ['industry_manager', 'admin'] },
          reference: `knowledge-source:${current.id}`,
        });
      }
    });
    logger.warn(
      `Knowledge source ${source.id} (${source.name}): run ${runId} failed: ${message}`,
    );
    if (alerted) notifier.flush();
  }
}

function nextRun(source: SourceRow, now: Date): Date | null {
  if (source.paused || !isScheduled(source.type)) return null;
  return nextRunAt(
    {
      frequency: source.frequency,
      time: source.time,
      time_zone: source.time_zone,
      weekday: source.weekday,
    },
    now,
  );
}

/** The first scheduled run of a source (null: not scheduled). */
export function firstRunAt(source: SourceRow, now: Date): Date | null {
  return nextRun(source, now);
}

function parseDate(v: string | null): Date | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A sentence for the run record (never a stack). */
export function errorMessage(error: unknown): string {
  const text =
    error instanceof Error ? error.message : String(error ?? 'Unknown error');
  return text.slice(0, 2000);
}
