import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ppAgentRunPageSchema,
  ppSubscriptionDetailSchema,
  ppSubscriptionPageSchema,
} from '@internal/plugin-pp-common';
import {
  ppActionHandler,
  ppActionInputSchema,
  ppActionOutputSchema,
  ppActionPage,
  PpGuard,
} from '@internal/plugin-pp-node';
import { z } from 'zod';
import { SubscriptionApi } from './service/subscriptionApi';

/**
 * Subscription actions for AI agents (MCP): the list, one subscription, and the forensic run read
 * (reason required, audited as the caller's), adapters over the same commands as the HTTP routes
 * (`service/subscriptionApi.ts`). Exports and force-cancel are deliberately not actions.
 */
export function registerSubscriptionActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  api: SubscriptionApi;
}) {
  const { actionsRegistry, guard, api } = opts;

  actionsRegistry.register({
    name: 'pp-subscriptions-list',
    title: 'List customer subscriptions with their health score',
    description:
      'Customer Portal subscriptions with the latest daily health score (0–100: green 80+, amber 60–79, red below 60), status, customer, agent and failed runs in the last 30 days. Filters: status (active, trial, paused, churned, canceled), band (green, amber, red), score_lt (e.g. 60 for the unhealthy ones), errors_gt (e.g. 5), customer (id or start of the name), agent (CP agent id), industry; sort score (worst first, default), errors or customer, `-` for descending; page with limit (1-200) and next_cursor as cursor. band_counts count every band under the other filters. Then pp-subscriptions-get for one. Subscription managers, admins and viewers (pp.subscriptions.read).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.list.input, { io: 'output' }),
      output: ppActionOutputSchema(ppSubscriptionPageSchema),
    },
    action: ppActionHandler(guard, api.list, {
      name: 'pp-subscriptions-list',
      output: ppActionPage,
    }),
  });

  actionsRegistry.register({
    name: 'pp-subscriptions-get',
    title: 'Get one subscription: score, history, runs per day, errors',
    description:
      'One subscription by subscription_id (the id from pp-subscriptions-list): its latest score with the three inputs (success_rate, error_rate, activity_score against expected_runs_per_day), 90 days of daily scores, 30 days of runs per day (succeeded, failed, other), recent errors, the actions PP took (force-cancel) and the helpdesk incidents PP opened for it (ticket_id for pp-tickets-get). Subscription managers, admins and viewers (pp.subscriptions.read); NotFoundError for an unknown id.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.get.input),
      output: ppActionOutputSchema(
        z.object({ subscription: ppSubscriptionDetailSchema }),
      ),
    },
    action: ppActionHandler(guard, api.get, {
      name: 'pp-subscriptions-get',
      output: subscription => ({ subscription: { ...subscription } }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-subscriptions-runs-list',
    title: 'Read a subscription’s agent runs (forensic, reason required)',
    description:
      'Forensic read of one subscription’s agent runs, newest first: id, agent_id, status, inputs, outputs, actions, error_message, created/started/finished times — never customer core data. reason is required (at least 5 characters: why you read them) and every call is written to the audit log as yours with the subscription and the run ids. Filters: status (succeeded, failed, running, canceled), from/to (ISO times); page with limit (1-200) and next_cursor as cursor. Subscription managers and admins only (pp.subscriptions.forensics): viewers get NotAllowedError.',
    attributes: { readOnly: true, idempotent: false },
    schema: {
      input: ppActionInputSchema(api.runs.input, { io: 'output' }),
      output: ppActionOutputSchema(ppAgentRunPageSchema),
    },
    action: ppActionHandler(guard, api.runs, {
      name: 'pp-subscriptions-runs-list',
      output: page => ({ ...page, items: page.items.map(r => ({ ...r })) }),
    }),
  });
}
