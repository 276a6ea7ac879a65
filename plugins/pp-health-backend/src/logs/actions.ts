import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  PP_LOG_LEVELS,
  PP_LOG_QUERY_MAX_LIMIT,
} from '@internal/plugin-pp-common';
import { PpGuard, ppActionHandler } from '@internal/plugin-pp-node';
import { LogsApi } from './logsApi';

/**
 * `pp-health-query-logs` for AI agents (MCP): an adapter over the command of
 * `POST /health/logs/query` (`logsApi.ts`): the same permission (infrastructure engineers and
 * admins) and the same validation.
 */
export function registerHealthDataActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  api: LogsApi;
}) {
  const { actionsRegistry, guard, api } = opts;
  actionsRegistry.register({
    name: 'pp-health-query-logs',
    title: 'Search the centralised logs',
    description:
      'Log lines of the monitored microservices, newest first. Filters: service (e.g. payment-service), levels (debug, info, warn, error, fatal), from/to (ISO 8601), text (words are ANDed, "a phrase", -excluded, or), trace_id; page with cursor (next_cursor of the previous answer) and limit.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          service: z.string().optional(),
          levels: z.array(z.enum(PP_LOG_LEVELS)).optional(),
          from: z.string().optional(),
          to: z.string().optional(),
          text: z.string().optional(),
          trace_id: z.string().optional(),
          cursor: z.string().optional(),
          limit: z.number().int().min(1).max(PP_LOG_QUERY_MAX_LIMIT).optional(),
        }),
      output: z =>
        z.object({
          items: z.array(z.record(z.string(), z.any())),
          next_cursor: z.string().nullable(),
          total_estimate: z.number().nullable(),
          total_is_lower_bound: z.boolean(),
        }),
    },
    action: ppActionHandler(guard, api.queryLogs, {
      name: 'pp-health-query-logs',
      output: result => ({
        items: result.items.map(i => ({ ...i })),
        next_cursor: result.next_cursor,
        total_estimate: result.total_estimate,
        total_is_lower_bound: result.total_is_lower_bound,
      }),
    }),
  });
}
