import { InputError } from '@backstage/errors';
import {
  ppHealthReadPermission,
  ppHealthThresholdsUpdatePermission,
} from '@internal/plugin-pp-common';
import {
  PpGuard,
  parseInput,
  ppAuditErrors,
  readJsonBody,
  sendCachedJson,
} from '@internal/plugin-pp-node';
import express from 'express';
import Router from 'express-promise-router';
import { HealthService } from './HealthService';
import {
  alertTypeParam,
  alertsQuery,
  checkThresholdRange,
  detailQuery,
  heartbeatBody,
  microservicesQuery,
  thresholdUpdateBody,
} from './validation';

/**
 * The contract's health paths (relative to /pp/v1): overview, microservices, alerts, alert
 * thresholds and heartbeats. Logs and queues are mounted next to these by the plugin.
 */
export function createHealthRouter(opts: {
  guard: PpGuard;
  service: HealthService;
}): express.Router {
  const { guard, service } = opts;
  const maxAgeSeconds = service.opts.checkIntervalSeconds;
  const router = Router();

  router.get('/health/overview', async (req, res) => {
    await guard.authorize(req, ppHealthReadPermission, res);
    sendCachedJson(req, res, await service.overview(), { maxAgeSeconds });
  });

  router.get('/health/microservices', async (req, res) => {
    await guard.authorize(req, ppHealthReadPermission, res);
    const q = parseInput(microservicesQuery, req.query, 'query');
    const items = await service.store.listMicroservices(service.now(), q);
    sendCachedJson(
      req,
      res,
      { items, total_count: items.length },
      { maxAgeSeconds },
    );
  });

  router.get('/health/microservices/:serviceId', async (req, res) => {
    await guard.authorize(req, ppHealthReadPermission, res);
    const q = parseInput(detailQuery, req.query, 'query');
    const body = await service.store.detail(
      req.params.serviceId,
      q.window,
      service.now(),
    );
    sendCachedJson(req, res, body, { maxAgeSeconds });
  });

  router.get('/health/alerts', async (req, res) => {
    await guard.authorize(req, ppHealthReadPermission, res);
    const q = parseInput(alertsQuery, req.query, 'query');
    sendCachedJson(req, res, await service.store.listAlerts(q), {
      maxAgeSeconds,
    });
  });

  router.get('/health/alert-thresholds', async (req, res) => {
    await guard.authorize(req, ppHealthReadPermission, res);
    sendCachedJson(
      req,
      res,
      { items: await service.store.thresholds() },
      { maxAgeSeconds },
    );
  });

  router.put('/health/alert-thresholds/:alertType', async (req, res) => {
    const ctx = await guard.authorize(
      req,
      ppHealthThresholdsUpdatePermission,
      res,
    );
    const type = parseInput(alertTypeParam, req.params.alertType, 'alert type');
    const body = parseInput(
      thresholdUpdateBody,
      await readJsonBody(
        req,
        ctx,
        'PUT /pp/v1/health/alert-thresholds/{alert_type}',
      ),
      'request body',
    );
    const rangeProblem = checkThresholdRange(type, body.threshold_value);
    if (rangeProblem)
      throw new InputError(`Invalid request body: ${rangeProblem}`);
    const { reason, ...patch } = body;
    const { before, after } = await service.store.updateThreshold(
      type,
      patch,
      ctx.principal.email ?? ctx.principal.id,
      service.now(),
    );
    await guard.audit(ctx, {
      action: 'pp.health.thresholds.update',
      resource: `alert-threshold:${type}`,
      reason: reason ?? null,
      details: { before, after },
    });
    res.json(after);
  });

  router.post('/health/heartbeats', async (req, res) => {
    const ctx = await guard.authorizeServicePrincipal(req, res);
    const body = parseInput(
      heartbeatBody,
      await readJsonBody(req, ctx, 'POST /pp/v1/health/heartbeats'),
      'heartbeat',
    );
    const result = await service.acceptHeartbeat(ctx.entityRef, body);
    res.status(202).json({ accepted: true, ...result });
  });

  router.use(ppAuditErrors(guard));
  return router;
}
