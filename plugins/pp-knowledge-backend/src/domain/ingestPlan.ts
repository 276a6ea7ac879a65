import { createHash } from 'node:crypto';

/*
 * What an ingestion changes, from what is stored and what arrived.
 *
 * Documents are keyed by (source, external_id). A record whose external id is new is added; one
 * whose content hash (title and content) differs from the stored document's is changed; the same
 * hash is unchanged (nothing is written). What is removed depends on how the records arrived:
 * - `full` (api and rss: the fetch is the source's whole current content): every stored document
 *   the fetch did not return is removed. An empty fetch of a source that has documents is refused
 *   (a broken endpoint must not wipe an industry's knowledge): the run fails and nothing changes.
 * - `push` (webhook and upload: the records are a delivery, not the whole source): nothing is
 *   removed except what the push replaces (`replaces(external_id)`): an upload replaces the
 *   documents of an earlier upload of the same file name (its records' ids are scoped by the file
 *   name), a webhook delivery replaces nothing (it adds and changes).
 * Records with the same external id in one delivery: the last one wins.
 *
 * Chunks: a changed document is chunked again; a new chunk with the content hash of the stored
 * chunk at the same position keeps that chunk (same row, same embedding); the others end in the
 * new version and new ones start. A new chunk at a position that had one is a modification, else
 * an addition; an ended chunk with no successor at its position is a removal.
 */

/** sha256 hex of a text. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The content hash of a record (its title and content). */
export function recordHash(record: { title: string; content: string }): string {
  return sha256(`${record.title}\u0000${record.content}`);
}

export type PlanMode =
  | { kind: 'full' }
  | { kind: 'push'; replaces?: (externalId: string) => boolean };

export interface PlannedRecord<R> {
  record: R;
  hash: string;
}

export interface IngestPlan<D, R> {
  added: Array<PlannedRecord<R>>;
  changed: Array<PlannedRecord<R> & { stored: D }>;
  unchanged: number;
  removed: D[];
}

/** Added, changed, unchanged and removed documents (see above). */
export function planIngest<
  D extends { external_id: string; content_hash: string },
  R extends { external_id: string; title: string; content: string },
>(stored: D[], records: R[], mode: PlanMode): IngestPlan<D, R> {
  const incoming = new Map<string, R>();
  for (const r of records) incoming.set(r.external_id, r);
  const byId = new Map(stored.map(d => [d.external_id, d]));
  const plan: IngestPlan<D, R> = {
    added: [],
    changed: [],
    unchanged: 0,
    removed: [],
  };
  for (const record of incoming.values()) {
    const hash = recordHash(record);
    const before = byId.get(record.external_id);
    if (!before) plan.added.push({ record, hash });
    else if (before.content_hash !== hash) {
      plan.changed.push({ record, hash, stored: before });
    } else plan.unchanged += 1;
  }
  for (const d of stored) {
    if (incoming.has(d.external_id)) continue;
    if (
      mode.kind === 'full' ||
      (mode.kind === 'push' && mode.replaces?.(d.external_id))
    ) {
      plan.removed.push(d);
    }
  }
  return plan;
}

/** True when the plan changes nothing. */
export function isEmptyPlan(plan: IngestPlan<unknown, unknown>): boolean {
  return !plan.added.length && !plan.changed.length && !plan.removed.length;
}

/** The external id of an uploaded record: scoped by the file, so a re-upload replaces it. */
export function uploadExternalId(fileName: string, recordId: string): string {
  return `${fileName.toLowerCase()}::${recordId}`;
}

/** Whether a stored external id came from an upload of `fileName`. */
export function isFromUpload(fileName: string, externalId: string): boolean {
  return externalId.startsWith(`${fileName.toLowerCase()}::`);
}

export interface ChunkPlan {
  /** stored chunks kept as they are */
  keep: string[];
  /** stored chunks that end in the new version */
  end: string[];
  /** new chunks (their position in the new text), `replaces`: a stored chunk was at that position */
  insert: Array<{ position: number; replaces: boolean }>;
  added: number;
  modified: number;
  removed: number;
}

/** The chunk changes of one document (stored chunks → new chunk hashes by position). */
export function planChunks(
  stored: Array<{ id: string; position: number; content_hash: string }>,
  next: string[],
): ChunkPlan {
  const at = new Map(stored.map(c => [c.position, c]));
  const plan: ChunkPlan = {
    keep: [],
    end: [],
    insert: [],
    added: 0,
    modified: 0,
    removed: 0,
  };
  next.forEach((hash, position) => {
    const old = at.get(position);
    if (old && old.content_hash === hash) plan.keep.push(old.id);
    else {
      if (old) plan.end.push(old.id);
      plan.insert.push({ position, replaces: Boolean(old) });
      if (old) plan.modified += 1;
      else plan.added += 1;
    }
  });
  for (const c of stored) {
    if (c.position >= next.length) {
      plan.end.push(c.id);
      plan.removed += 1;
    }
  }
  return plan;
}
