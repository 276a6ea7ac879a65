import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  PpForceCancelRequest,
  PpSubscriptionAction,
} from '@internal/plugin-pp-common';
import type {
  PpAuditEntry,
  PpPrincipal,
  PpTransactionalNotifier,
} from '@internal/plugin-pp-node';
import { toIso } from '@internal/plugin-pp-node';
import { randomUUID } from 'node:crypto';
import type { CustomerPortalPort } from '../cp/CustomerPortalPort';
import { CpPortError } from '../cp/CustomerPortalPort';
import type { CustomerPortalStore } from '../database/CustomerPortalStore';
import {
  ActionRow,
  DuplicateActionError,
  SubscriptionStore,
} from '../database/SubscriptionStore';
import {
  assertCancelable,
  canceledNotice,
  failedNotice,
  forceCancelRequestHash,
  retryDelayMs,
  subscriptionName,
} from '../domain/forceCancel';

/** The retry job acts as this principal in the audit log. */
export const ACTIONS_JOB_REF = 'plugin:pp-subscriptions/actions';

/** How many due actions one retry run takes on. */
const RETRY_BATCH = 50;

/** The API view of an action row. */
export function toApiAction(row: ActionRow): PpSubscriptionAction {
  return {
    id: row.id,
    subscription_id: row.subscription_id,
    kind: row.kind,
    status: row.status,
    reason: row.reason,
    refund: row.refund,
    refund_amount: row.refund_amount,
    attempts: row.attempts,
    last_error: row.last_error,
    next_attempt_at:
      row.status === 'pending' ? toIso(row.next_attempt_at) : null,
    requested_by: row.requested_by,
    requested_by_name: row.requested_by_name,
    created_at: toIso(row.created_at)!,
    completed_at: toIso(row.completed_at),
  };
}

const when = (d: Date) =>
  `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export interface RetryRun {
  completed: number;
  retrying: number;
  failed: number;
}

/**
 * The subscription writes: force-cancel through the CP port, as units of work with the outbox.
 *
 * A force-cancel is recorded first (pending, claimed by this request), then CP is called with the
 * action id as its idempotency key. CP's answer moves it, with its notice, in one transaction:
 * completed (the subscription managers are told; the list index shows it canceled), pending with a
 * backoff after a retryable failure (the retry job calls CP again with the same key), or failed
 * after a permanent failure or the last attempt (the admins are told). A crash between the steps
 * leaves a pending action the retry job takes over once its claim has run out: never a cancel
 * done in CP that PP does not know of, nor one PP reports done that CP did not do.
 */
export class SubscriptionCommands {
  constructor(
    private readonly deps: {
      cp: CustomerPortalStore;
      store: SubscriptionStore;
      /** undefined: the CP API is not configured (force-cancel answers 503). */
      port: CustomerPortalPort | undefined;
      notifier: PpTransactionalNotifier;
      maxAttempts: number;
      /** How long one attempt may hold an action (longer than the port's timeout). */
      claimMs: number;
      logger?: LoggerService;
      audit?: (entry: PpAuditEntry) => Promise<void>;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  private requirePort(): CustomerPortalPort {
    if (!this.deps.port) {
      throw new ServiceUnavailableError(
        'The Customer Portal API is not configured, so PP cannot cancel subscriptions; ask an administrator to connect it.',
      );
    }
    return this.deps.port;
  }

  /** A repeated request (same key): the same action, or a 409 when the key asked for another. */
  private replay(found: ActionRow, hash: string): PpSubscriptionAction {
    if (found.request_hash !== hash) {
      throw new ConflictError(
        `This Idempotency-Key was already used on ${when(
          found.created_at,
        )} for another request (the force-cancel of ${
          found.subscription_name
        }, ${found.refund} refund): send a new key for a new request`,
      );
    }
    return toApiAction(found);
  }

  private conflictWith(open: ActionRow): ConflictError {
    const by = open.requested_by_name ?? 'an administrator';
    return new ConflictError(
      open.status === 'pending'
        ? `A force-cancel of ${
            open.subscription_name
          }, requested by ${by} on ${when(
            open.created_at,
          )}, is still pending (the Customer Portal has not confirmed it yet): wait for it to complete or fail`
        : `The subscription of ${
            open.subscription_name
          } was already canceled by ${by} on ${when(
            open.completed_at ?? open.created_at,
          )}`,
    );
  }

  /**
   * Force-cancels a subscription in CP (admin only, checked by the command's permission).
   * Idempotent per requester and key: the same key and body return the same action without a
   * second CP call; the same key with another body is a 409.
   */
  async forceCancel(
    input: PpForceCancelRequest & {
      subscription_id: string;
      idempotency_key: string;
    },
    principal: PpPrincipal,
  ): Promise<PpSubscriptionAction> {
    const port = this.requirePort();
    const hash = forceCancelRequestHash(input);
    const known = await this.deps.store.actionByKey(
      principal.ref,
      input.idempotency_key,
    );
    if (known) return this.replay(known, hash);

    const sub = await this.deps.cp.getSubscription(input.subscription_id);
    if (!sub) {
      throw new NotFoundError(
        `Subscription ${input.subscription_id} not found`,
      );
    }
    assertCancelable(sub);

    const now = this.now();
    const row: ActionRow = {
      id: randomUUID(),
      subscription_id: sub.id,
      subscription_name: subscriptionName(sub),
      kind: 'force_cancel',
      status: 'pending',
      reason: input.reason,
      refund: input.refund,
      refund_amount: null,
      idempotency_key: input.idempotency_key,
      request_hash: hash,
      // this request makes the first attempt: it holds the action meanwhile
      attempts: 1,
      last_error: null,
      next_attempt_at: new Date(now.getTime() + this.deps.claimMs),
      requested_by: principal.ref,
      requested_by_name: principal.name,
      created_at: now,
      completed_at: null,
    };
    const outcome = await this.deps.store.transaction(async uow => {
      const again = await uow.actionByKey(principal.ref, input.idempotency_key);
      if (again) return { replay: this.replay(again, hash) };
      const open = await uow.openAction(sub.id, 'force_cancel');
      if (open) throw this.conflictWith(open);
      try {
        await uow.insertAction(row);
      } catch (error) {
        if (error instanceof DuplicateActionError) return { raced: true };
        throw error;
      }
      return {};
    });
    if (outcome.replay) return outcome.replay;
    if (outcome.raced) {
      // a concurrent request took the key or the subscription's one pending slot first
      const found = await this.deps.store.actionByKey(
        principal.ref,
        input.idempotency_key,
      );
      if (found) return this.replay(found, hash);
      const open = await this.deps.store.transaction(uow =>
        uow.openAction(sub.id, 'force_cancel'),
      );
      throw open
        ? this.conflictWith(open)
        : new ConflictError(
            `Another force-cancel of ${row.subscription_name} was requested at the same time: read the subscription and try again`,
          );
    }
    return toApiAction(await this.attempt(port, row));
  }

  /**
   * The retry job: every due pending action, one at a time, each claimed first (of two runners
   * only one calls CP for it), called with the same idempotency key. An action that cannot be
   * processed is logged and left for a later run; the others go on.
   */
  async retryDue(): Promise<RetryRun> {
    const run: RetryRun = { completed: 0, retrying: 0, failed: 0 };
    if (!this.deps.port) return run;
    const port = this.deps.port;
    const due = await this.deps.store.dueActions(this.now(), RETRY_BATCH);
    for (const id of due) {
      try {
        const now = this.now();
        const claimed = await this.deps.store.claimAction(
          id,
          now,
          new Date(now.getTime() + this.deps.claimMs),
        );
        if (!claimed) continue; // another runner has it
        const after = await this.attempt(port, claimed);
        if (after.status === 'completed') run.completed += 1;
        else if (after.status === 'failed') run.failed += 1;
        else run.retrying += 1;
        await this.auditOutcome(after);
      } catch (error) {
        this.deps.logger?.error(
          `Subscription action ${id} could not be retried; the others go on`,
          error as Error,
        );
      }
    }
    return run;
  }

  private async auditOutcome(action: ActionRow) {
    await this.deps
      .audit?.({
        principal: ACTIONS_JOB_REF,
        action: 'pp.subscriptions.force-cancel.retry',
        resource: `subscription:${action.subscription_id}`,
        outcome: action.status === 'failed' ? 'failure' : 'success',
        reason: action.reason,
        details: {
          action_id: action.id,
          requested_by: action.requested_by,
          refund: action.refund,
          refund_amount: action.refund_amount,
          status: action.status,
          attempts: action.attempts,
          last_error: action.last_error,
        },
      })
      .catch(error =>
        this.deps.logger?.warn(`Audit of action ${action.id} failed: ${error}`),
      );
  }

  /**
   * One call to CP for a claimed action (its `attempts` already count this one) and the outcome,
   * written with its notice in one transaction.
   */
  private async attempt(
    port: CustomerPortalPort,
    action: ActionRow,
  ): Promise<ActionRow> {
    let next: ActionRow;
    try {
      const result = await port.cancelSubscription({
        subscriptionId: action.subscription_id,
        refund: action.refund,
        reason: action.reason,
        idempotencyKey: action.id,
      });
      const completedAt = new Date(
        Number.isNaN(Date.parse(result.canceledAt))
          ? this.now().getTime()
          : Date.parse(result.canceledAt),
      );
      next = {
        ...action,
        status: 'completed',
        refund_amount: action.refund === 'none' ? null : result.refundAmount,
        last_error: null,
        next_attempt_at: null,
        completed_at: completedAt,
      };
    } catch (error) {
      const portError =
        error instanceof CpPortError
          ? error
          : new CpPortError(
              `Calling the Customer Portal failed unexpectedly (${String(
                (error as Error)?.message ?? error,
              ).slice(0, 200)}).`,
              { retryable: true },
            );
      const giveUp =
        !portError.retryable || action.attempts >= this.deps.maxAttempts;
      const lastError =
        giveUp && portError.retryable
          ? `${portError.message} Gave up after ${action.attempts} attempts.`
          : portError.message;
      next = giveUp
        ? {
            ...action,
            status: 'failed',
            last_error: lastError,
            next_attempt_at: null,
            completed_at: this.now(),
          }
        : {
            ...action,
            last_error: lastError,
            next_attempt_at: new Date(
              this.now().getTime() + retryDelayMs(action.attempts),
            ),
          };
    }
    const written = await this.deps.store.transaction(async uow => {
      const updated = await uow.updateAction(action.id, {
        status: next.status,
        refund_amount: next.refund_amount,
        last_error: next.last_error,
        next_attempt_at: next.next_attempt_at,
        completed_at: next.completed_at,
      });
      // settled meanwhile by a runner whose claim followed an expired one: its word stands
      if (!updated) return false;
      if (next.status === 'completed') {
        await uow.markListCanceled(next.subscription_id);
        await this.deps.notifier.enqueue(uow.tx, canceledNotice(next));
      } else if (next.status === 'failed') {
        await this.deps.notifier.enqueue(uow.tx, failedNotice(next));
      }
      return true;
    });
    if (!written) {
      return (await this.deps.store.getAction(action.id)) ?? next;
    }
    if (next.status !== 'pending') this.deps.notifier.flush();
    return next;
  }
}
