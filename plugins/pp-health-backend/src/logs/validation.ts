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

/** `POST /health/logs/query` and the `pp-health-logs-query` action. */
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

/** How deep a line's `attributes` may nest: `{"a": {"b": 1}}` is 2 levels. */
export const LOG_ATTRIBUTES_MAX_DEPTH = 10;
const LOG_ATTRIBUTES_MAX_JSON = 8192;

/**
 * Whether a parsed JSON value nests deeper than `max` objects/arrays, without recursion: a body
 * nested thousands of levels deep (well within the 10 MB of a batch) must be a 400, not a stack
 * overflow in whatever walks it next (JSON.stringify, the database driver).
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length) {
    const next = stack.pop()!;
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth > max) return true;
    for (const child of Object.values(next.value)) {
      if (child !== null && typeof child === 'object') {
        stack.push({ value: child, depth: next.depth + 1 });
      }
    }
  }
  return false;
}

const attributes = z.record(z.string(), z.unknown()).superRefine((a, ctx) => {
  if (nestsDeeperThan(a, LOG_ATTRIBUTES_MAX_DEPTH)) {
    ctx.addIssue({
      code: 'custom',
      message: `must nest at most ${LOG_ATTRIBUTES_MAX_DEPTH} levels deep`,
    });
  } else if (JSON.stringify(a).length > LOG_ATTRIBUTES_MAX_JSON) {
    // the depth is bounded here, so the stringify cannot overflow the stack
    ctx.addIssue({ code: 'custom', message: 'must be at most 8 KiB as JSON' });
  }
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
