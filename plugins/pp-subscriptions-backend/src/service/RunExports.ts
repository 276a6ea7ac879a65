import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  PpRunExport,
  PpRunExportRequest,
} from '@internal/plugin-pp-common';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CustomerPortalStore } from '../database/CustomerPortalStore';
import type { ExportRow, ExportStore } from '../database/ExportStore';
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_LEASE_MS,
  EXPORT_MAX_ATTEMPTS,
  assertDownloadable,
  ExportGoneError,
  exportFileName,
  exportFilters,
  exportView,
  mayAccessExport,
} from '../domain/exports';
import type { ExportSettings } from './config';
import { writeRunsCsv } from './exportCsv';
import { writeRunsPdf } from './exportPdf';
import type { SubscriptionQueries } from './SubscriptionQueries';

/** Who asks: the guard's principal (its ref, name and roles). */
export interface ExportCaller {
  ref: string;
  name: string;
  roles: readonly string[];
}

/** A file ready to stream to the caller. */
export interface ExportDownload {
  export: PpRunExport;
  file: fs.promises.FileHandle;
  fileName: string;
  contentType: string;
  size: number;
}

/** Runs read from CP per query; progress is written after each batch. */
export const EXPORT_BATCH_SIZE = 1000;
const RECENT_EXPORTS = 20;

class LeaseLostError extends Error {
  name = 'LeaseLostError';
}
class StoppingError extends Error {
  name = 'StoppingError';
}

/**
 * Exports of a subscription's agent runs (CSV, PDF), made in the background. A request writes a
 * queued export and starts it in this process at once, without waiting for it; the exports job
 * (`runJob`, every 30 s on one instance) starts what is still queued or whose worker died (its
 * lease ran out), and deletes expired files. The worker holds each export by a lease it extends
 * with every progress write; a worker that lost its lease stops and leaves the export to its new
 * holder. Files are written as `<id>.<format>.part` and renamed when complete.
 */
export class RunExports {
  private readonly running = new Map<string, Promise<void>>();
  /** Drains after a worker finished (they start the next queued export). */
  private readonly draining = new Set<Promise<unknown>>();
  private stopping = false;
  private readonly owner: string;
  private readonly clock: () => Date;

  constructor(
    private readonly deps: {
      cp: CustomerPortalStore;
      exports: ExportStore;
      queries: SubscriptionQueries;
      settings: ExportSettings;
      logger: LoggerService;
      clock?: () => Date;
      /** This worker's name in leases; default host, process and a random part. */
      owner?: string;
    },
  ) {
    this.clock = deps.clock ?? (() => new Date());
    this.owner =
      deps.owner ??
      `${os.hostname().slice(0, 40)}:${process.pid}:${randomUUID().slice(
        0,
        8,
      )}`;
  }

  // --- the commands' side

  async request(
    caller: ExportCaller,
    subscriptionId: string,
    body: PpRunExportRequest,
  ): Promise<PpRunExport> {
    const sub = await this.deps.cp.getSubscription(subscriptionId);
    if (!sub)
      throw new NotFoundError(`Subscription ${subscriptionId} not found`);
    const filters = exportFilters(body);
    const row = await this.deps.exports.createExport({
      id: randomUUID(),
      subscription_id: subscriptionId,
      format: body.format,
      filters,
      reason: body.reason,
      requested_by: caller.ref,
      requested_by_name: caller.name,
      created_at: this.clock(),
    });
    // committed: start it now, in the background (the answer does not wait for it)
    this.start(row.id);
    return exportView(row, this.clock());
  }

  /** One export of the caller's (or any, for an admin); 404 for anyone else's. */
  async get(
    caller: ExportCaller,
    subscriptionId: string,
    exportId: string,
  ): Promise<PpRunExport> {
    return exportView(
      await this.visible(caller, subscriptionId, exportId),
      this.clock(),
    );
  }

  /** The caller's recent exports of the subscription, newest first. */
  async list(
    caller: ExportCaller,
    subscriptionId: string,
  ): Promise<PpRunExport[]> {
    const now = this.clock();
    const rows = await this.deps.exports.listExports(subscriptionId, {
      requestedBy: caller.ref,
      limit: RECENT_EXPORTS,
    });
    return rows.map(r => exportView(r, now));
  }

  /** Opens a succeeded export's file (409 before, 410 once expired). */
  async open(
    caller: ExportCaller,
    subscriptionId: string,
    exportId: string,
  ): Promise<ExportDownload> {
    const row = await this.visible(caller, subscriptionId, exportId);
    const now = this.clock();
    assertDownloadable(row, now);
    let file: fs.promises.FileHandle;
    try {
      file = await fs.promises.open(this.filePath(row.storage_key!), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.deps.logger.warn(
        `Run export ${row.id} succeeded but its file ${row.storage_key} is not in ${this.deps.settings.directory}; multi-instance deployments need a shared pp.subscriptions.exports.directory`,
      );
      throw new ExportGoneError(
        'The file of this export is no longer available; export the runs again',
      );
    }
    const { size } = await file.stat();
    return {
      export: exportView(row, now),
      file,
      fileName: row.file_name ?? `${row.id}.${row.format}`,
      contentType: EXPORT_CONTENT_TYPES[row.format],
      size,
    };
  }

  private async visible(
    caller: ExportCaller,
    subscriptionId: string,
    exportId: string,
  ): Promise<ExportRow> {
    const row = await this.deps.exports.getExport(exportId);
    if (
      !row ||
      row.subscription_id !== subscriptionId ||
      !mayAccessExport(row, caller)
    ) {
      // someone else's export is not there for you: the same answer as none at all
      throw new NotFoundError(
        `Export ${exportId} of subscription ${subscriptionId} not found`,
      );
    }
    return row;
  }

  // --- the worker's side

  /** Starts an export in this process unless it is at capacity (the job starts it later). */
  start(id: string): void {
    if (
      this.stopping ||
      this.running.size >= this.deps.settings.maxConcurrent
    ) {
      return;
    }
    this.launch(() => this.claim(id));
  }

  /** The exports job: expire what is due, then start queued and abandoned exports. */
  async runJob(): Promise<{ expired: number; started: number }> {
    const expired = await this.expire();
    const started = await this.drain();
    return { expired, started };
  }

  /** Waits until this process makes no export (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size || this.draining.size) {
      await Promise.allSettled([...this.running.values(), ...this.draining]);
    }
  }

  /** Shutdown: running exports stop at their next batch and are queued again for any instance. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  private async drain(): Promise<number> {
    let started = 0;
    while (
      !this.stopping &&
      this.running.size < this.deps.settings.maxConcurrent
    ) {
      const row = await this.claim();
      if (!row) break;
      this.launch(async () => row);
      started += 1;
    }
    return started;
  }

  private claim(id?: string) {
    const now = this.clock();
    return this.deps.exports.claimExport({
      id,
      owner: this.owner,
      now,
      leaseUntil: new Date(now.getTime() + EXPORT_LEASE_MS),
    });
  }

  private launch(take: () => Promise<ExportRow | undefined>) {
    const key = randomUUID();
    const work = (async () => {
      const row = await take();
      if (row) await this.make(row);
    })()
      .catch(e =>
        this.deps.logger.error(`Run export worker failed: ${String(e)}`),
      )
      .finally(() => {
        this.running.delete(key);
        // a slot is free: take the next queued export, if any
        if (!this.stopping) {
          const next = this.drain()
            .catch(e => this.deps.logger.error(`Run exports: ${String(e)}`))
            .finally(() => this.draining.delete(next));
          this.draining.add(next);
        }
      });
    this.running.set(key, work);
  }

  private filePath(storageKey: string) {
    return path.join(this.deps.settings.directory, path.basename(storageKey));
  }

  private async make(row: ExportRow): Promise<void> {
    const { exports, cp, logger } = this.deps;
    if (row.attempts > EXPORT_MAX_ATTEMPTS) {
      await exports.finishExport(row.id, this.owner, {
        status: 'failed',
        error: `The export was interrupted ${EXPORT_MAX_ATTEMPTS} times and was given up; export the runs again`,
        finished_at: this.clock(),
      });
      return;
    }
    const storageKey = `${row.id}.${row.format}`;
    const final = this.filePath(storageKey);
    const part = `${final}.part`;
    const lease = () => new Date(this.clock().getTime() + EXPORT_LEASE_MS);
    try {
      const sub = await cp.getSubscription(row.subscription_id);
      if (!sub) {
        throw new NotFoundError(
          `Subscription ${row.subscription_id} is no longer in the Customer Portal`,
        );
      }
      const total = await cp.countRuns(row.subscription_id, row.filters);
      const rowsTotal =
        row.format === 'pdf'
          ? Math.min(total, this.deps.settings.pdfMaxRuns)
          : total;
      if (
        !(await exports.reportProgress(
          row.id,
          this.owner,
          { rows_written: 0, rows_total: rowsTotal },
          lease(),
        ))
      ) {
        throw new LeaseLostError();
      }
      await fs.promises.mkdir(this.deps.settings.directory, {
        recursive: true,
      });
      const out = fs.createWriteStream(part);
      const onBatch = async (rowsWritten: number) => {
        if (this.stopping) throw new StoppingError();
        const held = await exports.reportProgress(
          row.id,
          this.owner,
          { rows_written: rowsWritten },
          lease(),
        );
        if (!held) throw new LeaseLostError();
      };
      const batches = cp.runBatches(
        row.subscription_id,
        row.filters,
        EXPORT_BATCH_SIZE,
      );
      let written: number;
      try {
        written =
          row.format === 'csv'
            ? await writeRunsCsv(batches, out, onBatch)
            : await writeRunsPdf(
                {
                  subscription: await this.deps.queries.get(
                    row.subscription_id,
                  ),
                  filters: row.filters,
                  reason: row.reason,
                  requestedByName: row.requested_by_name,
                  generatedAt: this.clock(),
                  rowsTotal: total,
                  maxRuns: this.deps.settings.pdfMaxRuns,
                },
                batches,
                out,
                onBatch,
              );
      } finally {
        out.destroy();
      }
      const { size } = await fs.promises.stat(part);
      await fs.promises.rename(part, final);
      const finishedAt = this.clock();
      const done = await exports.finishExport(row.id, this.owner, {
        status: 'succeeded',
        rows_written: written,
        size_bytes: size,
        storage_key: storageKey,
        file_name: exportFileName(sub.customer_name, row.format, finishedAt),
        finished_at: finishedAt,
        expires_at: new Date(
          finishedAt.getTime() + this.deps.settings.expiryHours * 3_600_000,
        ),
      });
      if (!done) throw new LeaseLostError();
      logger.info(
        `Run export ${row.id} (${row.format}) of subscription ${row.subscription_id}: ${written} runs, ${size} bytes`,
      );
    } catch (e) {
      await fs.promises.rm(part, { force: true });
      if (e instanceof LeaseLostError) {
        // another worker holds it now (ours ran out): its file, its outcome
        logger.warn(`Run export ${row.id}: lease lost, left to its new holder`);
        return;
      }
      if (e instanceof StoppingError) {
        await exports.releaseExport(row.id, this.owner);
        return;
      }
      logger.error(`Run export ${row.id} failed: ${String(e)}`);
      await exports.finishExport(row.id, this.owner, {
        status: 'failed',
        error: failureSentence(e),
        finished_at: this.clock(),
      });
    }
  }

  /** Deletes the files of expired exports and marks them expired. */
  private async expire(): Promise<number> {
    let count = 0;
    for (;;) {
      const now = this.clock();
      const due = await this.deps.exports.dueForExpiry(now, 100);
      if (!due.length) return count;
      for (const row of due) {
        if (row.storage_key) {
          await fs.promises.rm(this.filePath(row.storage_key), { force: true });
        }
        if (await this.deps.exports.markExpired(row.id, now)) count += 1;
      }
      if (due.length < 100) return count;
    }
  }
}

/** Why an export failed, for people: the error's sentence, never a stack. */
function failureSentence(e: unknown): string {
  const name = (e as { name?: string })?.name;
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'NotFoundError' || name === 'ServiceUnavailableError') {
    return message;
  }
  return `The export could not be written: ${message.slice(0, 300)}`;
}
