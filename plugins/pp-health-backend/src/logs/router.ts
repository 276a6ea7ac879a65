import { PpLogIngestResponse } from '@internal/plugin-pp-common';
import { PpGuard, ppAuditErrors, ppRoute } from '@internal/plugin-pp-node';
import express from 'express';
import Router from 'express-promise-router';
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
}): express.Router {
  const { guard, store } = opts;
  const now = opts.now ?? (() => new Date());
  const router = Router();

  router.post(
    '/health/logs/query',
    ppRoute(guard, opts.api.queryLogs, {
      body: 'POST /pp/v1/health/logs/query',
      input: (_req, body) => body,
      send: (_req, res, result) => {
        res.set('Cache-Control', 'no-store');
        res.json(result);
      },
    }),
  );

  // up to 1000 lines of up to 8000 characters: the contract's 10mb
  router.post('/health/logs', async (req, res) => {
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
  });

  router.use(ppAuditErrors(guard));
  return router;
}
