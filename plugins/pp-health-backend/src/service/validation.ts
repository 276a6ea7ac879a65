import {
  PP_ALERT_SEVERITIES,
  PP_ALERT_TYPES,
  PP_HEALTH_WINDOWS,
  PP_SERVICE_STATUSES,
  PP_SILENCE_KINDS,
} from '@internal/plugin-pp-common';
import { z } from 'zod';

const percent = z
  .number({ message: 'must be a number' })
  .min(0, 'must be between 0 and 100')
  .max(100, 'must be between 0 and 100');

/**
 * `POST /health/heartbeats`. `error_rate` is a fraction 0..1 (0.05 = 5 %); cpu/memory/disk are
 * percentages 0..100.
 */
export const heartbeatBody = z.strictObject({
  service_id: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9._-]{0,99}$/,
      'must be a service id like payment-service',
    )
    .optional(),
  status: z.enum(['up', 'degraded', 'down'], {
    message: 'must be one of up, degraded, down',
  }),
  response_time_ms: z
    .number()
    .min(0, 'must be between 0 and 600000')
    .max(600_000, 'must be between 0 and 600000')
    .optional(),
  error_rate: z
    .number()
    .min(0, 'must be a fraction between 0 and 1')
    .max(1, 'must be a fraction between 0 and 1')
    .optional(),
  cpu_percent: percent.optional(),
  memory_percent: percent.optional(),
  disk_percent: percent.optional(),
  timestamp: z.iso
    .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
    .optional(),
});
export type HeartbeatBody = z.infer<typeof heartbeatBody>;

const intString = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

export const microservicesQuery = z.object({
  service_id: z.string().trim().max(100).optional(),
  status: z.enum(PP_SERVICE_STATUSES).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z
    .enum(['service_id', 'status', 'p95_response_ms', 'error_rate', 'title'])
    .optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

export const detailQuery = z.object({
  window: z.enum(PP_HEALTH_WINDOWS).default('24h'),
});

export const alertsQuery = z.object({
  status: z.enum(['firing', 'resolved']).optional(),
  service_id: z.string().trim().max(100).optional(),
  severity: z.enum(PP_ALERT_SEVERITIES).optional(),
  alert_type: z.enum(PP_ALERT_TYPES).optional(),
  limit: intString(1, 200).optional(),
  offset: intString(0, 1_000_000).optional(),
});

export const alertTypeParam = z.enum(PP_ALERT_TYPES, {
  message: `must be one of ${PP_ALERT_TYPES.join(', ')}`,
});

const thresholdFields = {
  threshold_value: z
    .number({ message: 'must be a number' })
    .positive('must be greater than 0')
    .max(1_000_000, 'must be at most 1000000')
    .optional(),
  duration_seconds: z
    .number({ message: 'must be a number' })
    .int('must be whole seconds')
    .min(0, 'must be between 0 and 86400')
    .max(86_400, 'must be between 0 and 86400')
    .optional(),
  severity: z.enum(PP_ALERT_SEVERITIES).optional(),
  enabled: z.boolean().optional(),
  reason: z.string().max(1000).optional(),
};

/** `PUT /health/alert-thresholds/{alert_type}`: the rule (from the path) and the body's changes. */
export const thresholdUpdateInput = z
  .strictObject({ alert_type: alertTypeParam, ...thresholdFields })
  .refine(
    b =>
      b.threshold_value !== undefined ||
      b.duration_seconds !== undefined ||
      b.severity !== undefined ||
      b.enabled !== undefined,
    {
      message:
        'give at least one of threshold_value, duration_seconds, severity, enabled',
    },
  );

const isoTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time',
});

/** `POST /health/silences`; the window's rules are planSilence's (domain/silences.ts). */
export const silenceBody = z.strictObject({
  kind: z.enum(PP_SILENCE_KINDS).optional(),
  service_id: z.string().trim().min(1).max(100).optional(),
  alert_type: z.enum(PP_ALERT_TYPES).optional(),
  starts_at: isoTime.optional(),
  ends_at: isoTime,
  reason: z
    .string()
    .trim()
    .min(3, 'say why, in at least 3 characters')
    .max(1000),
});

/** `GET /health/silences`: those not ended yet (default), or every one. */
export const silencesQuery = z.object({
  service_id: z.string().trim().max(100).optional(),
  include_expired: z
    .enum(['true', 'false'])
    .transform(v => v === 'true')
    .optional(),
});

export const silenceIdParam = z.string().uuid('must be a silence id');
