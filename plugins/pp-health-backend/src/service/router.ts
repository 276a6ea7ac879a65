import {
  ppAlertPageSchema,
  ppAlertSchema,
  ppHealthSparklinesSchema,
  ppAlertThresholdSchema,
  ppHealthOverviewSchema,
  ppMicroserviceDetailSchema,
  ppMicroserviceListSchema,
  ppAlertThresholdListSchema,
  ppHeartbeatAcceptedSchema,
  ppSilencePageSchema,
  ppSilenceSchema,
  ppReportedConditionAcceptedSchema,
  ppReportedConditionSchema,
} from '@internal/plugin-pp-common';
import {
  PpApiRouter,
  PpGuard,
  createPpApiRouter,
  parseInput,
  ppAuditErrors,
  readJsonBody,
} from '@internal/plugin-pp-node';
import express from 'express';
import { HealthCommands } from './HealthCommands';
import { HealthApi } from './healthApi';
import { readServiceTelemetry } from './http';
import { heartbeatBody } from './validation';

/**
 * The contract's health paths (relative to /pp/v1): overview, microservices, alerts, alert
 * thresholds, silences and heartbeats. Each route maps HTTP to one command of `healthApi.ts`
 * (guard first, then the body with the contract's limit) and documents itself. Logs and queues
 * are added to the same router by `createLogsRouter` and `createQueuesRouter`.
 */
export function createHealthRouter(opts: {
  guard: PpGuard;
  api: HealthApi;
  commands: HealthCommands;
  /** The check interval: how long a read stays fresh. */
  maxAgeSeconds: number;
  /** The plugin's documented router (a new one when omitted). */
  routes?: PpApiRouter;
}): express.Router {
  const { guard, api, maxAgeSeconds } = opts;
  const routes =
    opts.routes ?? createPpApiRouter({ pluginId: 'pp-health', guard });
  const fresh = { etag: true, maxAgeSeconds };

  routes.get('/health/overview', {
    command: api.overview,
    summary: 'Platform health at a glance',
    description:
      'How many monitored microservices are up, degraded or down, uptime over 24 h, 7 d and 30 d, and open alert counts. Versioned: poll with If-None-Match once per check interval.',
    response: ppHealthOverviewSchema,
    maxAgeSeconds,
  });
  routes.get('/health/microservices', {
    command: api.microservices,
    summary: 'Every monitored microservice with its status and figures',
    response: ppMicroserviceListSchema,
    ...fresh,
  });
  routes.get('/health/microservices/{service_id}', {
    command: api.detail,
    summary:
      'One microservice: status, figures over a window, checks and alerts',
    response: ppMicroserviceDetailSchema,
    ...fresh,
  });
  routes.get('/health/alerts', {
    command: api.alerts,
    summary: 'Health alerts, firing or resolved',
    response: ppAlertPageSchema,
    ...fresh,
  });
  routes.post('/health/alerts/{alert_id}/acknowledge', {
    command: api.acknowledgeAlert,
    summary: 'Acknowledge a firing alert',
    description:
      'Records who is on a firing alert, when, and an optional note, and tells the other infrastructure engineers. The alert stays firing until its condition clears. 404: no such alert; 409: it is resolved, or somebody acknowledged it already.',
    response: ppAlertSchema,
    errors: [409],
  });
  routes.get('/health/sparklines', {
    command: api.sparklines,
    summary:
      'Error rate and p95 trend of every monitored service (overview sparklines)',
    response: ppHealthSparklinesSchema,
    ...fresh,
  });
  routes.get('/health/alert-thresholds', {
    command: api.thresholds,
    summary: 'The alert rules’ thresholds in force',
    response: ppAlertThresholdListSchema,
    ...fresh,
  });
  routes.put('/health/alert-thresholds/{alert_type}', {
    command: api.updateThreshold,
    summary: 'Change an alert rule’s threshold',
    response: ppAlertThresholdSchema,
    send: (_req, res, { after }) => res.json(after),
  });
  routes.get('/health/silences', {
    command: api.silences,
    summary: 'Alert silences and maintenance windows',
    response: ppSilencePageSchema,
    ...fresh,
  });
  routes.post('/health/silences', {
    command: api.createSilence,
    summary: 'Silence alerts or declare a maintenance window',
    status: 201,
    response: ppSilenceSchema,
  });
  routes.delete('/health/silences/{silence_id}', {
    command: api.endSilence,
    summary: 'End a silence now',
    response: ppSilenceSchema,
  });

  // A service principal for its own service (not a permission): HTTP only, not audited per beat.
  routes.post('/health/heartbeats', {
    summary: 'A service reports that it is alive, with its figures',
    access: 'service',
    body: heartbeatBody,
    status: 202,
    response: ppHeartbeatAcceptedSchema,
    handler: async (req, res) => {
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
    },
  });

  // Another PP plugin's own service credentials (the contract's `plugin` role): the figure of a
  // rule it measures, e.g. a knowledge source's failed runs. Audited; not a person's or token's.
  routes.post('/health/reported-conditions', {
    summary:
      'Another Platform Portal plugin reports a figure for an alert rule',
    description:
      'For another PP plugin (its own service credentials): the figure of a rule whose condition it measures — `ingestion_failing`, a knowledge source’s consecutive failed runs. The latest report per rule, plugin and subject is judged at every alert evaluation against the rule’s threshold (default 3); a report of 0 resolves the alert. People, API tokens and services get 403.',
    access: 'plugin',
    body: ppReportedConditionSchema,
    status: 202,
    response: ppReportedConditionAcceptedSchema,
    handler: async (req, res) => {
      const ctx = await guard.authorizePluginPrincipal(req, res);
      const body = parseInput(
        ppReportedConditionSchema,
        await readJsonBody(req, ctx, 'POST /pp/v1/health/reported-conditions'),
        'body',
      );
      const accepted = await opts.commands.reportCondition(ctx.pluginId, body);
      await guard.audit(ctx, {
        action: 'pp.health.conditions.report',
        resource: `${body.alert_type}:${ctx.pluginId}:${body.subject}`,
        details: { value: body.value },
      });
      res.status(202).json(accepted);
    },
  });

  routes.router.use(ppAuditErrors(guard));
  return routes.router;
}
