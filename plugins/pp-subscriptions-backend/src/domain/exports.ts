import { ConflictError, CustomErrorBase, InputError } from '@backstage/errors';
import type {
  PpRunExport,
  PpRunExportRequest,
} from '@internal/plugin-pp-common';
import type { CpRunExportFilter } from '../database/CustomerPortalStore';
import type { ExportFormat, ExportRow } from '../database/ExportStore';

/** A worker holds an export this long without a sign of life before another may take it over. */
export const EXPORT_LEASE_MS = 2 * 60_000;
/** An export whose worker died this many times is given up. */
export const EXPORT_MAX_ATTEMPTS = 3;

/** 410 Gone: the export's file was deleted (it expired). */
export class ExportGoneError extends CustomErrorBase {
  name = 'GoneError' as const;
  statusCode = 410;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/** Letters NFKD does not take apart. */
const LETTERS: Record<string, string> = {
  æ: 'ae',
  ø: 'o',
  ß: 'ss',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
};

/** `Acme Café GmbH` → `acme-cafe-gmbh` (file names people recognise, ASCII only). */
export function fileNamePart(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[æøßœłđ]/g, c => LETTERS[c] ?? '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** `subscription-<customer>-runs-<UTC day>.<format>`. */
export function exportFileName(
  customerName: string,
  format: ExportFormat,
  at: Date,
): string {
  return `subscription-${fileNamePart(customerName, 'customer')}-runs-${at
    .toISOString()
    .slice(0, 10)}.${format}`;
}

/** The run filters of a request, normalized (UTC ISO times, each status once); 400 for an empty window. */
export function exportFilters(
  body: Pick<PpRunExportRequest, 'status' | 'from' | 'to'>,
): CpRunExportFilter {
  const filters: CpRunExportFilter = {};
  if (body.status?.length) filters.status = [...new Set(body.status)];
  if (body.from) filters.from = new Date(body.from).toISOString();
  if (body.to) filters.to = new Date(body.to).toISOString();
  if (filters.from && filters.to && filters.from >= filters.to) {
    throw new InputError(
      `Invalid request body: from (${filters.from}) must be before to (${filters.to})`,
    );
  }
  return filters;
}

/** Whether this person may see the export: who asked for it, or an admin. */
export function mayAccessExport(
  row: Pick<ExportRow, 'requested_by'>,
  principal: { ref: string; roles: readonly string[] },
): boolean {
  return (
    row.requested_by === principal.ref || principal.roles.includes('admin')
  );
}

/** Expired once its expiry has passed, whether or not the job deleted the file yet. */
export function isExpired(row: ExportRow, now: Date): boolean {
  return (
    row.status === 'expired' ||
    (row.status === 'succeeded' &&
      row.expires_at !== null &&
      row.expires_at.getTime() <= now.getTime())
  );
}

export function exportProgress(row: ExportRow): number {
  if (row.status === 'succeeded' || row.status === 'expired') return 1;
  if (!row.rows_total) return 0;
  return Math.min(1, Math.max(0, row.rows_written / row.rows_total));
}

/** The path of an export's download, below `/pp/v1`. */
export function exportDownloadPath(row: ExportRow): string {
  return `/pp/v1/subscriptions/${encodeURIComponent(
    row.subscription_id,
  )}/exports/${encodeURIComponent(row.id)}/download`;
}

/** The API view of an export as of `now`. */
export function exportView(row: ExportRow, now: Date): PpRunExport {
  const expired = isExpired(row, now);
  const status = expired ? 'expired' : row.status;
  return {
    id: row.id,
    subscription_id: row.subscription_id,
    format: row.format,
    status,
    progress: exportProgress(row),
    rows_total: row.rows_total,
    rows_written: row.rows_written,
    size_bytes: row.size_bytes,
    download_url: status === 'succeeded' ? exportDownloadPath(row) : null,
    error: row.error,
    requested_by: row.requested_by,
    requested_by_name: row.requested_by_name,
    created_at: row.created_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
    expires_at: row.expires_at?.toISOString() ?? null,
  };
}

/** A download needs a succeeded export whose file is still kept (409 before, 410 after). */
export function assertDownloadable(row: ExportRow, now: Date): void {
  if (isExpired(row, now)) {
    throw new ExportGoneError(
      `This export expired on ${
        row.expires_at?.toISOString() ?? 'an earlier day'
      } and its file was deleted; export the runs again`,
    );
  }
  if (row.status === 'failed') {
    throw new ConflictError(
      `This export failed and has no file: ${row.error ?? 'unknown error'}`,
    );
  }
  if (row.status !== 'succeeded') {
    const percent = Math.floor(exportProgress(row) * 100);
    throw new ConflictError(
      `This export is not ready yet (${row.status}, ${percent}% done); download it once it has succeeded`,
    );
  }
}

/** Shortens a value for a table cell: JSON as text, one line, at most `max` characters. */
export function shorten(value: unknown, max: number): string {
  if (value === null || value === undefined) return '';
  const text = (
    typeof value === 'string' ? value : JSON.stringify(value) ?? ''
  ).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

/** A run's duration in words: `850 ms`, `12.5 s`, `3 min 20 s`; empty when not finished. */
export function runDuration(
  startedAt: string | null,
  finishedAt: string | null,
): string {
  if (!startedAt || !finishedAt) return '';
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  const min = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s ? `${min} min ${s} s` : `${min} min`;
}
