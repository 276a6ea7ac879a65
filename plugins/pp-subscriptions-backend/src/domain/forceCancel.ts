import { ConflictError } from '@backstage/errors';
import type {
  PpRefundOption,
  PpSubscriptionStatus,
} from '@internal/plugin-pp-common';
import type { PpNotificationMessage } from '@internal/plugin-pp-node';
import { createHash } from 'node:crypto';

/*
 * Force-cancel rules as functions of plain data: the refund, the retry backoff, what a request is
 * (its hash, for idempotency), which subscriptions may be canceled, and what people are told.
 */

/** `date` plus `months` calendar months in UTC; a day the month lacks becomes its last day. */
export function addUtcMonths(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      y,
      m,
      Math.min(date.getUTCDate(), lastDay),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    ),
  );
}

/**
 * The monthly billing period `at` falls in: periods start on the subscription's start day each
 * month. Before the start: the first period.
 */
export function billingPeriod(
  startedAt: Date,
  at: Date,
): { start: Date; end: Date } {
  let n = Math.max(
    0,
    (at.getUTCFullYear() - startedAt.getUTCFullYear()) * 12 +
      at.getUTCMonth() -
      startedAt.getUTCMonth(),
  );
  while (n > 0 && addUtcMonths(startedAt, n) > at) n -= 1;
  while (addUtcMonths(startedAt, n + 1) <= at) n += 1;
  return {
    start: addUtcMonths(startedAt, n),
    end: addUtcMonths(startedAt, n + 1),
  };
}

const cents = (v: number) => Math.round(v * 100) / 100;

/**
 * What a cancel refunds: nothing (`none`: null), one period's price (`full`), or the unused part of
 * the current period (`prorated`: price × time left / period length, to the cent).
 */
export function refundAmount(options: {
  refund: PpRefundOption;
  pricePerPeriod: number;
  startedAt: Date;
  at: Date;
}): number | null {
  const { refund, pricePerPeriod, startedAt, at } = options;
  if (refund === 'none') return null;
  if (refund === 'full') return cents(pricePerPeriod);
  const { start, end } = billingPeriod(startedAt, at);
  const unused = Math.min(
    1,
    Math.max(
      0,
      (end.getTime() - at.getTime()) / (end.getTime() - start.getTime()),
    ),
  );
  return cents(pricePerPeriod * unused);
}

/** Retry backoff after the n-th failed attempt: 1 minute, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** What a force-cancel request asks for, hashed: a reused key with another body is told apart. */
export function forceCancelRequestHash(request: {
  subscription_id: string;
  reason: string;
  refund: PpRefundOption;
}): string {
  return createHash('sha256')
    .update(
      JSON.stringify([request.subscription_id, request.reason, request.refund]),
    )
    .digest('hex');
}

/** How people name a subscription: its customer and agent. */
export function subscriptionName(sub: {
  customer_name: string;
  agent_name: string | null;
}): string {
  return sub.agent_name
    ? `${sub.customer_name} (${sub.agent_name})`
    : sub.customer_name;
}

/** Only a live subscription can be canceled: canceled or churned ones are a 409. */
export function assertCancelable(sub: {
  customer_name: string;
  agent_name: string | null;
  status: PpSubscriptionStatus;
  canceled_at: string | null;
}) {
  if (sub.status !== 'canceled' && sub.status !== 'churned') return;
  const since = sub.canceled_at ? ` since ${sub.canceled_at.slice(0, 10)}` : '';
  throw new ConflictError(
    `The subscription of ${subscriptionName(sub)} is already ${
      sub.status === 'canceled' ? 'canceled' : 'churned'
    }${since}: there is nothing to cancel`,
  );
}

const REFUND_WORDS: Record<PpRefundOption, string> = {
  none: 'no refund',
  prorated: 'prorated refund',
  full: 'full refund',
};

/** The refund in words, with the amount once known. */
export function refundText(
  refund: PpRefundOption,
  amount: number | null,
): string {
  if (refund === 'none') return REFUND_WORDS.none;
  return amount === null
    ? REFUND_WORDS[refund]
    : `${REFUND_WORDS[refund]} of ${amount.toFixed(2)}`;
}

/** The facts of an action a notice needs. */
export interface ActionFacts {
  subscription_id: string;
  subscription_name: string;
  reason: string;
  refund: PpRefundOption;
  refund_amount: number | null;
  requested_by_name: string | null;
  last_error: string | null;
  attempts: number;
}

const link = (a: ActionFacts) => `/pp/subscriptions/${a.subscription_id}`;
const reference = (a: ActionFacts) => `subscription:${a.subscription_id}`;

/** Done in CP: the subscription managers are told who canceled it, why, and the refund. */
export function canceledNotice(a: ActionFacts): PpNotificationMessage {
  return {
    topic: 'subscriptions.force-cancel.completed',
    title: `Subscription of ${a.subscription_name} canceled`,
    description: `Subscription of ${a.subscription_name} was canceled by ${
      a.requested_by_name ?? 'an administrator'
    }: ${a.reason}; ${refundText(a.refund, a.refund_amount)}.`,
    severity: 'high',
    link: link(a),
    reference: reference(a),
    to: { roles: ['subscription_manager'] },
  };
}

/** Given up: the admins are told the subscription is not canceled, and why. */
export function failedNotice(a: ActionFacts): PpNotificationMessage {
  return {
    topic: 'subscriptions.force-cancel.failed',
    title: `Force-cancel of ${a.subscription_name} failed`,
    description: `The Customer Portal did not cancel the subscription of ${
      a.subscription_name
    } (requested by ${a.requested_by_name ?? 'an administrator'}: ${
      a.reason
    }) after ${a.attempts} ${a.attempts === 1 ? 'attempt' : 'attempts'}: ${
      a.last_error ?? 'no reason given'
    } PP did not cancel it; request the cancel again once the cause is fixed.`,
    severity: 'high',
    link: link(a),
    reference: reference(a),
    to: { roles: ['admin'] },
  };
}
