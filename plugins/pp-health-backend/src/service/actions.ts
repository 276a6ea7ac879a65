import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ppAlertPageSchema,
  ppAlertSchema,
  ppHealthOverviewSchema,
  ppHealthQueuesResponseSchema,
  ppMicroserviceDetailSchema,
  ppMicroserviceListSchema,
  ppSilencePageSchema,
  ppSilenceSchema,
} from '@internal/plugin-pp-common';
import {
  ppActionHandler,
  ppActionInputSchema,
  ppActionOutputSchema,
  ppActionPage,
  PpGuard,
} from '@internal/plugin-pp-node';
import { z } from 'zod';
import { HealthApi } from './healthApi';

/**
 * Health actions for AI agents (MCP): adapters over the same commands as the HTTP routes
 * (`healthApi.ts`), so permission, validation and audit are theirs: `pp-health-overview`,
 * `pp-health-services-list`, `pp-health-services-get`, `pp-health-alerts-list`,
 * `pp-health-queues-list`, `pp-health-silences-list`, `pp-health-silences-create`,
 * `pp-health-alerts-acknowledge` (a safe write: it only records who is on an alert) (the logs
 * search is `logs/actions.ts`). Thresholds and ending silences are not actions.
 */
export function registerHealthActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  api: HealthApi;
}) {
  const { actionsRegistry, guard, api } = opts;
  const readers =
    'Infrastructure engineers, viewers and admins may call it (pp.health.read); others get NotAllowedError.';

  actionsRegistry.register({
    name: 'pp-health-overview',
    title: 'Platform health overview',
    description: `Start here to see how the platform is doing: how many monitored microservices are up, degraded, down or unknown, uptime over 24h/7d/30d, open alert counts by severity, the latest alerts and the active silences. Then use pp-health-services-list (status filter) to find which services are degraded or down. ${readers}`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.overview.input),
      output: ppActionOutputSchema(
        z.object({ overview: ppHealthOverviewSchema }),
      ),
    },
    action: ppActionHandler(guard, api.overview, {
      name: 'pp-health-overview',
      output: overview => ({ overview: { ...overview } as any }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-health-services-list',
    title: 'List monitored microservices and their status',
    description: `Every monitored microservice with its status (up, degraded, down, unknown) and why, p50/p95 response times, error rate, 24h uptime, CPU/memory/disk and open alert count. Filters: status (e.g. degraded or down to find what is unhealthy), service_id (one service), q (words in id or title); sort (service_id, status, p95_response_ms, error_rate, title) and order. Use entity_ref of a row as the entity_ref of an incident ticket. For one service's history, checks and alerts use pp-health-services-get. ${readers}`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.microservices.input),
      output: ppActionOutputSchema(ppMicroserviceListSchema),
    },
    action: ppActionHandler(guard, api.microservices, {
      name: 'pp-health-services-list',
      output: page =>
        ppActionPage({
          items: page.items,
          total_count: page.total_count,
        }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-health-services-get',
    title: 'One microservice in detail',
    description: `One monitored microservice (service_id, e.g. payment-service) in detail: its status and why, response times, error rate and uptime per time bucket over a window (1h, 6h, 24h default, 7d, 30d), its latest health checks and heartbeats (with HTTP status and error), its alerts (firing and recently resolved) and silences. Use it to understand why a service is degraded or down before opening or updating a ticket. NotFoundError for an unknown service_id. ${readers}`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.detail.input),
      output: ppActionOutputSchema(
        z.object({ service: ppMicroserviceDetailSchema }),
      ),
    },
    action: ppActionHandler(guard, api.detail, {
      name: 'pp-health-services-get',
      output: detail => ({ service: { ...detail } as any }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-health-alerts-list',
    title: 'Health alerts, firing or resolved',
    description: `Health alerts (service down, high error rate, queue backlog, high CPU/memory), firing ones first, then newest first. Filters: status (firing = open now, resolved = over; omitted = both), service_id, severity (critical, warning), alert_type; page with limit (default 50, at most 200) and offset. An alert with silenced: true is recorded but nobody was notified. ${readers}`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      // the parsed side of the query: numbers, as JSON has them
      input: ppActionInputSchema(api.alerts.input, { io: 'output' }),
      output: ppActionOutputSchema(ppAlertPageSchema),
    },
    action: ppActionHandler(guard, api.alerts, {
      name: 'pp-health-alerts-list',
      output: page =>
        ppActionPage({
          items: page.items,
          total_count: page.total_count,
          limit: page.limit,
          offset: page.offset,
        }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-health-queues-list',
    title: 'Queue depths (Temporal, Celery, RabbitMQ)',
    description: `The latest figures of the queue systems: for each of temporal, celery and rabbitmq whether it could be read (ok, not_configured, error with the message), when, and each queue's depth (plus consumers for RabbitMQ, pending/running workflows for Temporal). Use it when a queue_backlog alert fires or work seems stuck. ${readers}`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.queues.input),
      output: ppActionOutputSchema(ppHealthQueuesResponseSchema),
    },
    action: ppActionHandler(guard, api.queues, {
      name: 'pp-health-queues-list',
      output: result => ({
        systems: result.systems.map(s => ({ ...s })) as any[],
      }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-health-silences-list',
    title: 'Alert silences and maintenance windows',
    description: `Silences and maintenance windows that have not ended (active now or scheduled), soonest first; optionally for one service_id (its own and those covering every service). Alerts they cover are recorded (silenced: true) but nobody is notified. ${readers}`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.silences.input),
      output: ppActionOutputSchema(ppSilencePageSchema),
    },
    action: ppActionHandler(guard, api.silences, {
      name: 'pp-health-silences-list',
      output: page =>
        ppActionPage({
          items: page.items,
          total_count: page.total_count,
        }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-health-silences-create',
    title: 'Silence health alerts or plan a maintenance window',
    description:
      'Mutes the notices of alerts of a service (service_id, e.g. payment-service, or a queue system: temporal, celery, rabbitmq) and/or of a rule (alert_type) from starts_at (default now) to ends_at (ISO 8601, at most 90 days). Alerts still fire and are recorded, marked silenced; if one still fires when the window ends, it is notified then. kind: silence (default) or maintenance. A reason is required; the write is audited. Infrastructure engineers and admins only.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: ppActionInputSchema(api.createSilence.input),
      output: ppActionOutputSchema(z.object({ silence: ppSilenceSchema })),
    },
    action: ppActionHandler(guard, api.createSilence, {
      name: 'pp-health-silences-create',
      output: silence => ({ silence: { ...silence } as any }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-health-alerts-acknowledge',
    title: 'Acknowledge a firing health alert',
    description:
      'Records that you are on a firing alert (alert_id: the id from pp-health-alerts-list or pp-health-services-get), with an optional note (what you are doing about it), and tells the other infrastructure engineers. The alert stays firing until its condition clears; it is not resolved or silenced. ConflictError when the alert is resolved or somebody acknowledged it already; NotFoundError for an unknown alert_id. The write is audited. Infrastructure engineers and admins only.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: ppActionInputSchema(api.acknowledgeAlert.input),
      output: ppActionOutputSchema(z.object({ alert: ppAlertSchema })),
    },
    action: ppActionHandler(guard, api.acknowledgeAlert, {
      name: 'pp-health-alerts-acknowledge',
      output: alert => ({ alert: { ...alert } as any }),
    }),
  });
}
