import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  PP_LOG_LEVELS,
  PP_LOG_QUERY_MAX_LIMIT,
} from '@internal/plugin-pp-common';
import { PpGuard, ppActionHandler } from '@internal/plugin-pp-node';
import { logEntrySchema } from '../service/actionSchemas';
import { LogsApi } from './logsApi';

/**
 * `pp-health-logs-query` for AI agents (MCP): an adapter over the command of
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
    name: 'pp-health-logs-query',
    title: 'Search the centralised logs',
    description:
      'Searches the centralised log lines of the monitored microservices, newest first: use it to find the errors behind a degraded or down service. Filters: service (a service_id, e.g. payment-service), levels (debug, info, warn, error, fatal), from/to (ISO 8601), text (words are ANDed, "a phrase", -excluded, or), trace_id; page with cursor (next_cursor of the previous answer) and limit. total_estimate is how many lines match, counted on the first page only (null on later pages; at least that many when total_is_lower_bound). Infrastructure engineers and admins only (logs:query); viewers get NotAllowedError.',
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
          items: z.array(logEntrySchema(z)),
          next_cursor: z.string().nullable(),
          total_estimate: z.number().nullable(),
          total_is_lower_bound: z.boolean(),
        }),
    },
    action: ppActionHandler(guard, api.queryLogs, {
      name: 'pp-health-logs-query',
      output: result => ({
        items: result.items.map(i => ({ ...i })) as any[],
        next_cursor: result.next_cursor,
        total_estimate: result.total_estimate,
        total_is_lower_bound: result.total_is_lower_bound,
      }),
    }),
  });
}
