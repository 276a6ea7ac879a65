import {
  PpLogIngestResponse,
  ppLogIngestResponseSchema,
  ppLogQueryResultSchema,
} from '@internal/plugin-pp-common';
import {
  PpApiRouter,
  PpGuard,
  createPpApiRouter,
  ppAuditErrors,
} from '@internal/plugin-pp-node';
import express from 'express';
import { LogsApi } from './logsApi';
import { readServiceTelemetry } from '../service/http';
import { linesFromBatch } from './ingest';
import { LogStore } from './types';
import { logIngestBody } from './validation';

/**
 * `POST /health/logs/query` (infrastructure engineers, admins: the `queryLogs` command) and
 * `POST /health/logs` (a service principal sending its own lines; like heartbeats, telemetry is
 * not audited line by line).
 */
export function createLogsRouter(opts: {
  guard: PpGuard;
  api: LogsApi;
  store: LogStore;
  /** Monitored services: service id → catalog entity ref. */
  services: () => Promise<Map<string, string>>;
  retentionDays?: number;
  now?: () => Date;
  /** The plugin's documented router (a new one when omitted). */
  routes?: PpApiRouter;
}): express.Router {
  const { guard, store } = opts;
  const now = opts.now ?? (() => new Date());
  const routes =
    opts.routes ?? createPpApiRouter({ pluginId: 'pp-health', guard });

  routes.post('/health/logs/query', {
    command: opts.api.queryLogs,
    summary: 'Search the microservices’ logs',
    description:
      'Lines of a time range, filtered by services, levels and text (words; "quoted phrases"), newest first, paged with a cursor; matches are highlighted.',
    status: 200,
    response: ppLogQueryResultSchema,
    send: (_req, res, result) => {
      res.set('Cache-Control', 'no-store');
      res.json(result);
    },
  });

  // up to 1000 lines of up to 8000 characters: the contract's 10mb
  routes.post('/health/logs', {
    summary: 'A service sends a batch of its own log lines',
    access: 'service',
    body: logIngestBody,
    status: 202,
    response: ppLogIngestResponseSchema,
    handler: async (req, res) => {
      const { ctx, body } = await readServiceTelemetry(
        guard,
        req,
        res,
        'POST /pp/v1/health/logs',
        logIngestBody,
        'log batch',
      );
      const lines = linesFromBatch({
        entityRef: ctx.entityRef,
        body,
        services: await opts.services(),
        now: now(),
        retentionDays: opts.retentionDays,
      });
      const answer: PpLogIngestResponse = {
        accepted: await store.ingest(lines),
      };
      res.status(202).json(answer);
    },
  });

  routes.router.use(ppAuditErrors(guard));
  return routes.router;
}
