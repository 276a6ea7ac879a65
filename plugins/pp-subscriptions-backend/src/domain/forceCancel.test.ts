import { ConflictError } from '@backstage/errors';
import {
  addUtcMonths,
  assertCancelable,
  billingPeriod,
  canceledNotice,
  failedNotice,
  forceCancelRequestHash,
  refundAmount,
  retryDelayMs,
} from './forceCancel';

const d = (iso: string) => new Date(iso);

describe('addUtcMonths', () => {
  it.each([
    ['2026-01-15T10:00:00Z', 1, '2026-02-15T10:00:00.000Z'],
    ['2026-01-31T00:00:00Z', 1, '2026-02-28T00:00:00.000Z'],
    ['2028-01-31T00:00:00Z', 1, '2028-02-29T00:00:00.000Z'],
    ['2026-11-30T00:00:00Z', 3, '2027-02-28T00:00:00.000Z'],
    ['2026-05-10T00:00:00Z', 0, '2026-05-10T00:00:00.000Z'],
  ])('%s + %i months = %s', (from, months, want) => {
    expect(addUtcMonths(d(from), months).toISOString()).toBe(want);
  });
});

describe('billingPeriod', () => {
  it.each([
    // started, at, period start, period end
    [
      '2026-09-03T00:00:00Z',
      '2026-12-02T12:00:00Z',
      '2026-11-03T00:00:00.000Z',
      '2026-12-03T00:00:00.000Z',
    ],
    [
      '2026-09-03T00:00:00Z',
      '2026-12-03T00:00:00Z',
      '2026-12-03T00:00:00.000Z',
      '2027-01-03T00:00:00.000Z',
    ],
    [
      '2026-01-31T00:00:00Z',
      '2026-03-01T00:00:00Z',
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ],
    // before the start: the first period
    [
      '2026-12-10T00:00:00Z',
      '2026-12-01T00:00:00Z',
      '2026-12-10T00:00:00.000Z',
      '2027-01-10T00:00:00.000Z',
    ],
  ])('started %s, at %s: [%s, %s)', (started, at, start, end) => {
    const p = billingPeriod(d(started), d(at));
    expect([p.start.toISOString(), p.end.toISOString()]).toEqual([start, end]);
  });
});

describe('refundAmount', () => {
  const startedAt = d('2026-11-01T00:00:00Z'); // periods: Nov (30 days), Dec (31 days), …
  it.each([
    ['none', 100, '2026-11-16T00:00:00Z', null],
    ['full', 149, '2026-11-16T00:00:00Z', 149],
    ['full', 99.999, '2026-11-16T00:00:00Z', 100],
    // half of November unused
    ['prorated', 100, '2026-11-16T00:00:00Z', 50],
    // the first instant of a period: all of it unused
    ['prorated', 399, '2026-11-01T00:00:00Z', 399],
    // a third of November used: two thirds unused, to the cent
    ['prorated', 49, '2026-11-11T00:00:00Z', 32.67],
    // December (31 days), 1 day used
    ['prorated', 310, '2026-12-02T00:00:00Z', 300],
    // the last second of November: nearly nothing left
    ['prorated', 149, '2026-11-30T23:59:59Z', 0],
    // before the start: the whole first period
    ['prorated', 149, '2026-10-20T00:00:00Z', 149],
    ['prorated', 0, '2026-11-16T00:00:00Z', 0],
  ] as const)('%s of %d at %s = %p', (refund, price, at, want) => {
    expect(
      refundAmount({ refund, pricePerPeriod: price, startedAt, at: d(at) }),
    ).toBe(want);
  });
});

describe('retryDelayMs', () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [6, 1_920_000],
    [7, 3_600_000],
    [20, 3_600_000],
  ])('after attempt %i: %i ms', (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });
});

describe('forceCancelRequestHash', () => {
  it('tells requests apart by subscription, reason and refund only', () => {
    const base = {
      subscription_id: 'demo-sub-001',
      reason: 'Fraudulent use',
      refund: 'none' as const,
    };
    const h = forceCancelRequestHash(base);
    expect(forceCancelRequestHash({ ...base })).toBe(h);
    expect(forceCancelRequestHash({ ...base, refund: 'full' })).not.toBe(h);
    expect(forceCancelRequestHash({ ...base, reason: 'Other' })).not.toBe(h);
    expect(
      forceCancelRequestHash({ ...base, subscription_id: 'demo-sub-002' }),
    ).not.toBe(h);
  });
});

describe('assertCancelable', () => {
  const sub = {
    customer_name: 'Demo Bakery Ltd',
    agent_name: 'Demo Content Agent',
    canceled_at: '2026-11-20T10:00:00.000Z',
  };
  it.each(['active', 'trial', 'paused'] as const)('%s: allowed', status => {
    expect(() => assertCancelable({ ...sub, status })).not.toThrow();
  });
  it.each([
    ['canceled', /already canceled since 2026-11-20/],
    ['churned', /already churned since 2026-11-20/],
  ] as const)('%s: 409 naming it', (status, message) => {
    expect(() => assertCancelable({ ...sub, status })).toThrow(ConflictError);
    expect(() => assertCancelable({ ...sub, status })).toThrow(message);
    expect(() => assertCancelable({ ...sub, status })).toThrow(
      /Demo Bakery Ltd \(Demo Content Agent\)/,
    );
  });
});

describe('notices', () => {
  const facts = {
    subscription_id: 'demo-sub-001',
    subscription_name: 'Demo Bakery Ltd (Demo Content Agent)',
    reason: 'Fraudulent use',
    refund: 'prorated' as const,
    refund_amount: 32.5,
    requested_by_name: 'Ada Admin',
    last_error: 'The Customer Portal answered 400 Bad Request: plan locked.',
    attempts: 1,
  };
  it('tells the subscription managers who canceled, why and the refund', () => {
    const n = canceledNotice(facts);
    expect(n.to).toEqual({ roles: ['subscription_manager'] });
    expect(n.description).toBe(
      'Subscription of Demo Bakery Ltd (Demo Content Agent) was canceled by Ada Admin: Fraudulent use; prorated refund of 32.50.',
    );
    expect(canceledNotice({ ...facts, refund: 'none' }).description).toMatch(
      /; no refund\.$/,
    );
  });
  it('tells the admins a force-cancel failed, with the reason', () => {
    const n = failedNotice(facts);
    expect(n.to).toEqual({ roles: ['admin'] });
    expect(n.description).toContain('after 1 attempt: The Customer Portal');
    expect(n.description).not.toContain('demo-sub-001');
  });
});
