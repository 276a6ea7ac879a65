import {
  ppAgentRunQuerySchema,
  ppSubscriptionQuerySchema,
  ppSubscriptionsForensicsPermission,
  ppSubscriptionsReadPermission,
} from '@internal/plugin-pp-common';
import { ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { SubscriptionQueries } from './SubscriptionQueries';

const subscriptionId = z
  .string()
  .min(1)
  .max(64)
  .refine(v => !v.includes('\u0000'), 'must not contain NUL characters');

/**
 * The subscription use cases, each once (permission, input, call, audit), shared by the routes
 * (`router.ts`) and, later, MCP actions. The forensic read is audited on every call: who (the
 * guard records the principal), which subscription, the reason and what was read.
 */
export function subscriptionApi(queries: SubscriptionQueries) {
  return {
    list: ppCommand({
      name: 'pp.subscriptions.list',
      permission: ppSubscriptionsReadPermission,
      input: ppSubscriptionQuerySchema,
      run: (_ctx, query) => queries.list(query),
    }),
    get: ppCommand({
      name: 'pp.subscriptions.get',
      permission: ppSubscriptionsReadPermission,
      input: z.object({ subscription_id: subscriptionId }),
      run: (_ctx, { subscription_id }) => queries.get(subscription_id),
    }),
    runs: ppCommand({
      name: 'pp.subscriptions.agent-runs.read',
      permission: ppSubscriptionsForensicsPermission,
      input: ppAgentRunQuerySchema.extend({ subscription_id: subscriptionId }),
      run: (_ctx, { subscription_id, ...query }) =>
        queries.runs(subscription_id, query),
      audit: (page, input) => ({
        resource: `subscription:${input.subscription_id}`,
        reason: input.reason,
        details: {
          subscription_id: input.subscription_id,
          run_ids: page.items.map(r => r.id),
          filters: {
            status: input.status ?? null,
            from: input.from ?? null,
            to: input.to ?? null,
            cursor: input.cursor ?? null,
          },
        },
      }),
    }),
  };
}

export type SubscriptionApi = ReturnType<typeof subscriptionApi>;
