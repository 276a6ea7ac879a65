import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  PP_ALERT_SEVERITIES,
  PP_ALERT_TYPES,
  PP_SILENCE_KINDS,
} from '@internal/plugin-pp-common';
import { PpGuard, ppActionHandler } from '@internal/plugin-pp-node';
import { HealthApi } from './healthApi';

/**
 * Health actions for AI agents (MCP): adapters over the same commands as the HTTP routes
 * (`healthApi.ts`), so permission, validation and audit are theirs: `pp-health-overview`,
 * `pp-health-service-status`, `pp-health-open-alerts`, `pp-health-silences`,
 * `pp-health-create-silence`.
 */
export function registerHealthActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  api: HealthApi;
}) {
  const { actionsRegistry, guard, api } = opts;
  const items = (page: { items: object[]; total_count: number }) => ({
    items: page.items.map(i => ({ ...i })),
    total_count: page.total_count,
  });
  actionsRegistry.register({
    name: 'pp-health-overview',
    title: 'Platform health overview',
    description:
      'How many monitored microservices are up, degraded or down, uptime percentages over 24h/7d/30d and open alert counts.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({}),
      output: z => z.object({ overview: z.record(z.string(), z.any()) }),
    },
    action: ppActionHandler(guard, api.overview, {
      name: 'pp-health-overview',
      output: overview => ({ overview: { ...overview } }),
    }),
  });
  actionsRegistry.register({
    name: 'pp-health-service-status',
    title: 'Microservice health status',
    description:
      'The status (up, degraded, down, unknown), p50/p95 response times, error rate, CPU/memory/disk and open alerts of one microservice (service_id such as payment-service) or, without service_id, of all of them.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ service_id: z.string().optional() }),
      output: z =>
        z.object({ services: z.array(z.record(z.string(), z.any())) }),
    },
    action: ppActionHandler(guard, api.microservices, {
      name: 'pp-health-service-status',
      output: page => ({ services: page.items.map(i => ({ ...i })) }),
    }),
  });
  actionsRegistry.register({
    name: 'pp-health-open-alerts',
    title: 'Open health alerts',
    description:
      'Alerts currently firing (service down, high error rate, queue backlog, high CPU/memory), newest first; optionally for one service_id or severity (critical, warning).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          service_id: z.string().optional(),
          severity: z.enum(PP_ALERT_SEVERITIES).optional(),
          limit: z.number().int().min(1).max(200).optional(),
        }),
      output: z =>
        z.object({
          items: z.array(z.record(z.string(), z.any())),
          total_count: z.number(),
        }),
    },
    action: ppActionHandler(guard, api.alerts, {
      name: 'pp-health-open-alerts',
      input: (input: object) => ({ ...input, status: 'firing' }),
      output: items,
    }),
  });
  actionsRegistry.register({
    name: 'pp-health-silences',
    title: 'Alert silences and maintenance windows',
    description:
      'Silences and maintenance windows that have not ended (active now or scheduled), soonest first; optionally for one service_id (its own and those covering every service). Alerts they cover are recorded (silenced: true) but nobody is notified.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ service_id: z.string().optional() }),
      output: z =>
        z.object({
          items: z.array(z.record(z.string(), z.any())),
          total_count: z.number(),
        }),
    },
    action: ppActionHandler(guard, api.silences, {
      name: 'pp-health-silences',
      output: items,
    }),
  });
  actionsRegistry.register({
    name: 'pp-health-create-silence',
    title: 'Silence health alerts or plan a maintenance window',
    description:
      'Mutes the notices of alerts of a service (service_id, e.g. payment-service, or a queue system: temporal, celery, rabbitmq) and/or of a rule (alert_type) from starts_at (default now) to ends_at (ISO 8601, at most 90 days). Alerts still fire and are recorded, marked silenced; if one still fires when the window ends, it is notified then. kind: silence (default) or maintenance. A reason is required; the write is audited.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          kind: z.enum(PP_SILENCE_KINDS).optional(),
          service_id: z.string().optional(),
          alert_type: z.enum(PP_ALERT_TYPES).optional(),
          starts_at: z.string().optional(),
          ends_at: z.string(),
          reason: z.string(),
        }),
      output: z => z.object({ silence: z.record(z.string(), z.any()) }),
    },
    action: ppActionHandler(guard, api.createSilence, {
      name: 'pp-health-create-silence',
      output: silence => ({ silence: { ...silence } }),
    }),
  });
}
