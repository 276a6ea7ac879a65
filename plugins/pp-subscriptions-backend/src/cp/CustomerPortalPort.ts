import type {
  PpCustomerReadinessSettings,
  PpRefundOption,
} from '@internal/plugin-pp-common';

/** A cancel PP asks CP for. */
export interface CpCancelRequest {
  subscriptionId: string;
  refund: PpRefundOption;
  reason: string;
  /** The same key for every attempt of one action (PP's action id): CP does it once. */
  idempotencyKey: string;
}

/** What CP did: when the subscription was canceled and what it refunded (null: no refund). */
export interface CpCancelResult {
  canceledAt: string;
  refundAmount: number | null;
}

/**
 * Why a CP write did not happen, as a sentence people can read. `retryable`: a network error, a
 * timeout, a 5xx or a 429 (the same request may succeed later); otherwise permanent (CP refused
 * the request: retrying it would not help).
 */
export class CpPortError extends Error {
  readonly retryable: boolean;
  readonly status?: number;

  constructor(
    message: string,
    options: { retryable: boolean; status?: number },
  ) {
    super(message);
    this.name = 'CpPortError';
    this.retryable = options.retryable;
    this.status = options.status;
  }
}

/**
 * The Customer Portal port: PP's writes to CP (cancel, refund), never SQL into CP's tables. The
 * production implementation calls CP's API (`HttpCustomerPortalPort`); the embedded default's demo
 * CP has an in-process one (`DemoCustomerPortalPort`). Both are idempotent by `idempotencyKey`, and
 * a subscription CP already has canceled counts as done.
 */
export interface CustomerPortalPort {
  /** Cancels a subscription in CP; throws `CpPortError` when CP did not. */
  cancelSubscription(request: CpCancelRequest): Promise<CpCancelResult>;
}

/**
 * The customers' operational settings of an agent (spec Stage 6: working hours, approval
 * threshold, data freshness, error tolerance, budget limit), one set per live subscription
 * (active, trial or paused), as CP keeps them: read through CP's API, never its tables. Both CP
 * ports implement it; `source` says which answered.
 */
export interface CustomerSettingsPort {
  readonly source: 'customer_portal' | 'demo_customer_portal';
  /** Throws `CpPortError` when CP could not be read. */
  agentSettings(agentId: string): Promise<PpCustomerReadinessSettings[]>;
}
