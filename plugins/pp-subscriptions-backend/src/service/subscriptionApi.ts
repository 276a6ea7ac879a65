import {
  ppAgentRunQuerySchema,
  ppForceCancelRequestSchema,
  ppSubscriptionsForceCancelPermission,
  ppRunExportRequestSchema,
  ppSubscriptionQuerySchema,
  ppSubscriptionsExportPermission,
  ppSubscriptionsForensicsPermission,
  ppSubscriptionsReadPermission,
} from '@internal/plugin-pp-common';
import { ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { SubscriptionCommands } from './SubscriptionCommands';
import type { PpRequestContext } from '@internal/plugin-pp-node';
import { RunExports } from './RunExports';
import { SubscriptionQueries } from './SubscriptionQueries';

const subscriptionId = z
  .string()
  .min(1)
  .max(64)
  .refine(v => !v.includes('\u0000'), 'must not contain NUL characters');

/** The HTTP `Idempotency-Key` of a write: 8–200 visible ASCII characters (e.g. a UUID). */
const idempotencyKey = z
  .string({ error: 'the Idempotency-Key header is required' })
  .regex(
    /^[\x21-\x7e]{8,200}$/,
    'must be 8 to 200 visible ASCII characters (e.g. a UUID)',
  )
  .describe(
    'Required. A key you choose for this request (8–200 visible ASCII characters, e.g. a UUID): repeating the request with the same key returns the same action and never cancels twice; reusing it with another body is a 409.',
  );

/**
 * The subscription use cases, each once (permission, input, call, audit), shared by the routes
 * (`router.ts`) and, later, MCP actions. The forensic read is audited on every call: who (the
 * guard records the principal), which subscription, the reason and what was read.
 */
export function subscriptionApi(
  queries: SubscriptionQueries,
  commands: SubscriptionCommands,
  exports: RunExports,
) {
  const caller = (ctx: PpRequestContext) => ctx.principal;
  const exportRef = z.object({
    subscription_id: subscriptionId,
    export_id: subscriptionId,
  });
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
    forceCancel: ppCommand({
      name: 'pp.subscriptions.force-cancel',
      permission: ppSubscriptionsForceCancelPermission,
      input: ppForceCancelRequestSchema.extend({
        subscription_id: subscriptionId,
        idempotency_key: idempotencyKey,
      }),
      run: async (ctx, input) => ({
        action: await commands.forceCancel(input, ctx.principal),
      }),
      audit: ({ action }, input) => ({
        resource: `subscription:${input.subscription_id}`,
        reason: input.reason,
        outcome: action.status === 'failed' ? 'failure' : 'success',
        details: {
          subscription_id: input.subscription_id,
          action_id: action.id,
          refund: action.refund,
          refund_amount: action.refund_amount,
          status: action.status,
          attempts: action.attempts,
          last_error: action.last_error,
        },
      }),
    }),
    /** Forensic access too: audited with who, which subscription, why, the format and filters. */
    exportRuns: ppCommand({
      name: 'pp.subscriptions.agent-runs.export',
      permission: ppSubscriptionsExportPermission,
      input: ppRunExportRequestSchema.extend({
        subscription_id: subscriptionId,
      }),
      run: async (ctx, { subscription_id, ...body }) => ({
        export: await exports.request(caller(ctx), subscription_id, body),
      }),
      audit: (out, input) => ({
        resource: `subscription:${input.subscription_id}`,
        reason: input.reason,
        details: {
          subscription_id: input.subscription_id,
          export_id: out.export.id,
          format: input.format,
          filters: {
            status: input.status ?? null,
            from: input.from ?? null,
            to: input.to ?? null,
          },
        },
      }),
    }),
    listExports: ppCommand({
      name: 'pp.subscriptions.exports.list',
      permission: ppSubscriptionsExportPermission,
      input: z.object({ subscription_id: subscriptionId }),
      run: async (ctx, { subscription_id }) => ({
        items: await exports.list(caller(ctx), subscription_id),
      }),
    }),
    getExport: ppCommand({
      name: 'pp.subscriptions.exports.get',
      permission: ppSubscriptionsExportPermission,
      input: exportRef,
      run: async (ctx, i) => ({
        export: await exports.get(caller(ctx), i.subscription_id, i.export_id),
      }),
    }),
    /** Each download is audited: the file leaves PP. */
    downloadExport: ppCommand({
      name: 'pp.subscriptions.agent-runs.export.download',
      permission: ppSubscriptionsExportPermission,
      input: exportRef,
      run: (ctx, i) =>
        exports.open(caller(ctx), i.subscription_id, i.export_id),
      audit: download => ({
        resource: `subscription:${download.export.subscription_id}`,
        reason: null,
        details: {
          subscription_id: download.export.subscription_id,
          export_id: download.export.id,
          format: download.export.format,
          requested_by: download.export.requested_by,
          size_bytes: download.size,
          file_name: download.fileName,
        },
      }),
    }),
  };
}

export type SubscriptionApi = ReturnType<typeof subscriptionApi>;
