import type { Config } from '@backstage/config';
import type { Knex } from 'knex';
import { toIso } from '../database/util';
import { ppSignedHeaders } from '../http/signedWebhook';
import {
  PP_DELIVERY_MAX_ATTEMPTS,
  ppDeliveryBackoffMs,
} from '../notify/DatabaseNotifier';

/**
 * The client of the external Genesis (spec Stage 6 creations, Stage 8 retunings): its config
 * section, the outbox of requests to it and the dispatcher that posts them signed. Each PP plugin
 * that asks Genesis keeps its own table and says what a request carries and what happens when
 * Genesis never took one; Genesis answers on that plugin's own signed webhook.
 */

/** An external Genesis's section (`pp.orchestration.genesis`, `pp.knowledge.retuning.genesis`). @public */
export interface PpGenesisConfig {
  /** Where requests are posted; absent: the built-in validator decides at once. */
  url?: string;
  /** Signs the requests PP sends to Genesis. */
  secret?: string;
  /** Checks the verdicts Genesis posts to the webhook. */
  webhookSecret?: string;
  timeoutMs: number;
}

/** A Genesis section with a url, ready to send. @public */
export type PpExternalGenesisConfig = PpGenesisConfig & {
  url: string;
  secret: string;
};

/** Reads a Genesis section at `key` (a url needs a secret to sign with). @public */
export function readPpGenesisConfig(
  config: Pick<Config, 'getOptionalConfig'>,
  key: string,
): PpGenesisConfig {
  const c = config.getOptionalConfig(key);
  const url = c?.getOptionalString('url') || undefined;
  const secret = c?.getOptionalString('secret') || undefined;
  if (url && !secret) {
    throw new Error(
      `${key}.url is set without ${key}.secret: PP signs what it sends to Genesis`,
    );
  }
  return {
    url,
    secret,
    webhookSecret: c?.getOptionalString('webhookSecret') || undefined,
    timeoutMs: c?.getOptionalNumber('timeoutMs') ?? 10_000,
  };
}

/** One request waiting to be handed to the external Genesis. @public */
export interface PpGenesisRequestRow {
  /** what it is about (a creation's or a retuning's id) */
  subject_id: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** The outbox of requests to Genesis. @public */
export interface PpGenesisRequests {
  /** In the subject's transaction; a subject already queued is left as it is. */
  enqueue(
    tx: Knex.Transaction | Knex,
    subjectId: string,
    now: Date,
  ): Promise<void>;
  /** Leases due rows (their `next_attempt_at` moved past the lease, conditionally). */
  claimDue(
    now: Date,
    leaseUntil: Date,
    limit?: number,
  ): Promise<PpGenesisRequestRow[]>;
  markSent(subjectId: string, now: Date, attempts: number): Promise<void>;
  /** `next` null: given up (status failed). */
  markFailed(
    subjectId: string,
    attempts: number,
    error: string,
    next: Date | null,
  ): Promise<void>;
  get(subjectId: string): Promise<PpGenesisRequestRow | undefined>;
}

/**
 * `PpGenesisRequests` in a plugin's table (columns: `<idColumn>` primary key, status, attempts,
 * next_attempt_at, last_error, created_at, sent_at): two instances never send the same row at once.
 *
 * @public
 */
export class DatabasePpGenesisRequests implements PpGenesisRequests {
  constructor(
    private readonly db: Knex,
    private readonly table: { name: string; idColumn: string },
  ) {}

  private toRow(r: any): PpGenesisRequestRow {
    return {
      subject_id: String(r[this.table.idColumn]),
      status: r.status,
      attempts: Number(r.attempts),
      next_attempt_at: toIso(r.next_attempt_at),
      last_error: r.last_error ?? null,
      created_at: toIso(r.created_at)!,
      sent_at: toIso(r.sent_at),
    };
  }

  async enqueue(tx: Knex.Transaction | Knex, subjectId: string, now: Date) {
    await tx(this.table.name)
      .insert({
        [this.table.idColumn]: subjectId,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      })
      .onConflict(this.table.idColumn)
      .ignore();
  }

  async claimDue(
    now: Date,
    leaseUntil: Date,
    limit = 50,
  ): Promise<PpGenesisRequestRow[]> {
    const id = this.table.idColumn;
    const due = await this.db(this.table.name)
      .where({ status: 'pending' })
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit);
    const claimed: PpGenesisRequestRow[] = [];
    for (const r of due) {
      const won = await this.db(this.table.name)
        .where({ [id]: r[id], status: 'pending', attempts: r.attempts })
        .where('next_attempt_at', '<=', now)
        .update({ next_attempt_at: leaseUntil });
      if (won) claimed.push(this.toRow(r));
    }
    return claimed;
  }

  async markSent(subjectId: string, now: Date, attempts: number) {
    await this.db(this.table.name)
      .where({ [this.table.idColumn]: subjectId })
      .update({
        status: 'sent',
        attempts,
        sent_at: now,
        next_attempt_at: null,
        last_error: null,
      });
  }

  async markFailed(
    subjectId: string,
    attempts: number,
    error: string,
    next: Date | null,
  ) {
    await this.db(this.table.name)
      .where({ [this.table.idColumn]: subjectId })
      .update({
        status: next ? 'pending' : 'failed',
        attempts,
        last_error: error.slice(0, 2000),
        next_attempt_at: next,
      });
  }

  async get(subjectId: string) {
    const r = await this.db(this.table.name)
      .where({ [this.table.idColumn]: subjectId })
      .first();
    return r ? this.toRow(r) : undefined;
  }
}

/** What a plugin says about one due request. @public */
export interface PpGenesisRequestBody {
  /** the JSON body posted to Genesis */
  body: Record<string, unknown>;
  /** names the subject in the logs (e.g. the agent id) */
  label: string;
}

/** A claimed request is left alone by other senders for this long. */
const LEASE_MS = 2 * 60_000;

/**
 * Hands requests to the external Genesis: a signed JSON POST per request (`ppSignedHeaders`, the
 * scheme of PP's signed webhooks, delivery id `<subject>:<attempt>`), with a timeout; a failure
 * is retried with the notifier's backoff until PP_DELIVERY_MAX_ATTEMPTS, then `onGivenUp` runs.
 * `flush` runs right after a subject commits; the scheduled `sendDue` picks up whatever a crash,
 * an outage of Genesis or another instance left behind.
 *
 * @public
 */
export class PpGenesisDispatcher {
  private flushing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      config: PpExternalGenesisConfig;
      requests: PpGenesisRequests;
      /** e.g. `creations`: names what is sent in the logs */
      what: string;
      /** The request's body; undefined: nothing to ask any more (decided meanwhile, or gone). */
      body(subjectId: string): Promise<PpGenesisRequestBody | undefined>;
      /** After the last attempt failed (errors are logged). */
      onGivenUp?(
        subjectId: string,
        error: string,
        attempts: number,
      ): Promise<void>;
      logger?: { warn(message: string): void };
      fetch?: typeof fetch;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /** Sends what is due now, in the background (errors are logged; the job retries). */
  flush(): Promise<unknown> {
    this.flushing = this.flushing
      .then(() => this.sendDue())
      .catch(error =>
        this.deps.logger?.warn(
          `Sending ${this.deps.what} to Genesis failed: ${error}`,
        ),
      );
    return this.flushing;
  }

  /** Sends every due request once; returns how many were sent and failed. */
  async sendDue(): Promise<{ sent: number; failed: number }> {
    const now = this.now();
    const claimed = await this.deps.requests.claimDue(
      now,
      new Date(now.getTime() + LEASE_MS),
    );
    let sent = 0;
    let failed = 0;
    for (const request of claimed) {
      const attempts = request.attempts + 1;
      const id = request.subject_id;
      const what = await this.deps.body(id);
      if (!what) {
        // decided meanwhile (or gone): nothing to ask Genesis any more
        await this.deps.requests.markSent(id, now, attempts);
        continue;
      }
      const body = JSON.stringify(what.body);
      try {
        const res = await (this.deps.fetch ?? fetch)(this.deps.config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...ppSignedHeaders(this.deps.config.secret, body, {
              now: this.now(),
              deliveryId: `${id}:${attempts}`,
            }),
          },
          body,
          signal: AbortSignal.timeout(this.deps.config.timeoutMs),
        });
        if (!res.ok) {
          throw new Error(
            `Genesis answered ${res.status}: ${(await res.text()).slice(
              0,
              500,
            )}`,
          );
        }
        await this.deps.requests.markSent(id, this.now(), attempts);
        sent++;
      } catch (error) {
        failed++;
        const message = String((error as Error)?.message ?? error);
        const next =
          attempts >= PP_DELIVERY_MAX_ATTEMPTS
            ? null
            : new Date(this.now().getTime() + ppDeliveryBackoffMs(attempts));
        await this.deps.requests.markFailed(id, attempts, message, next);
        this.deps.logger?.warn(
          `Genesis request for ${what.label} failed (attempt ${attempts}${
            next ? `, retry at ${next.toISOString()}` : ', given up'
          }): ${message}`,
        );
        if (!next && this.deps.onGivenUp) {
          await this.deps
            .onGivenUp(id, message, attempts)
            .catch(e =>
              this.deps.logger?.warn(
                `After giving up the Genesis request for ${what.label}: ${e}`,
              ),
            );
        }
      }
    }
    return { sent, failed };
  }
}
