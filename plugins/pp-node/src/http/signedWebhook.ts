import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { AuthenticationError, InputError } from '@backstage/errors';
import type { PpBodyRoute } from '@internal/plugin-pp-common';
import type { Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { PpAuditEntry } from '../audit/DatabaseAuditStore';
import { readRawBody } from './body';
import { parseInput } from './validation';

/*
 * Signed requests between PP and machines (the contract's `signed` role): no bearer token, an
 * HMAC-SHA256 of the timestamp and the exact body bytes with a shared secret instead.
 *
 *   X-PP-Timestamp: <unix seconds>
 *   X-PP-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">
 *   X-PP-Delivery:  <optional id of the delivery, unique per sender>
 *
 * A request whose timestamp is more than PP_SIGNED_TOLERANCE_SECONDS away from the server's clock
 * is refused, and so is a signature (or delivery id) already accepted inside that window: the
 * accepted ones are remembered in the database (`pp_webhook_deliveries`), so a replay to another
 * instance is refused too. The same scheme signs PP's outgoing requests (`ppSignedHeaders`).
 */

/** @public */
export const PP_SIGNATURE_HEADER = 'X-PP-Signature';
/** @public */
export const PP_TIMESTAMP_HEADER = 'X-PP-Timestamp';
/** @public */
export const PP_DELIVERY_HEADER = 'X-PP-Delivery';
/** How far a signed request's timestamp may be from now, either way, in seconds. @public */
export const PP_SIGNED_TOLERANCE_SECONDS = 300;

/** `sha256=<hex>` of `<timestamp>.<raw body>` with `secret`. @public */
export function ppSignature(
  secret: string,
  timestamp: string,
  rawBody: Buffer | string,
): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return `sha256=${hmac.digest('hex')}`;
}

/** The headers of a signed request of `rawBody`, sent now (for PP's outgoing calls). @public */
export function ppSignedHeaders(
  secret: string,
  rawBody: Buffer | string,
  options: { now?: Date; deliveryId?: string } = {},
): Record<string, string> {
  const timestamp = String(
    Math.floor((options.now ?? new Date()).getTime() / 1000),
  );
  return {
    [PP_TIMESTAMP_HEADER]: timestamp,
    [PP_SIGNATURE_HEADER]: ppSignature(secret, timestamp, rawBody),
    [PP_DELIVERY_HEADER]: options.deliveryId ?? randomUUID(),
  };
}

/**
 * The headers of a signed route, for its contract (`createPpApiRouter` spec `headers`):
 * `secretSetting` names the config key the signature is made with.
 *
 * @public
 */
export function ppSignedWebhookHeaders(secretSetting: string) {
  return {
    [PP_TIMESTAMP_HEADER]: z
      .string()
      .describe(
        `Unix seconds when the request was signed; within ${PP_SIGNED_TOLERANCE_SECONDS} s of the server’s clock`,
      ),
    [PP_SIGNATURE_HEADER]: z
      .string()
      .describe(
        `\`sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">\` with ${secretSetting}`,
      ),
    [PP_DELIVERY_HEADER]: z
      .string()
      .describe(
        'The delivery’s id (optional): accepted once, like the signature',
      )
      .optional(),
  };
}

/** Runs the signed-webhook migrations in a plugin's database. @public */
export async function migratePpSignedWebhooks(db: Knex) {
  await db.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-pp-node',
      'migrations/webhooks',
    ),
    tableName: 'pp_webhooks_knex_migrations',
  });
}

const isUniqueViolation = (e: any) =>
  e?.code === '23505' || String(e?.code).startsWith('SQLITE_CONSTRAINT');

/**
 * The deliveries a plugin accepted, in its database: `accept` is false for a key already seen
 * (a replay), on any instance.
 *
 * @public
 */
export class PpWebhookDeliveries {
  constructor(private readonly db: Knex) {}

  /** Remembers every key, or none when one was seen before (false). */
  async accept(
    source: string,
    keys: string[],
    now: Date,
    expiresAt: Date,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      await tx('pp_webhook_deliveries').where('expires_at', '<', now).delete();
      try {
        await tx('pp_webhook_deliveries').insert(
          keys.map(delivery_key => ({
            source,
            delivery_key,
            received_at: now,
            expires_at: expiresAt,
          })),
        );
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    });
  }

  /** Forgets keys, so that the sender may retry a delivery PP failed to process. */
  async forget(source: string, keys: string[]): Promise<void> {
    await this.db('pp_webhook_deliveries')
      .where({ source })
      .whereIn('delivery_key', keys)
      .delete();
  }
}

/** What a signed handler gets: the body parsed by its schema, and the delivery. @public */
export interface PpSignedDelivery {
  deliveryId: string | null;
  timestamp: Date;
  requestId: string;
}

/** An answer the sender must not retry as is (4xx); anything else may be retried. */
function isClientError(error: unknown): boolean {
  const e = error as { name?: string; statusCode?: number };
  if (typeof e?.statusCode === 'number') {
    return e.statusCode >= 400 && e.statusCode < 500;
  }
  return [
    'InputError',
    'AuthenticationError',
    'NotAllowedError',
    'NotFoundError',
    'ConflictError',
  ].includes(e?.name ?? '');
}

const headerOf = (req: Request, name: string) => {
  const v = req.header(name);
  return v && v.length <= 200 ? v : undefined;
};

/**
 * An express handler for a signed webhook route (`createPpApiRouter` spec with `access: 'signed'`):
 * 401 (audited) without the headers, with a timestamp outside the window, with a signature that
 * does not match the body (compared in constant time) or one already accepted; 413 over the
 * route's body limit; 400 for a body that is not JSON or not the schema; else `handle`. Without a
 * secret configured the route answers 401 to everyone. A delivery `handle` fails with a 5xx is
 * forgotten again, so the sender may retry it.
 *
 * @public
 */
export function ppSignedWebhookHandler<T>(options: {
  /** e.g. `genesis`: names the deliveries and the audit records */
  source: string;
  route: PpBodyRoute;
  secret: () => string | undefined;
  deliveries: PpWebhookDeliveries;
  schema: z.ZodType<T, any>;
  handle: (input: T, delivery: PpSignedDelivery) => Promise<unknown>;
  status?: number;
  audit?: (entry: PpAuditEntry) => Promise<void>;
  now?: () => Date;
}): RequestHandler {
  const principal = `webhook:${options.source}`;
  const action = `pp.webhooks.${options.source}`;
  return async (req: Request, res: Response) => {
    const requestId = req.header('x-request-id') ?? randomUUID();
    const refuse = async (message: string) => {
      await options
        .audit?.({
          principal,
          action,
          resource: `${req.method} ${req.originalUrl ?? req.url}`.slice(0, 300),
          outcome: 'denied',
          reason: message,
          requestId,
        })
        .catch(() => {});
      return new AuthenticationError(message);
    };
    const secret = options.secret();
    if (!secret) {
      throw await refuse(
        `No ${options.source} webhook secret is configured: signed requests cannot be checked`,
      );
    }
    const timestamp = headerOf(req, PP_TIMESTAMP_HEADER);
    const signature = headerOf(req, PP_SIGNATURE_HEADER);
    const deliveryId = headerOf(req, PP_DELIVERY_HEADER) ?? null;
    if (!timestamp || !signature) {
      throw await refuse(
        `Sign the request: ${PP_TIMESTAMP_HEADER} and ${PP_SIGNATURE_HEADER} headers are required`,
      );
    }
    const now = options.now?.() ?? new Date();
    const seconds = Number(timestamp);
    if (
      !/^\d{1,12}$/.test(timestamp) ||
      Math.abs(now.getTime() / 1000 - seconds) > PP_SIGNED_TOLERANCE_SECONDS
    ) {
      throw await refuse(
        `${PP_TIMESTAMP_HEADER} is more than ${PP_SIGNED_TOLERANCE_SECONDS} seconds from the server's time: sign the request again`,
      );
    }
    const raw = await readRawBody(req, 'signed', options.route);
    const expected = Buffer.from(ppSignature(secret, timestamp, raw));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw await refuse('The signature does not match the body');
    }
    const keys = [`sig:${signature.slice('sha256='.length)}`];
    if (deliveryId) keys.push(`id:${deliveryId}`);
    const expiresAt = new Date(
      seconds * 1000 + 2 * PP_SIGNED_TOLERANCE_SECONDS * 1000,
    );
    if (
      !(await options.deliveries.accept(options.source, keys, now, expiresAt))
    ) {
      throw await refuse(
        'This delivery was already received: a replay is refused',
      );
    }
    try {
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch (e) {
        throw new InputError(
          `The request body is not valid JSON: ${(e as Error).message}`,
        );
      }
      const input = parseInput(options.schema, body, 'request body');
      const output = await options.handle(input, {
        deliveryId,
        timestamp: new Date(seconds * 1000),
        requestId,
      });
      res.status(options.status ?? 200).json(output);
    } catch (error) {
      if (!isClientError(error)) {
        await options.deliveries.forget(options.source, keys).catch(() => {});
      }
      throw error;
    }
  };
}
