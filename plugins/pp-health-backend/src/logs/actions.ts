import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ppLogQueryResultSchema } from '@internal/plugin-pp-common';
import {
  ppActionHandler,
  ppActionInputSchema,
  ppActionOutputSchema,
  ppActionPage,
  PpGuard,
} from '@internal/plugin-pp-node';
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
      input: ppActionInputSchema(api.queryLogs.input),
      output: ppActionOutputSchema(ppLogQueryResultSchema),
    },
    action: ppActionHandler(guard, api.queryLogs, {
      name: 'pp-health-logs-query',
      output: ppActionPage,
    }),
  });
}
