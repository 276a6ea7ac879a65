import type { PpCustomerReadinessSettings } from '@internal/plugin-pp-common';
import { Knex } from 'knex';
import { refundAmount } from '../domain/forceCancel';
import {
  CpCancelRequest,
  CpCancelResult,
  CpPortError,
  CustomerPortalPort,
  CustomerSettingsPort,
} from './CustomerPortalPort';

/*
 * DEMO / DEV ONLY. The CP port of the embedded default: it writes to the demo CP database
 * (`src/seed/demoCustomerPortal.ts`), doing what CP's cancel endpoint does: the subscription
 * becomes canceled, the refund is computed from the plan price (demo column `monthly_price`), and
 * a repeated idempotency key returns the first result (demo table `demo_cancel_requests`). Used
 * only when the connector is the demo CP; production uses `HttpCustomerPortalPort`.
 */
export class DemoCustomerPortalPort
  implements CustomerPortalPort, CustomerSettingsPort
{
  readonly source = 'demo_customer_portal' as const;

  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async cancelSubscription(request: CpCancelRequest): Promise<CpCancelResult> {
    return this.db.transaction(async tx => {
      const done = await tx('demo_cancel_requests')
        .where({ idempotency_key: request.idempotencyKey })
        .first();
      if (done) {
        return {
          canceledAt: String(done.canceled_at),
          refundAmount:
            done.refund_amount === null ? null : Number(done.refund_amount),
        };
      }
      const sub = await tx('subscriptions')
        .where({ id: request.subscriptionId })
        .first('id', 'status', 'started_at', 'canceled_at', 'monthly_price');
      if (!sub) {
        throw new CpPortError('The Customer Portal has no such subscription.', {
          retryable: false,
          status: 404,
        });
      }
      if (sub.status === 'canceled') {
        // CP's "already canceled": what was asked for is the case
        return {
          canceledAt: String(sub.canceled_at ?? this.now().toISOString()),
          refundAmount: null,
        };
      }
      if (sub.status === 'churned') {
        throw new CpPortError(
          'The Customer Portal says the subscription has churned: there is nothing to cancel.',
          { retryable: false, status: 409 },
        );
      }
      const at = this.now();
      let amount: number | null = null;
      if (request.refund !== 'none') {
        if (sub.monthly_price === null || sub.monthly_price === undefined) {
          throw new CpPortError(
            'The Customer Portal has no price for this subscription’s plan, so it cannot refund it.',
            { retryable: false, status: 422 },
          );
        }
        amount = refundAmount({
          refund: request.refund,
          pricePerPeriod: Number(sub.monthly_price),
          startedAt: sub.started_at ? new Date(sub.started_at) : at,
          at,
        });
      }
      const canceledAt = at.toISOString();
      await tx('subscriptions')
        .where({ id: sub.id })
        .update({ status: 'canceled', canceled_at: canceledAt });
      await tx('demo_cancel_requests').insert({
        idempotency_key: request.idempotencyKey,
        subscription_id: sub.id,
        refund: request.refund,
        reason: request.reason,
        refund_amount: amount,
        canceled_at: canceledAt,
      });
      return { canceledAt, refundAmount: amount };
    });
  }

  /**
   * DEMO: the customers' settings of an agent's live subscriptions from the demo settings table
   * (`demo_subscription_settings`); a subscription without a row has every setting unset.
   */
  async agentSettings(agentId: string): Promise<PpCustomerReadinessSettings[]> {
    const rows = await this.db('subscriptions as s')
      .leftJoin('demo_subscription_settings as x', 'x.subscription_id', 's.id')
      .where('s.agent_id', agentId)
      .whereIn('s.status', ['active', 'trial', 'paused'])
      .orderBy('s.customer_name')
      .select(
        's.id',
        's.customer_name',
        'x.working_hours',
        'x.approval_threshold_amount',
        'x.data_freshness_hours',
        'x.error_tolerance_percent',
        'x.budget_limit_amount',
        'x.budget_limit_period',
        'x.currency',
        'x.updated_at',
      );
    const num = (v: unknown) =>
      v === null || v === undefined ? null : Number(v);
    return rows.map(r => {
      const currency = r.currency ?? 'USD';
      return {
        subscription_id: String(r.id),
        customer_name: String(r.customer_name),
        working_hours: r.working_hours ? JSON.parse(r.working_hours) : null,
        approval_threshold:
          r.approval_threshold_amount === null ||
          r.approval_threshold_amount === undefined
            ? null
            : { amount: Number(r.approval_threshold_amount), currency },
        data_freshness_hours: num(r.data_freshness_hours),
        error_tolerance_percent: num(r.error_tolerance_percent),
        budget_limit:
          r.budget_limit_amount === null || r.budget_limit_amount === undefined
            ? null
            : {
                amount: Number(r.budget_limit_amount),
                currency,
                period: r.budget_limit_period === 'day' ? 'day' : 'month',
              },
        updated_at: r.updated_at ? String(r.updated_at) : null,
      };
    });
  }
}
