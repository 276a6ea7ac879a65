import { Config } from '@backstage/config';
import { Client, Connection } from '@temporalio/client';
import { QueueSystemCollector } from './types';

/** What the collector needs from Temporal: a visibility count (injectable for tests). */
export interface TemporalCounter {
  count(query: string): Promise<number>;
  close(): Promise<void>;
}

export type TemporalConnect = (options: {
  address: string;
  namespace: string;
  apiKey?: string;
  tls: boolean;
  timeoutMs: number;
}) => Promise<TemporalCounter>;

/** The real connection through `@temporalio/client` (gRPC to the frontend service). */
export const connectTemporal: TemporalConnect = async options => {
  const connection = await Connection.connect({
    address: options.address,
    tls: options.tls ? {} : undefined,
    apiKey: options.apiKey,
    connectTimeout: options.timeoutMs,
  });
  const client = new Client({ connection, namespace: options.namespace });
  return {
    async count(query) {
      const answer = await client.workflow.count(query);
      return answer.count;
    },
    close: () => connection.close(),
  };
};

const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/**
 * Temporal (`pp.health.queues.temporal`: address, namespace, optional taskQueues): per task queue
 * (or for the whole namespace when none are listed), counted with visibility queries:
 * - running = `ExecutionStatus="Running"`;
 * - pending = running workflows that no worker has started yet: `… AND HistoryLength <= 2`
 *   (only WorkflowExecutionStarted + WorkflowTaskScheduled in their history: their first workflow
 *   task waits in the task queue). This is the backlog the spec's "workflows pending > 100" alert
 *   watches, and the `depth`.
 * Needs advanced visibility (Temporal ≥ 1.20 with SQL or Elasticsearch visibility, or Temporal
 * Cloud) for `HistoryLength`.
 */
export function temporalCollector(
  config: Config,
  connect: TemporalConnect = connectTemporal,
): QueueSystemCollector {
  const address = config.getString('address');
  const namespace = config.getOptionalString('namespace') ?? 'default';
  const taskQueues = config.getOptionalStringArray('taskQueues') ?? [];
  const options = {
    address,
    namespace,
    apiKey: config.getOptionalString('apiKey'),
    tls: config.getOptionalBoolean('tls') ?? false,
    timeoutMs: config.getOptionalNumber('timeoutMs') ?? 5_000,
  };
  return {
    system: 'temporal',
    async collect() {
      const client = await connect(options);
      try {
        const scopes = taskQueues.length
          ? taskQueues.map(q => ({
              name: q,
              filter: ` AND TaskQueue=${quote(q)}`,
            }))
          : [{ name: namespace, filter: '' }];
        const result = { queues: [] as any[], errors: [] as string[] };
        for (const scope of scopes) {
          const running = await client.count(
            `ExecutionStatus="Running"${scope.filter}`,
          );
          const pending = await client.count(
            `ExecutionStatus="Running"${scope.filter} AND HistoryLength <= 2`,
          );
          result.queues.push({
            name: scope.name,
            depth: pending,
            pending,
            running,
          });
        }
        return result;
      } finally {
        await client.close().catch(() => {});
      }
    },
  };
}
