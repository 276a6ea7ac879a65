import {
  PpCustomerReadinessSettings,
  ppCustomerReadinessSettingsSchema,
} from '@internal/plugin-pp-common';
import { z } from 'zod';
import {
  CpCancelRequest,
  CpCancelResult,
  CpPortError,
  CustomerPortalPort,
  CustomerSettingsPort,
} from './CustomerPortalPort';

/** Where CP's API is and how PP authenticates to it (`pp.customerPortal.api`). */
export interface CpApiSettings {
  baseUrl: string;
  /** CP's service token for PP (sent as `Authorization: Bearer`). */
  token: string;
  timeoutMs: number;
}

const RETRYABLE_STATUSES = new Set([408, 425, 429]);

/** A short, single-line extract of CP's answer for an error sentence. */
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** CP's message from its JSON error body (`{error: {message}}`, `{message}`), or the text. */
function messageOf(text: string): string {
  try {
    const body = JSON.parse(text);
    const m = body?.error?.message ?? body?.message ?? body?.error;
    if (typeof m === 'string' && m.trim()) return excerpt(m);
  } catch {
    // not JSON
  }
  return excerpt(text);
}

function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The result of a CP answer: `canceled_at` and `refund_amount`, at the top or under `subscription`. */
function resultOf(body: any, now: Date): CpCancelResult {
  const sub = body?.subscription ?? body ?? {};
  const canceledAt =
    typeof sub.canceled_at === 'string' &&
    !Number.isNaN(Date.parse(sub.canceled_at))
      ? new Date(sub.canceled_at).toISOString()
      : now.toISOString();
  const raw = body?.refund_amount ?? sub.refund_amount ?? body?.refund?.amount;
  const amount = raw === null || raw === undefined ? null : Number(raw);
  return {
    canceledAt,
    refundAmount: amount === null || !Number.isFinite(amount) ? null : amount,
  };
}

/** A 409 that says the subscription is canceled: CP has what PP asked for. */
function saysCanceled(body: any): boolean {
  const status =
    body?.status ?? body?.subscription?.status ?? body?.error?.status;
  return status === 'canceled' || status === 'cancelled';
}

/**
 * The CP port over CP's HTTP API: `POST {baseUrl}/subscriptions/{id}/cancel` with
 * `Authorization: Bearer <token>`, `Idempotency-Key` and the JSON body `{refund, reason}`.
 * A 2xx is done; a 409 whose body says the subscription is canceled is done too; a network error,
 * a timeout, a 408/425/429 or a 5xx is retryable; any other answer is permanent.
 */
export class HttpCustomerPortalPort
  implements CustomerPortalPort, CustomerSettingsPort
{
  readonly source = 'customer_portal' as const;

  constructor(
    private readonly settings: CpApiSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async cancelSubscription(request: CpCancelRequest): Promise<CpCancelResult> {
    const base = this.settings.baseUrl.replace(/\/+$/, '');
    const url = `${base}/subscriptions/${encodeURIComponent(
      request.subscriptionId,
    )}/cancel`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.settings.token}`,
          'idempotency-key': request.idempotencyKey,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({
          refund: request.refund,
          reason: request.reason,
        }),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        redirect: 'error',
      });
      text = await res.text();
    } catch (error) {
      const e = error as Error;
      if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
        throw new CpPortError(
          `The Customer Portal did not answer within ${Math.round(
            this.settings.timeoutMs / 1000,
          )} seconds.`,
          { retryable: true },
        );
      }
      const cause = (e as { cause?: { code?: string; message?: string } })
        ?.cause;
      throw new CpPortError(
        `The Customer Portal could not be reached (${excerpt(
          cause?.code ?? cause?.message ?? e?.message ?? String(error),
        )}).`,
        { retryable: true },
      );
    }
    const body = parseJson(text);
    if (res.ok) return resultOf(body, this.now());
    if (res.status === 409 && saysCanceled(body)) {
      return resultOf(body, this.now());
    }
    const what = messageOf(text);
    const answered = `The Customer Portal answered ${res.status}${
      res.statusText ? ` ${res.statusText}` : ''
    }${what ? `: ${what}` : ''}`;
    const retryable = res.status >= 500 || RETRYABLE_STATUSES.has(res.status);
    throw new CpPortError(`${answered.replace(/[.\s]+$/, '')}.`, {
      retryable,
      status: res.status,
    });
  }

  /**
   * `GET {baseUrl}/agents/{agent_id}/subscription-settings` with the same bearer token: CP answers
   * `{subscriptions: [...]}`, one settings object per live subscription of the agent (the
   * `CustomerReadinessSettings` shape). A network error, a timeout, a non-2xx answer or a body of
   * another shape is a `CpPortError`.
   */
  async agentSettings(agentId: string): Promise<PpCustomerReadinessSettings[]> {
    const base = this.settings.baseUrl.replace(/\/+$/, '');
    const url = `${base}/agents/${encodeURIComponent(
      agentId,
    )}/subscription-settings`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        headers: {
          authorization: `Bearer ${this.settings.token}`,
          accept: 'application/json',
        },
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        redirect: 'error',
      });
      text = await res.text();
    } catch (error) {
      const e = error as Error;
      if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
        throw new CpPortError(
          `The Customer Portal did not answer within ${Math.round(
            this.settings.timeoutMs / 1000,
          )} seconds.`,
          { retryable: true },
        );
      }
      throw new CpPortError(
        `The Customer Portal could not be reached (${excerpt(
          e?.message ?? String(error),
        )}).`,
        { retryable: true },
      );
    }
    if (!res.ok) {
      const what = messageOf(text);
      throw new CpPortError(
        `The Customer Portal answered ${res.status}${
          what ? `: ${what}` : ''
        }`.replace(/[.\s]*$/, '.'),
        {
          retryable: res.status >= 500 || RETRYABLE_STATUSES.has(res.status),
          status: res.status,
        },
      );
    }
    const parsed = z
      .object({ subscriptions: z.array(ppCustomerReadinessSettingsSchema) })
      .safeParse(parseJson(text));
    if (!parsed.success) {
      throw new CpPortError(
        'The Customer Portal answered settings in a shape PP does not understand.',
        { retryable: false, status: res.status },
      );
    }
    return parsed.data.subscriptions;
  }
}
