import {
  ppHealthAlertsAcknowledgePermission,
  ppHealthReadPermission,
  ppHealthSilencesManagePermission,
  ppHealthThresholdsUpdatePermission,
} from '@internal/plugin-pp-common';
import { ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { logsApi } from '../logs/logsApi';
import { LogStore } from '../logs/types';
import { queuesApi } from '../queues/queuesApi';
import { QueueCollectors } from '../queues/types';
import { HealthCommands } from './HealthCommands';
import { HealthQueries } from './HealthQueries';
import {
  acknowledgeInput,
  alertsQuery,
  detailQuery,
  microservicesQuery,
  silenceBody,
  silenceIdParam,
  silencesQuery,
  sparklinesQuery,
  thresholdUpdateInput,
} from './validation';

/** The audit record of a silence write. */
const silenceAudit = (s: {
  id: string;
  kind: string;
  service_id: string | null;
  alert_type: string | null;
  starts_at: string;
  ends_at: string;
  reason: string;
}) => ({
  resource: `health-silence:${s.id}`,
  reason: s.reason,
  details: {
    kind: s.kind,
    service_id: s.service_id,
    alert_type: s.alert_type,
    starts_at: s.starts_at,
    ends_at: s.ends_at,
  },
});

/**
 * Health's use cases, each once: permission, input schema, call and audit. `router.ts`,
 * `logs/router.ts`, `queues/router.ts` (HTTP) and `actions.ts`, `logs/actions.ts` (MCP) are
 * adapters over these and repeat none of it. Heartbeats and log lines from services are HTTP only
 * (a service principal, not a permission) and stay in their routers.
 */
export function healthApi(deps: {
  queries: HealthQueries;
  commands: HealthCommands;
  collectors: QueueCollectors;
  logs: LogStore;
}) {
  const { queries, commands } = deps;
  return {
    ...logsApi(deps.logs),
    ...queuesApi(deps.collectors),
    overview: ppCommand({
      name: 'pp.health.overview',
      permission: ppHealthReadPermission,
      input: z.object({}),
      // unchanged within a check interval without a write: pollers get a 304 without the rollup
      version: () => queries.overviewVersion(),
      run: () => queries.overview(),
    }),
    microservices: ppCommand({
      name: 'pp.health.microservices',
      permission: ppHealthReadPermission,
      input: microservicesQuery,
      run: (_ctx, filter) => queries.microservices(filter),
    }),
    detail: ppCommand({
      name: 'pp.health.microservice',
      permission: ppHealthReadPermission,
      input: detailQuery.extend({
        service_id: z
          .string()
          .min(1)
          .max(100)
          .describe('The service’s id, e.g. `payment-service`.'),
      }),
      run: (_ctx, i) => queries.detail(i.service_id, i.window),
    }),
    sparklines: ppCommand({
      name: 'pp.health.sparklines',
      permission: ppHealthReadPermission,
      input: sparklinesQuery,
      run: (_ctx, i) => queries.sparklines(i.window),
    }),
    acknowledgeAlert: ppCommand({
      name: 'pp.health.alerts.acknowledge',
      permission: ppHealthAlertsAcknowledgePermission,
      input: acknowledgeInput,
      run: (ctx, { alert_id, note }) =>
        commands.acknowledgeAlert(alert_id, note ?? null, ctx.principal),
      audit: alert => ({
        resource: `health-alert:${alert.id}`,
        reason: alert.acknowledgement?.note ?? null,
        details: {
          alert_type: alert.alert_type,
          service_id: alert.service_id,
          severity: alert.severity,
          acknowledged_at: alert.acknowledgement?.at ?? null,
        },
      }),
    }),
    alerts: ppCommand({
      name: 'pp.health.alerts',
      permission: ppHealthReadPermission,
      input: alertsQuery,
      run: (_ctx, filter) => queries.alerts(filter),
    }),
    thresholds: ppCommand({
      name: 'pp.health.thresholds',
      permission: ppHealthReadPermission,
      input: z.object({}),
      run: () => queries.thresholds(),
    }),
    updateThreshold: ppCommand({
      name: 'pp.health.thresholds.update',
      permission: ppHealthThresholdsUpdatePermission,
      input: thresholdUpdateInput,
      run: (ctx, { alert_type, reason, ...patch }) =>
        commands.updateThreshold(alert_type, patch, ctx.principal),
      audit: ({ before, after }, { alert_type, reason }) => ({
        resource: `alert-threshold:${alert_type}`,
        reason: reason ?? null,
        details: { before, after },
      }),
    }),
    silences: ppCommand({
      name: 'pp.health.silences',
      permission: ppHealthReadPermission,
      input: silencesQuery,
      run: (_ctx, filter) => queries.silences(filter),
    }),
    createSilence: ppCommand({
      name: 'pp.health.silences.create',
      permission: ppHealthSilencesManagePermission,
      input: silenceBody,
      run: (ctx, body) => commands.createSilence(body, ctx.principal),
      audit: silenceAudit,
    }),
    endSilence: ppCommand({
      name: 'pp.health.silences.end',
      permission: ppHealthSilencesManagePermission,
      input: z.object({ silence_id: silenceIdParam }),
      run: (ctx, { silence_id }) =>
        commands.endSilence(silence_id, ctx.principal),
      audit: silenceAudit,
    }),
  };
}

export type HealthApi = ReturnType<typeof healthApi>;
