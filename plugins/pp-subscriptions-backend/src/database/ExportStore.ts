import type {
  PP_RUN_EXPORT_FORMATS,
  PP_RUN_EXPORT_STATUSES,
} from '@internal/plugin-pp-common';
import type { CpRunExportFilter } from './CustomerPortalStore';

export type ExportFormat = (typeof PP_RUN_EXPORT_FORMATS)[number];
export type ExportStatus = (typeof PP_RUN_EXPORT_STATUSES)[number];

/** One row of `pp_subscription_exports`: an export of a subscription's agent runs. */
export interface ExportRow {
  id: string;
  subscription_id: string;
  format: ExportFormat;
  filters: CpRunExportFilter;
  reason: string;
  status: ExportStatus;
  rows_total: number | null;
  rows_written: number;
  size_bytes: number | null;
  /** The file's name in the exports directory; null until it succeeds and after it expires. */
  storage_key: string | null;
  /** What a download is called, e.g. `subscription-acme-runs-2026-12-03.csv`. */
  file_name: string | null;
  error: string | null;
  /** The principal ref of who asked for it (`user:pp/<id>`). */
  requested_by: string;
  requested_by_name: string | null;
  /** How many times a worker started it (a lease that expires lets the job start it again). */
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  expires_at: Date | null;
  lease_owner: string | null;
  lease_until: Date | null;
}

export type NewExport = Pick<
  ExportRow,
  | 'id'
  | 'subscription_id'
  | 'format'
  | 'filters'
  | 'reason'
  | 'requested_by'
  | 'requested_by_name'
  | 'created_at'
>;

export type ExportOutcome =
  | {
      status: 'succeeded';
      rows_written: number;
      size_bytes: number;
      storage_key: string;
      file_name: string;
      finished_at: Date;
      expires_at: Date;
    }
  | { status: 'failed'; error: string; finished_at: Date };

/**
 * PP's record of run exports. Workers hold an export by a lease (`lease_owner`, `lease_until`):
 * only the holder writes its progress and outcome, and an export whose lease ran out while
 * running is claimed again.
 */
export interface ExportStore {
  createExport(row: NewExport): Promise<ExportRow>;
  getExport(id: string): Promise<ExportRow | undefined>;
  /** A subscription's exports, newest first: one person's, or everyone's (`requestedBy` absent). */
  listExports(
    subscriptionId: string,
    opts: { requestedBy?: string; limit: number },
  ): Promise<ExportRow[]>;
  /**
   * Takes an export to make (status running, attempts + 1, progress reset, the lease): `id` if it
   * is queued or its lease expired, otherwise (no `id`) the oldest such export. Undefined when
   * there is none or another worker took it first.
   */
  claimExport(opts: {
    id?: string;
    owner: string;
    now: Date;
    leaseUntil: Date;
  }): Promise<ExportRow | undefined>;
  /** Writes progress and extends the lease; false when the lease is no longer this owner's. */
  reportProgress(
    id: string,
    owner: string,
    progress: { rows_written: number; rows_total?: number },
    leaseUntil: Date,
  ): Promise<boolean>;
  /** Ends the owner's attempt; false when the lease is no longer this owner's. */
  finishExport(
    id: string,
    owner: string,
    outcome: ExportOutcome,
  ): Promise<boolean>;
  /** Gives an export back unfinished (shutdown): queued again, for any worker. */
  releaseExport(id: string, owner: string): Promise<void>;
  /** Succeeded exports whose expiry has passed, oldest expiry first. */
  dueForExpiry(now: Date, limit: number): Promise<ExportRow[]>;
  /** The file is deleted: status expired, no storage key. */
  markExpired(id: string, now: Date): Promise<boolean>;
}
