import { stringify } from 'csv-stringify';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CpAgentRun } from '../database/CustomerPortalStore';
import { CP_RUN_FIELDS } from '../database/DatabaseCustomerPortalStore';

/** The CSV's columns: the connector's run allow-list, nothing else and in its order. */
export const EXPORT_CSV_COLUMNS: readonly string[] = CP_RUN_FIELDS;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Writes runs as CSV (header, one run a row, JSON fields as text) into `out`, streamed: a batch
 * is read only when the file has taken the previous rows (`Readable.from` and `pipeline` follow
 * backpressure), so memory stays flat however many runs there are. `onBatch` is told the rows
 * produced so far after each batch (progress); it may throw to stop the export.
 */
export async function writeRunsCsv(
  batches: AsyncIterable<CpAgentRun[]>,
  out: Writable,
  onBatch: (rowsWritten: number) => Promise<void>,
): Promise<number> {
  let written = 0;
  async function* records() {
    for await (const batch of batches) {
      for (const run of batch) {
        yield EXPORT_CSV_COLUMNS.map(c =>
          cell((run as unknown as Record<string, unknown>)[c]),
        );
      }
      written += batch.length;
      await onBatch(written);
    }
  }
  await pipeline(
    Readable.from(records()),
    stringify({ header: true, columns: [...EXPORT_CSV_COLUMNS] }),
    out,
  );
  return written;
}
