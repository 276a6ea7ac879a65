import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  PP_ALERT_SEVERITIES,
  ppHealthReadPermission,
} from '@internal/plugin-pp-common';
import { PpGuard } from '@internal/plugin-pp-node';
import { HealthService } from './HealthService';

/**
 * Read actions for AI agents (MCP), under the same permission as the GET routes and sharing their
 * code: `pp-health-overview`, `pp-health-service-status`, `pp-health-open-alerts`.
 */
export function registerHealthActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  service: HealthService;
}) {
  const { actionsRegistry, guard, service } = opts;
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
    action: async ({ credentials }) => {
      await guard.authorizeCredentials(
        credentials,
        ppHealthReadPermission,
        'pp-health-overview',
      );
      return { output: { overview: { ...(await service.overview()) } } };
    },
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
    action: async ({ input, credentials }) => {
      await guard.authorizeCredentials(
        credentials,
        ppHealthReadPermission,
        'pp-health-service-status',
      );
      let items = await service.store.listMicroservices(service.now());
      if (input.service_id)
        items = items.filter(i => i.service_id === input.service_id);
      return { output: { services: items.map(i => ({ ...i })) } };
    },
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
    action: async ({ input, credentials }) => {
      await guard.authorizeCredentials(
        credentials,
        ppHealthReadPermission,
        'pp-health-open-alerts',
      );
      const page = await service.store.listAlerts({
        ...input,
        status: 'firing',
      });
      return {
        output: {
          items: page.items.map(i => ({ ...i })),
          total_count: page.total_count,
        },
      };
    },
  });
}
