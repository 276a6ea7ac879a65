import {
  PP_LOG_INGEST_MAX_BATCH,
  PP_LOG_LEVELS,
  PP_LOG_MESSAGE_MAX_LENGTH,
  PP_LOG_QUERY_MAX_LIMIT,
} from '@internal/plugin-pp-common';
import { z } from 'zod';

const serviceId = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,99}$/,
    'must be a service id like payment-service',
  );
const isoTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time',
});
const levels = `must be one of ${PP_LOG_LEVELS.join(', ')}`;
const level = z.enum(PP_LOG_LEVELS, { message: levels });
const traceId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters');

/** `POST /health/logs/query` and the `pp-health-query-logs` action. */
export const logQueryBody = z
  .strictObject({
    service: serviceId.optional(),
    levels: z.array(level).max(PP_LOG_LEVELS.length).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    text: z.string().max(500, 'must be at most 500 characters').optional(),
    trace_id: traceId.optional(),
    cursor: z.string().max(500, 'is not a valid cursor').optional(),
    limit: z
      .number({ message: 'must be a number' })
      .int('must be an integer')
      .min(1, 'must be at least 1')
      .max(PP_LOG_QUERY_MAX_LIMIT, `must be at most ${PP_LOG_QUERY_MAX_LIMIT}`)
      .optional(),
  })
  .refine(q => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'must be later than from',
    path: ['to'],
  });

const attributes = z
  .record(z.string(), z.unknown())
  .refine(a => JSON.stringify(a).length <= 8192, {
    message: 'must be at most 8 KiB as JSON',
  });

/** `POST /health/logs` (service principals). */
export const logIngestBody = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        service_id: serviceId.optional(),
        level,
        message: z
          .string()
          .min(1, 'must not be empty')
          .max(
            PP_LOG_MESSAGE_MAX_LENGTH,
            `must be at most ${PP_LOG_MESSAGE_MAX_LENGTH} characters`,
          ),
        timestamp: isoTime.optional(),
        trace_id: traceId.nullable().optional(),
        attributes: attributes.optional(),
      }),
    )
    .min(1, 'must hold at least one entry')
    .max(
      PP_LOG_INGEST_MAX_BATCH,
      `must hold at most ${PP_LOG_INGEST_MAX_BATCH} entries`,
    ),
});
export type LogIngestBody = z.infer<typeof logIngestBody>;
