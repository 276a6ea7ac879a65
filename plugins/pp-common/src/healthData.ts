/*
 * Health monitoring data (Stage 2): the JSON shapes of the queue metrics (`GET /pp/v1/health/queues`)
 * and of the centralised logs (`POST /pp/v1/health/logs/query`, `POST /pp/v1/health/logs` for
 * services). Times are ISO 8601 strings, field names snake_case.
 */

import { z } from 'zod';
import { PP_HEALTH_DATA_SOURCES } from './health';

/** An instant as `Date.prototype.toISOString()` writes it (UTC, `Z`). */
const timestamp = () => z.iso.datetime();

// ---------------------------------------------------------------------------------------------
// Queues
// ---------------------------------------------------------------------------------------------

/** The queue systems the portal watches. @public */
export const PP_QUEUE_SYSTEMS = ['temporal', 'celery', 'rabbitmq'] as const;
/** @public */
export type PpQueueSystem = (typeof PP_QUEUE_SYSTEMS)[number];

/**
 * State of one queue system's collection:
 * - `ok`: the last collection succeeded, `queues` holds its figures;
 * - `not_configured`: no connection is configured under `pp.health.queues.<system>`; there are no
 *   figures (never a made-up zero);
 * - `error`: the last collection failed, fully or for some queues; `message` says why, `queues`
 *   holds the queues that could still be read (often none).
 *
 * @public
 */
export const PP_QUEUE_SYSTEM_STATES = [
  'ok',
  'not_configured',
  'error',
] as const;
/** @public */
export type PpQueueSystemState = (typeof PP_QUEUE_SYSTEM_STATES)[number];

/**
 * One queue (RabbitMQ queue, Celery queue key, Temporal task queue / namespace).
 * `depth` is the backlog: messages ready (RabbitMQ), tasks waiting (Celery `LLEN`), workflows
 * pending (Temporal: running workflows not yet started by a worker).
 *
 * @public
 */
export const ppQueueMetricSchema = z
  .object({
    name: z.string(),
    depth: z
      .number()
      .describe(
        'The backlog: messages ready (RabbitMQ), tasks waiting (Celery), workflows pending (Temporal).',
      ),
    consumers: z
      .number()
      .nullable()
      .optional()
      .describe(
        'RabbitMQ only: consumers attached to the queue (null when unknown).',
      ),
    pending: z
      .number()
      .nullable()
      .optional()
      .describe('Temporal only: workflows waiting for a worker.'),
    running: z
      .number()
      .nullable()
      .optional()
      .describe('Temporal only: running workflow executions.'),
  })
  .meta({
    id: 'QueueMetric',
    description: 'The figures of one queue of a queue system.',
  });
/** @public */
export type PpQueueMetric = z.infer<typeof ppQueueMetricSchema>;

/** @public */
export const ppQueueSystemStatusSchema = z
  .object({
    system: z.enum(PP_QUEUE_SYSTEMS),
    status: z
      .enum(PP_QUEUE_SYSTEM_STATES)
      .describe(
        '`ok`: figures collected; `not_configured`: no connection configured (no figures); `error`: the last collection failed, fully or partly.',
      ),
    message: z
      .string()
      .nullable()
      .describe(
        'Error text when status is `error`; a hint when `not_configured`; otherwise null.',
      ),
    queues: z
      .array(ppQueueMetricSchema)
      .describe('The queues that could be read (often none on error).'),
    collected_at: timestamp()
      .nullable()
      .describe('When the figures were collected; null if never.'),
  })
  .meta({
    id: 'QueueSystemStatus',
    description: 'The state and latest figures of one queue system.',
  });
/** @public */
export type PpQueueSystemStatus = z.infer<typeof ppQueueSystemStatusSchema>;

/** Body of `GET /pp/v1/health/queues`. @public */
export const ppHealthQueuesResponseSchema = z
  .object({ systems: z.array(ppQueueSystemStatusSchema) })
  .meta({
    id: 'HealthQueuesResponse',
    description: 'The latest figures of every watched queue system.',
  });
/** @public */
export type PpHealthQueuesResponse = z.infer<
  typeof ppHealthQueuesResponseSchema
>;

// ---------------------------------------------------------------------------------------------
// Logs
// ---------------------------------------------------------------------------------------------

/** Lowest first. @public */
export const PP_LOG_LEVELS = [
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
] as const;
/** @public */
export type PpLogLevel = (typeof PP_LOG_LEVELS)[number];

/** Log retention from the spec's platform parameters: 6 months. @public */
export const PP_LOG_RETENTION_DAYS_DEFAULT = 180;
/** Page size of a log query when `limit` is not given. @public */
export const PP_LOG_QUERY_DEFAULT_LIMIT = 100;
/** Largest page of a log query. @public */
export const PP_LOG_QUERY_MAX_LIMIT = 500;
/** A log query counts matches up to this many. @public */
export const PP_LOG_TOTAL_COUNT_CAP = 10_000;
/** Largest batch a service may send in one `POST /pp/v1/health/logs`. @public */
export const PP_LOG_INGEST_MAX_BATCH = 1000;
/** Longest accepted log message (characters). @public */
export const PP_LOG_MESSAGE_MAX_LENGTH = 8000;

/** A `[start, end)` range of UTF-16 code units in `message` that matched the text search. @public */
export const ppLogHighlightSchema = z
  .object({
    start: z.number().int().describe('First UTF-16 code unit (inclusive).'),
    end: z.number().int().describe('End UTF-16 code unit (exclusive).'),
  })
  .meta({
    id: 'LogHighlight',
    description:
      'A [start, end) range of UTF-16 code units of a log message that matched the text search.',
  });
/** @public */
export type PpLogHighlight = z.infer<typeof ppLogHighlightSchema>;

/** One stored log line. @public */
export const ppLogEntrySchema = z
  .object({
    id: z.string(),
    service_id: z
      .string()
      .describe('The monitored service’s id, e.g. `payment-service`.'),
    level: z.enum(PP_LOG_LEVELS),
    message: z.string(),
    timestamp: timestamp(),
    trace_id: z.string().nullable(),
    attributes: z
      .record(z.string(), z.unknown())
      .describe('Structured fields of the line (empty object when none).'),
    data_source: z
      .enum(PP_HEALTH_DATA_SOURCES)
      .optional()
      .describe(
        '`demo` for lines of the demo generator; absent on lines PP did not write (another shipper’s documents in Elasticsearch), which are live.',
      ),
    highlights: z
      .array(ppLogHighlightSchema)
      .optional()
      .describe(
        'Present when the query had `text`: where the message matched (may be empty).',
      ),
  })
  .meta({ id: 'LogEntry', description: 'One stored log line.' });
/** @public */
export type PpLogEntry = z.infer<typeof ppLogEntrySchema>;

/** Answer of a log query: newest first, keyset-paged. @public */
export const ppLogQueryResultSchema = z
  .object({
    items: z.array(ppLogEntrySchema),
    next_cursor: z
      .string()
      .nullable()
      .describe(
        'Pass as `cursor` to get the next (older) page; null on the last page.',
      ),
    total_estimate: z
      .number()
      .int()
      .nullable()
      .describe(
        'Matching lines, counted up to 10 000 (then total_is_lower_bound); null when not counted (pages after the first).',
      ),
    total_is_lower_bound: z
      .boolean()
      .describe(
        'True when there are at least total_estimate matches (the count stopped at the cap).',
      ),
    limit: z.number().int(),
    backend: z
      .enum(['postgres', 'sqlite', 'elasticsearch'])
      .describe('Which store answered.'),
  })
  .meta({
    id: 'LogQueryResult',
    description: 'One page of log lines, newest first, keyset-paged.',
  });
/** @public */
export type PpLogQueryResult = z.infer<typeof ppLogQueryResultSchema>;

/** Answer of `POST /pp/v1/health/logs`. @public */
export const ppLogIngestResponseSchema = z
  .object({
    accepted: z.number().int().describe('Lines stored.'),
  })
  .meta({
    id: 'LogIngestResponse',
    description: 'How many of the sent log lines were stored.',
  });
/** @public */
export type PpLogIngestResponse = z.infer<typeof ppLogIngestResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Log requests (the backend validates with these very schemas)
// ---------------------------------------------------------------------------------------------

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
const levelMessage = `must be one of ${PP_LOG_LEVELS.join(', ')}`;
const level = z.enum(PP_LOG_LEVELS, { message: levelMessage });
const traceId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters');

/**
 * Body of `POST /pp/v1/health/logs/query` (and the `pp-health-query-logs` action). All filters are
 * optional and combine with AND.
 *
 * @public
 */
export const ppLogQuerySchema = z
  .strictObject({
    service: serviceId
      .optional()
      .describe('Service id (e.g. `payment-service`); omitted = all services.'),
    levels: z
      .array(level)
      .max(PP_LOG_LEVELS.length)
      .optional()
      .describe('Levels to include; omitted or empty = all levels.'),
    from: isoTime.optional().describe('Inclusive lower bound.'),
    to: isoTime.optional().describe('Exclusive upper bound.'),
    text: z
      .string()
      .max(500, 'must be at most 500 characters')
      .optional()
      .describe(
        'Full-text search in the message: words are ANDed, `"a phrase"`, `-word` excludes.',
      ),
    trace_id: traceId.optional(),
    cursor: z
      .string()
      .max(500, 'is not a valid cursor')
      .optional()
      .describe('`next_cursor` of the previous page.'),
    limit: z
      .number({ message: 'must be a number' })
      .int('must be an integer')
      .min(1, 'must be at least 1')
      .max(PP_LOG_QUERY_MAX_LIMIT, `must be at most ${PP_LOG_QUERY_MAX_LIMIT}`)
      .optional()
      .describe(
        `1..${PP_LOG_QUERY_MAX_LIMIT}, default ${PP_LOG_QUERY_DEFAULT_LIMIT}.`,
      ),
  })
  .refine(q => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'must be later than from',
    path: ['to'],
  })
  .meta({
    id: 'LogQuery',
    description: 'A search of the centralised logs; every filter is optional.',
  });
/** @public */
export type PpLogQuery = z.infer<typeof ppLogQuerySchema>;

/** How deep a log line's `attributes` may nest: `{"a": {"b": 1}}` is 2 levels. @public */
export const PP_LOG_ATTRIBUTES_MAX_DEPTH = 10;
const LOG_ATTRIBUTES_MAX_JSON = 8192;

/**
 * Whether a parsed JSON value nests deeper than `max` objects/arrays, without recursion: a body
 * nested thousands of levels deep (well within the 10 MB of a batch) must be a 400, not a stack
 * overflow in whatever walks it next (JSON.stringify, the database driver).
 *
 * @public
 */
export function ppNestsDeeperThan(value: unknown, max: number): boolean {
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
  if (ppNestsDeeperThan(a, PP_LOG_ATTRIBUTES_MAX_DEPTH)) {
    ctx.addIssue({
      code: 'custom',
      message: `must nest at most ${PP_LOG_ATTRIBUTES_MAX_DEPTH} levels deep`,
    });
  } else if (JSON.stringify(a).length > LOG_ATTRIBUTES_MAX_JSON) {
    // the depth is bounded here, so the stringify cannot overflow the stack
    ctx.addIssue({ code: 'custom', message: 'must be at most 8 KiB as JSON' });
  }
});

/** One line a service sends. @public */
export const ppLogIngestEntrySchema = z
  .strictObject({
    service_id: serviceId
      .optional()
      .describe(
        'Defaults to the sending service; if given it must be the sending service’s id.',
      ),
    level,
    message: z
      .string()
      .min(1, 'must not be empty')
      .max(
        PP_LOG_MESSAGE_MAX_LENGTH,
        `must be at most ${PP_LOG_MESSAGE_MAX_LENGTH} characters`,
      ),
    timestamp: isoTime.optional().describe('Defaults to the time of receipt.'),
    trace_id: traceId.nullable().optional(),
    attributes: attributes
      .optional()
      .describe(
        `Structured fields: at most ${PP_LOG_ATTRIBUTES_MAX_DEPTH} levels deep and 8 KiB as JSON.`,
      ),
  })
  .meta({ id: 'LogIngestEntry', description: 'One log line a service sends.' });
/** @public */
export type PpLogIngestEntry = z.infer<typeof ppLogIngestEntrySchema>;

/** Body of `POST /pp/v1/health/logs`. @public */
export const ppLogIngestRequestSchema = z
  .strictObject({
    entries: z
      .array(ppLogIngestEntrySchema)
      .min(1, 'must hold at least one entry')
      .max(
        PP_LOG_INGEST_MAX_BATCH,
        `must hold at most ${PP_LOG_INGEST_MAX_BATCH} entries`,
      ),
  })
  .meta({
    id: 'LogIngestRequest',
    description: `A batch of 1..${PP_LOG_INGEST_MAX_BATCH} log lines a service sends about itself.`,
  });
/** @public */
export type PpLogIngestRequest = z.infer<typeof ppLogIngestRequestSchema>;
