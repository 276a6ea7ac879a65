import { InputError } from '@backstage/errors';
import type { PpBodyRoute } from '@internal/plugin-pp-common';
import {
  parseInput,
  ppSignedWebhookHandler,
  type PpAuditEntry,
  type PpSignedDelivery,
  type PpWebhookDeliveries,
} from '@internal/plugin-pp-node';
import type { RequestHandler } from 'express';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { toRecord, uniqueRecords } from './normalise';
import type { FetchedRecord } from './types';

/*
 * A `webhook` source: its sender pushes records to
 * `POST /pp/v1/industry-knowledge/webhooks/{source_id}`, signed with the source's own secret in
 * PP's signed-webhook scheme (pp-node `signedWebhook.ts`: X-PP-Timestamp, X-PP-Signature
 * `sha256=<HMAC of "<timestamp>.<raw body>">`, optional X-PP-Delivery; replays refused across
 * instances). This module adds no HMAC of its own: `knowledgeWebhookHandler` is
 * `ppSignedWebhookHandler` with this body's schema and a per-source delivery name.
 *
 * The body: one record, or `{ "records": [ … ] }` with 1 to 1000 of them. A record:
 * `content` (required, text or HTML), `id` or `external_id` (recommended: a record sent again
 * with the same id replaces the earlier one; without one the id is a hash of title and content),
 * `title`, `url`, `published_at` (ISO 8601 or Unix seconds/ms).
 */

/** The contract's route of the inbound webhook (its body limit is 1 MB). */
export const KNOWLEDGE_WEBHOOK_ROUTE: PpBodyRoute =
  'POST /pp/v1/industry-knowledge/webhooks/{source_id}';

/** The most records one delivery may carry. */
export const MAX_WEBHOOK_RECORDS = 1000;

const idValue = z.union([z.string().trim().min(1).max(500), z.number()]);

/** One record as a sender posts it. */
export const knowledgeWebhookRecordSchema = z.object({
  id: idValue.optional(),
  external_id: idValue.optional(),
  title: z.string().max(1000).optional(),
  content: z.string().min(1, 'a record needs content').max(1_000_000),
  url: z.string().max(2000).nullish(),
  published_at: z.union([z.string().max(100), z.number()]).nullish(),
});

/** The body of a delivery with a list of records. */
export const knowledgeWebhookBatchSchema = z.object({
  records: z
    .array(knowledgeWebhookRecordSchema)
    .min(1, 'send at least one record')
    .max(
      MAX_WEBHOOK_RECORDS,
      `send at most ${MAX_WEBHOOK_RECORDS} records at a time`,
    ),
});

/** The body of a delivery: one record or `{ records: [...] }` (for documentation). */
export const knowledgeWebhookBodySchema = z.union([
  knowledgeWebhookBatchSchema,
  knowledgeWebhookRecordSchema,
]);
export type KnowledgeWebhookBody = z.infer<typeof knowledgeWebhookBodySchema>;

/**
 * The records of a delivery's body (already JSON). Throws an InputError (400) naming what is
 * wrong: not a record or a list of them, a record without content, too many.
 */
export function parseWebhookRecords(body: unknown): FetchedRecord[] {
  if (
    body &&
    typeof body === 'object' &&
    Array.isArray((body as { records?: unknown }).records) &&
    (body as { records: unknown[] }).records.length > MAX_WEBHOOK_RECORDS
  ) {
    throw new InputError(
      `The webhook delivered ${
        (body as { records: unknown[] }).records.length
      } records; send at most ${MAX_WEBHOOK_RECORDS} at a time`,
    );
  }
  // not the union's parse: its errors are a bare "Invalid input"; this names the field
  const isBatch =
    !!body && typeof body === 'object' && 'records' in (body as object);
  const list = isBatch
    ? parseInput(knowledgeWebhookBatchSchema, body, 'webhook body').records
    : [parseInput(knowledgeWebhookRecordSchema, body, 'webhook body')];
  const records = uniqueRecords(
    list.map(r =>
      toRecord({
        id: r.external_id ?? r.id,
        title: r.title,
        content: r.content,
        url: r.url,
        published_at: r.published_at,
      }),
    ),
  );
  if (!records.length) {
    throw new InputError(
      'The webhook delivered no record with text: every content was empty once HTML was removed',
    );
  }
  return records;
}

/** A new signing secret for a webhook source (shown once, stored sealed by the vault). */
export function generateWebhookSecret(): string {
  return `pkw_${randomBytes(32).toString('base64url')}`;
}

/** How a source's deliveries are named in `pp_webhook_deliveries` and the audit. */
export const knowledgeWebhookSourceName = (sourceId: string) =>
  `knowledge-${sourceId}`;

/**
 * The express handler of one webhook source's delivery (build it per request, once the source is
 * loaded): pp-node's signed-webhook checks with the source's `secret` (undefined: everyone gets
 * 401), then `handle` gets the parsed records.
 */
export function knowledgeWebhookHandler(options: {
  sourceId: string;
  /** The source's plain signing secret (opened by the vault). */
  secret: string | undefined;
  deliveries: PpWebhookDeliveries;
  handle: (
    records: FetchedRecord[],
    delivery: PpSignedDelivery,
  ) => Promise<unknown>;
  status?: number;
  audit?: (entry: PpAuditEntry) => Promise<void>;
  now?: () => Date;
}): RequestHandler {
  return ppSignedWebhookHandler({
    source: knowledgeWebhookSourceName(options.sourceId),
    route: KNOWLEDGE_WEBHOOK_ROUTE,
    secret: () => options.secret,
    deliveries: options.deliveries,
    // shape only here; parseWebhookRecords gives the sentences and the normalising
    schema: z.unknown(),
    handle: (body, delivery) =>
      options.handle(parseWebhookRecords(body), delivery),
    status: options.status,
    audit: options.audit,
    now: options.now,
  });
}
