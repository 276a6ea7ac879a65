import { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';
import {
  PP_ALERT_SEVERITIES,
  PP_ALERT_TYPES,
  PP_HEALTH_WINDOWS,
  PP_LOG_LEVELS,
  PP_QUEUE_SYSTEMS,
  PP_SERVICE_STATUSES,
  PP_SILENCE_KINDS,
} from '@internal/plugin-pp-common';

/**
 * The output schemas of the health actions (the shapes of `pp-common`'s `health.ts` and
 * `healthData.ts`), written for a model: the fields it reasons with are typed and described, any
 * other field passes through.
 */

/** The zod (v3) the actions registry hands to schema builders. */
export type Zod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];

export const microserviceSchema = (z: Zod) =>
  z
    .object({
      service_id: z
        .string()
        .describe('e.g. payment-service; pass it to other pp-health tools'),
      entity_ref: z
        .string()
        .describe(
          'Catalog entity, e.g. component:default/payment-service; use it as entity_ref of a ticket',
        ),
      title: z.string(),
      owner: z.string().nullable(),
      status: z.enum(PP_SERVICE_STATUSES),
      status_reason: z.string().describe('Why the status is what it is'),
      last_seen_at: z.string().nullable(),
      last_ok_at: z.string().nullable(),
      p50_response_ms: z.number().nullable(),
      p95_response_ms: z.number().nullable(),
      error_rate: z.number().nullable().describe('Fraction 0..1'),
      uptime_24h_percent: z.number().nullable(),
      cpu_percent: z.number().nullable(),
      memory_percent: z.number().nullable(),
      disk_percent: z.number().nullable(),
      open_alerts: z.number().int(),
      data_source: z
        .enum(['live', 'demo'])
        .describe('demo = generated demo data, not a real measurement'),
    })
    .passthrough();

export const alertSchema = (z: Zod) =>
  z
    .object({
      id: z.string(),
      alert_type: z.enum(PP_ALERT_TYPES),
      severity: z.enum(PP_ALERT_SEVERITIES),
      status: z.enum(['firing', 'resolved']),
      service_id: z.string(),
      subject: z
        .string()
        .nullable()
        .describe('What inside the service, e.g. a queue name'),
      message: z.string(),
      value: z.number().nullable(),
      threshold: z.number().nullable(),
      started_at: z.string(),
      resolved_at: z.string().nullable(),
      updated_at: z.string(),
      silenced: z
        .boolean()
        .describe(
          'Covered by a silence or maintenance window: nobody notified',
        ),
      silence_id: z.string().nullable(),
    })
    .passthrough();

export const silenceSchema = (z: Zod) => {
  const who = z.object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
  });
  return z
    .object({
      id: z.string(),
      kind: z.enum(PP_SILENCE_KINDS),
      service_id: z.string().nullable().describe('null = every service'),
      alert_type: z.enum(PP_ALERT_TYPES).nullable(),
      starts_at: z.string(),
      ends_at: z.string(),
      reason: z.string(),
      created_by: who,
      created_at: z.string(),
      ended_by: who.nullable(),
      state: z.enum(['active', 'scheduled', 'expired']),
    })
    .passthrough();
};

export const overviewSchema = (z: Zod) =>
  z
    .object({
      service_count: z.number().int(),
      up: z.number().int(),
      degraded: z.number().int(),
      down: z.number().int(),
      unknown: z.number().int(),
      uptime_percent: z.object({
        '24h': z.number().nullable(),
        '7d': z.number().nullable(),
        '30d': z.number().nullable(),
      }),
      open_alerts: z.object({
        critical: z.number().int(),
        warning: z.number().int(),
        total: z.number().int(),
      }),
      recent_alerts: z.array(alertSchema(z)),
      check_interval_seconds: z.number(),
      demo_services: z
        .number()
        .int()
        .describe('How many services report demo data'),
      silences: z.array(silenceSchema(z)),
      generated_at: z.string(),
    })
    .passthrough();

export const serviceDetailSchema = (z: Zod) =>
  microserviceSchema(z)
    .extend({
      description: z.string().nullable(),
      window: z.enum(PP_HEALTH_WINDOWS),
      bucket_seconds: z.number(),
      series: z
        .array(
          z
            .object({
              at: z.string(),
              checks: z.number(),
              p50_response_ms: z.number().nullable(),
              p95_response_ms: z.number().nullable(),
              max_response_ms: z.number().nullable(),
              error_rate: z.number().nullable(),
              uptime_percent: z.number().nullable(),
            })
            .passthrough(),
        )
        .describe('Response times, error rate and uptime per bucket'),
      recent_checks: z
        .array(
          z
            .object({
              id: z.string(),
              source: z.enum(['check', 'heartbeat']),
              status: z.enum(PP_SERVICE_STATUSES),
              response_time_ms: z.number().nullable(),
              http_status: z.number().nullable(),
              error_rate: z.number().nullable(),
              error: z.string().nullable(),
              checked_at: z.string(),
            })
            .passthrough(),
        )
        .describe('The latest health checks and heartbeats, newest first'),
      alerts: z.array(alertSchema(z)),
      silences: z.array(silenceSchema(z)).optional(),
    })
    .passthrough();

export const queueSystemSchema = (z: Zod) =>
  z
    .object({
      system: z.enum(PP_QUEUE_SYSTEMS),
      status: z
        .enum(['ok', 'not_configured', 'error'])
        .describe('error: the figures could not be read (see message)'),
      message: z.string().nullable(),
      queues: z.array(
        z
          .object({
            name: z.string(),
            depth: z.number().describe('Messages or tasks waiting'),
            consumers: z.number().nullable().optional(),
            pending: z.number().nullable().optional(),
            running: z.number().nullable().optional(),
          })
          .passthrough(),
      ),
      collected_at: z.string().nullable(),
    })
    .passthrough();

export const logEntrySchema = (z: Zod) =>
  z
    .object({
      id: z.string(),
      service_id: z.string(),
      level: z.enum(PP_LOG_LEVELS),
      message: z.string(),
      timestamp: z.string(),
      trace_id: z.string().nullable(),
      attributes: z.record(z.unknown()),
    })
    .passthrough();
