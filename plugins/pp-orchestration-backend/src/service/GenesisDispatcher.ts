import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  PP_DELIVERY_MAX_ATTEMPTS,
  ppDeliveryBackoffMs,
  ppSignedHeaders,
} from '@internal/plugin-pp-node';
import type { CreationStore } from '../database/CreationStore';
import type { GenesisRequestStore } from '../database/GenesisRequestStore';

/** The external Genesis, from `pp.orchestration.genesis`. */
export interface GenesisConfig {
  /** Where creations are posted; absent: the built-in validator decides at once. */
  url?: string;
  /** Signs the requests PP sends to Genesis. */
  secret?: string;
  /** Checks the verdicts Genesis posts to the webhook. */
  webhookSecret?: string;
  timeoutMs: number;
}

/** Reads `pp.orchestration.genesis` (a url needs a secret to sign with). */
export function readGenesisConfig(config: RootConfigService): GenesisConfig {
  const c = config.getOptionalConfig('pp.orchestration.genesis');
  const url = c?.getOptionalString('url') || undefined;
  const secret = c?.getOptionalString('secret') || undefined;
  if (url && !secret) {
    throw new Error(
      'pp.orchestration.genesis.url is set without pp.orchestration.genesis.secret: PP signs what it sends to Genesis',
    );
  }
  return {
    url,
    secret,
    webhookSecret: c?.getOptionalString('webhookSecret') || undefined,
    timeoutMs: c?.getOptionalNumber('timeoutMs') ?? 10_000,
  };
}

/** A claimed request is left alone by other senders for this long. */
const LEASE_MS = 2 * 60_000;

/**
 * Hands creations waiting in `genesis_validating` to the external Genesis: a signed JSON POST per
 * creation (`ppSignedHeaders`, the scheme of PP's signed webhooks), with a timeout; a failure is
 * retried with the notifier's backoff until PP_DELIVERY_MAX_ATTEMPTS. `flush` runs right after a
 * creation commits; the scheduled `sendDue` picks up whatever a crash, an outage of Genesis or
 * another instance left behind. Genesis answers later, on `POST /pp/v1/webhooks/genesis`.
 */
export class GenesisDispatcher {
  private flushing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      config: GenesisConfig & { url: string; secret: string };
      requests: GenesisRequestStore;
      creations: CreationStore;
      logger?: LoggerService;
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
        this.deps.logger?.warn(`Sending creations to Genesis failed: ${error}`),
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
      const creation = await this.deps.creations.get(request.creation_id);
      if (!creation || creation.status !== 'genesis_validating') {
        // decided meanwhile (or gone): nothing to ask Genesis any more
        await this.deps.requests.markSent(request.creation_id, now, attempts);
        continue;
      }
      const body = JSON.stringify({
        creation_id: creation.id,
        agent_id: creation.agent_id,
        agent_name: creation.agent_name,
        industry: creation.industry,
        specialty: creation.specialty,
        request: creation.request,
        requested_by: creation.created_by,
        requested_at: creation.created_at.toISOString(),
        callback: '/pp/v1/webhooks/genesis',
      });
      try {
        const res = await (this.deps.fetch ?? fetch)(this.deps.config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...ppSignedHeaders(this.deps.config.secret, body, {
              now: this.now(),
              deliveryId: `${creation.id}:${attempts}`,
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
        await this.deps.requests.markSent(creation.id, this.now(), attempts);
        sent++;
      } catch (error) {
        failed++;
        const message = String((error as Error)?.message ?? error);
        const next =
          attempts >= PP_DELIVERY_MAX_ATTEMPTS
            ? null
            : new Date(this.now().getTime() + ppDeliveryBackoffMs(attempts));
        await this.deps.requests.markFailed(
          creation.id,
          attempts,
          message,
          next,
        );
        this.deps.logger?.warn(
          `Genesis request for ${
            creation.agent_id
          } failed (attempt ${attempts}${
            next ? `, retry at ${next.toISOString()}` : ', given up'
          }): ${message}`,
        );
      }
    }
    return { sent, failed };
  }
}
