import { ppHealthLogsQueryPermission } from '@internal/plugin-pp-common';
import { ppCommand } from '@internal/plugin-pp-node';
import { LogStore } from './types';
import { logQueryBody } from './validation';

/** The log search, for `POST /health/logs/query` and the `pp-health-logs-query` action. */
export function logsApi(store: LogStore) {
  return {
    queryLogs: ppCommand({
      name: 'pp.health.logs.query',
      permission: ppHealthLogsQueryPermission,
      input: logQueryBody,
      run: (_ctx, query) => store.query(query),
    }),
  };
}

export type LogsApi = ReturnType<typeof logsApi>;
