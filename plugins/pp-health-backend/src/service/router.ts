import { PpGuard, ppAuditErrors, ppRoute } from '@internal/plugin-pp-node';
import express from 'express';
import Router from 'express-promise-router';
import { HealthCommands } from './HealthCommands';
import { HealthApi } from './healthApi';
import { cachedFor, readServiceTelemetry, withFields } from './http';
import { heartbeatBody } from './validation';

/**
 * The contract's health paths (relative to /pp/v1): overview, microservices, alerts, alert
 * thresholds, silences and heartbeats. Each route maps HTTP to one command of `healthApi.ts`
 * (guard first, then the body with the contract's limit: see `ppRoute`). Logs and queues are
 * mounted next to these by the plugin.
 */
export function createHealthRouter(opts: {
  guard: PpGuard;
  api: HealthApi;
  commands: HealthCommands;
  /** The check interval: how long a read stays fresh. */
  maxAgeSeconds: number;
}): express.Router {
  const { guard, api } = opts;
  const cached = cachedFor(opts.maxAgeSeconds);
  const router = Router();

  router.get(
    '/health/overview',
    ppRoute(guard, api.overview, {
      input: () => ({}),
      maxAgeSeconds: opts.maxAgeSeconds,
    }),
  );
  router.get(
    '/health/microservices',
    ppRoute(guard, api.microservices, {
      input: req => req.query,
      send: cached,
    }),
  );
  router.get(
    '/health/microservices/:serviceId',
    ppRoute(guard, api.detail, {
      input: req => ({ ...req.query, service_id: req.params.serviceId }),
      send: cached,
    }),
  );
  router.get(
    '/health/alerts',
    ppRoute(guard, api.alerts, { input: req => req.query, send: cached }),
  );
  router.get(
    '/health/alert-thresholds',
    ppRoute(guard, api.thresholds, { input: () => ({}), send: cached }),
  );
  router.put(
    '/health/alert-thresholds/:alertType',
    ppRoute(guard, api.updateThreshold, {
      body: 'PUT /pp/v1/health/alert-thresholds/{alert_type}',
      input: (req, body) =>
        withFields(body, { alert_type: req.params.alertType }),
      send: (_req, res, { after }) => res.json(after),
    }),
  );
  router.get(
    '/health/silences',
    ppRoute(guard, api.silences, { input: req => req.query, send: cached }),
  );
  router.post(
    '/health/silences',
    ppRoute(guard, api.createSilence, {
      body: 'POST /pp/v1/health/silences',
      input: (_req, body) => body,
      status: 201,
    }),
  );
  router.delete(
    '/health/silences/:silenceId',
    ppRoute(guard, api.endSilence, {
      input: req => ({ silence_id: req.params.silenceId }),
    }),
  );

  // A service principal for its own service (not a permission): HTTP only, not audited per beat.
  router.post('/health/heartbeats', async (req, res) => {
    const { ctx, body } = await readServiceTelemetry(
      guard,
      req,
      res,
      'POST /pp/v1/health/heartbeats',
      heartbeatBody,
      'heartbeat',
    );
    const result = await opts.commands.acceptHeartbeat(ctx.entityRef, body);
    res.status(202).json({ accepted: true, ...result });
  });

  router.use(ppAuditErrors(guard));
  return router;
}
