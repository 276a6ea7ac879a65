import {
  PP_ALERT_TYPES,
  ppAlertAcknowledgeSchema,
  ppAlertThresholdUpdateSchema,
  ppHealthSparklinesQuerySchema,
  ppHeartbeatSchema,
  ppListAlertsQuerySchema,
  ppListMicroservicesQuerySchema,
  ppListSilencesQuerySchema,
  ppMicroserviceDetailQuerySchema,
  ppSilenceCreateSchema,
} from '@internal/plugin-pp-common';
import { z } from 'zod';

/*
 * The request schemas are pp-common's (one source for validation, the types and the API
 * document); the names here are the ones the routes and actions use.
 */

/**
 * `POST /health/heartbeats`. `error_rate` is a fraction 0..1 (0.05 = 5 %); cpu/memory/disk are
 * percentages 0..100.
 */
export const heartbeatBody = ppHeartbeatSchema;
export type HeartbeatBody = z.infer<typeof heartbeatBody>;

export const microservicesQuery = ppListMicroservicesQuerySchema;

export const detailQuery = ppMicroserviceDetailQuerySchema;

export const alertsQuery = ppListAlertsQuerySchema;

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
export const silencesQuery = ppListSilencesQuerySchema;

export const silenceIdParam = z.string().uuid('must be a silence id');

/** `GET /health/sparklines`. */
export const sparklinesQuery = ppHealthSparklinesQuerySchema;

/** `POST /health/alerts/{alert_id}/acknowledge`: the alert (from the path) and the optional note. */
export const acknowledgeInput = ppAlertAcknowledgeSchema.safeExtend({
  alert_id: z
    .string()
    .regex(/^[0-9]{1,18}$/, 'must be an alert id')
    .describe('The alert’s `id`.'),
});
