import {
  PpGuard,
  createPpApiRouter,
  ppAuditErrors,
} from '@internal/plugin-pp-node';
import {
  ppAgentRunPageSchema,
  ppSubscriptionActionResponseSchema,
  ppSubscriptionDetailSchema,
  ppSubscriptionPageSchema,
} from '@internal/plugin-pp-common';
import { SubscriptionApi } from './subscriptionApi';

/**
 * HTTP of the Subscription Management block of the contract, relative to /pp/v1. export-runs is
 * not built yet (issue #14).
 */
export async function createRouter(options: {
  api: SubscriptionApi;
  guard: PpGuard;
}) {
  const { api, guard } = options;
  const routes = createPpApiRouter({
    pluginId: 'pp-subscriptions',
    title: 'Subscriptions',
    guard,
  });

  routes.get('/subscriptions', {
    command: api.list,
    summary: 'List subscriptions with their health score',
    description:
      'Customer Portal subscriptions with the latest daily health score (green 80+, amber 60–79, red < 60), as of the latest score job run. Filter by status (e.g. churned), band, score_lt (e.g. 60), errors_gt (failed runs in the last 30 days, e.g. 5), customer, agent, industry; sort by score, errors or customer; page with next_cursor. band_counts count every filter but band.',
    response: ppSubscriptionPageSchema,
  });
  routes.get('/subscriptions/{subscription_id}', {
    command: api.get,
    summary:
      'One subscription: score and inputs, history, runs per day, recent errors',
    response: ppSubscriptionDetailSchema,
  });
  routes.get('/subscriptions/{subscription_id}/agent-runs', {
    command: api.runs,
    summary: 'Agent run forensics (reason required, audited)',
    description:
      'The subscription’s agent runs, newest first, allow-listed fields only (id, agent_id, status, inputs, outputs, actions, error_message, created/started/finished). `reason` is required; every read is written to the audit log with who, which subscription and why.',
    response: ppAgentRunPageSchema,
  });

  routes.post('/subscriptions/{subscription_id}/force-cancel', {
    command: api.forceCancel,
    headers: { 'Idempotency-Key': 'idempotency_key' },
    summary: 'Force-cancel a subscription in the Customer Portal (admin only)',
    description:
      'Cancels the subscription in the Customer Portal with a reason (shown to the subscription managers, audited) and a refund (none, prorated: the unused part of the billing period, or full). Send an `Idempotency-Key` header: the same key and body return the same action and never cancel twice; the same key with another body is a 409, as is a subscription already canceled or churned, or one with a force-cancel still pending. 200: done (`completed`), or given up (`failed`, see `last_error`); 202: the Customer Portal has not confirmed yet (`pending`): PP retries in the background with the same key; read the subscription’s `actions` to follow it.',
    response: ppSubscriptionActionResponseSchema,
    statusOf: ({ action }) => (action.status === 'pending' ? 202 : 200),
    alsoStatuses: [202],
    errors: [409],
  });

  routes.router.use(ppAuditErrors(guard));
  return routes;
}
