import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { refundAmount } from '../domain/forceCancel';
import { seedDemoCustomerPortal } from '../seed/demoCustomerPortal';
import { CpPortError } from './CustomerPortalPort';
import { DemoCustomerPortalPort } from './DemoCustomerPortalPort';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

describe.each(databases.eachSupportedId())('demo CP port (%s)', id => {
  it('cancels in the demo CP with the plan’s refund, once per idempotency key', async () => {
    const seededAt = new Date('2026-12-02T12:00:00Z');
    const db = await databases.init(id);
    await seedDemoCustomerPortal(db, seededAt);
    let now = new Date('2026-12-02T12:00:00Z');
    const port = new DemoCustomerPortalPort(db, () => now);
    const row = (sub: string) =>
      db('subscriptions')
        .where({ id: sub })
        .first('status', 'canceled_at', 'started_at', 'monthly_price');

    // pro plan (399 a month) started 90 days before: 1 day of a 30-day period used
    const before = await row('demo-sub-001');
    const first = await port.cancelSubscription({
      subscriptionId: 'demo-sub-001',
      refund: 'prorated',
      reason: 'Fraudulent use',
      idempotencyKey: 'action-1',
    });
    expect(first).toEqual({
      canceledAt: '2026-12-02T12:00:00.000Z',
      refundAmount: 13.3,
    });
    expect(first.refundAmount).toBe(
      refundAmount({
        refund: 'prorated',
        pricePerPeriod: Number(before.monthly_price),
        startedAt: new Date(before.started_at),
        at: now,
      }),
    );
    expect(await row('demo-sub-001')).toMatchObject({
      status: 'canceled',
      canceled_at: '2026-12-02T12:00:00.000Z',
    });

    // the same key later: the first result, nothing changed
    now = new Date('2026-12-03T12:00:00Z');
    expect(
      await port.cancelSubscription({
        subscriptionId: 'demo-sub-001',
        refund: 'prorated',
        reason: 'Fraudulent use',
        idempotencyKey: 'action-1',
      }),
    ).toEqual(first);
    expect((await row('demo-sub-001')).canceled_at).toBe(
      '2026-12-02T12:00:00.000Z',
    );

    // already canceled in CP under another key: done, nothing refunded again
    expect(
      await port.cancelSubscription({
        subscriptionId: 'demo-sub-009',
        refund: 'full',
        reason: 'Cleanup',
        idempotencyKey: 'action-2',
      }),
    ).toMatchObject({ refundAmount: null });

    // full and none
    expect(
      await port.cancelSubscription({
        subscriptionId: 'demo-sub-002',
        refund: 'full',
        reason: 'Customer request',
        idempotencyKey: 'action-3',
      }),
    ).toMatchObject({ refundAmount: 149 });
    expect(
      await port.cancelSubscription({
        subscriptionId: 'demo-sub-004',
        refund: 'none',
        reason: 'Customer request',
        idempotencyKey: 'action-4',
      }),
    ).toMatchObject({ refundAmount: null });

    // churned and unknown: permanent failures, nothing written
    for (const subscriptionId of ['demo-sub-005', 'demo-sub-999']) {
      const error = await port
        .cancelSubscription({
          subscriptionId,
          refund: 'none',
          reason: 'Cleanup',
          idempotencyKey: `action-${subscriptionId}`,
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(CpPortError);
      expect(error.retryable).toBe(false);
    }
    expect((await row('demo-sub-005')).status).toBe('churned');
  });
});
