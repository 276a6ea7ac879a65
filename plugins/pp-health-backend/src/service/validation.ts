import {
  PP_ALERT_SEVERITIES,
  PP_ALERT_TYPES,
  PP_HEALTH_WINDOWS,
  PP_SERVICE_STATUSES,
  ppAlertThresholdUpdateSchema,
  ppHeartbeatSchema,
  ppSilenceCreateSchema,
} from '@internal/plugin-pp-common';
import { z } from 'zod';

/**
 * `POST /health/heartbeats`. `error_rate` is a fraction 0..1 (0.05 = 5 %); cpu/memory/disk are
 * percentages 0..100. The schema is pp-common's (one source for validation, types and docs).
 */
export const heartbeatBody = ppHeartbeatSchema;
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

/** `PUT /health/alert-thresholds/{alert_type}`: the rule (from the path) and the body's changes. */
export const thresholdUpdateInput = ppAlertThresholdUpdateSchema.safeExtend({
  alert_type: alertTypeParam,
});

/** `POST /health/silences`; the window's rules are planSilence's (domain/silences.ts). */
export const silenceBody = ppSilenceCreateSchema;

/** `GET /health/silences`: those not ended yet (default), or every one. */
export const silencesQuery = z.object({
  service_id: z.string().trim().max(100).optional(),
  include_expired: z
    .enum(['true', 'false'])
    .transform(v => v === 'true')
    .optional(),
});

export const silenceIdParam = z.string().uuid('must be a silence id');
