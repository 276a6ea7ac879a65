/*
 * Health monitoring data (Stage 2): the JSON shapes of the queue metrics (`GET /pp/v1/health/queues`)
 * and of the centralised logs (`POST /pp/v1/health/logs/query`, `POST /pp/v1/health/logs` for
 * services). Times are ISO 8601 strings, field names snake_case.
 */

import type { PpHealthDataSource } from './health';

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
export type PpQueueSystemState = 'ok' | 'not_configured' | 'error';

/**
 * One queue (RabbitMQ queue, Celery queue key, Temporal task queue / namespace).
 * `depth` is the backlog: messages ready (RabbitMQ), tasks waiting (Celery `LLEN`), workflows
 * pending (Temporal: running workflows not yet started by a worker).
 *
 * @public
 */
export interface PpQueueMetric {
  name: string;
  depth: number;
  /** RabbitMQ: consumers attached to the queue. */
  consumers?: number | null;
  /** Temporal: workflows waiting for a worker. */
  pending?: number | null;
  /** Temporal: running workflow executions. */
  running?: number | null;
}

/** @public */
export interface PpQueueSystemStatus {
  system: PpQueueSystem;
  status: PpQueueSystemState;
  /** Error text when `status` is `error`; a hint when `not_configured`; otherwise null. */
  message: string | null;
  queues: PpQueueMetric[];
  /** When the figures were collected; null if never collected. */
  collected_at: string | null;
}

/** Body of `GET /pp/v1/health/queues`. @public */
export interface PpHealthQueuesResponse {
  systems: PpQueueSystemStatus[];
}

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
export interface PpLogHighlight {
  start: number;
  end: number;
}

/** One stored log line. @public */
export interface PpLogEntry {
  id: string;
  /** The monitored service's id, e.g. `payment-service`. */
  service_id: string;
  level: PpLogLevel;
  message: string;
  timestamp: string;
  trace_id: string | null;
  attributes: Record<string, unknown>;
  /**
   * `demo` for lines written by the demo generator; absent on lines PP did not write (another
   * shipper's documents in Elasticsearch), which are live.
   */
  data_source?: PpHealthDataSource;
  /** Present when the query had `text`: where the message matched (may be empty). */
  highlights?: PpLogHighlight[];
}

/** Body of `POST /pp/v1/health/logs/query`. All filters are optional and combine with AND. @public */
export interface PpLogQuery {
  /** Service id (e.g. `payment-service`); omitted = all services. */
  service?: string;
  /** Levels to include; omitted or empty = all levels. */
  levels?: PpLogLevel[];
  /** Inclusive lower bound (ISO 8601). */
  from?: string;
  /** Exclusive upper bound (ISO 8601). */
  to?: string;
  /**
   * Full-text search in the message: words are ANDed, `"a phrase"`, `-word` excludes.
   * PostgreSQL: whole words (`websearch_to_tsquery`, `or` alternates); SQLite (embedded setup):
   * case-insensitive substrings, `or` alternates; Elasticsearch: `simple_query_string` on
   * `message` (`|` alternates).
   */
  text?: string;
  trace_id?: string;
  /** `next_cursor` of the previous page. */
  cursor?: string;
  /** 1..PP_LOG_QUERY_MAX_LIMIT, default PP_LOG_QUERY_DEFAULT_LIMIT. */
  limit?: number;
}

/** Answer of a log query: newest first, keyset-paged. @public */
export interface PpLogQueryResult {
  items: PpLogEntry[];
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  next_cursor: string | null;
  /**
   * Number of matching lines, counted up to PP_LOG_TOTAL_COUNT_CAP (then `total_is_lower_bound`);
   * null when not counted (pages after the first).
   */
  total_estimate: number | null;
  /** True when there are at least `total_estimate` matches (the count stopped at the cap). */
  total_is_lower_bound: boolean;
  limit: number;
  /** Which store answered. */
  backend: 'postgres' | 'sqlite' | 'elasticsearch';
}

/** One line a service sends. @public */
export interface PpLogIngestEntry {
  /** Defaults to the sending service; if given it must be the sending service's id. */
  service_id?: string;
  level: PpLogLevel;
  message: string;
  /** Defaults to the time of receipt. */
  timestamp?: string;
  trace_id?: string | null;
  attributes?: Record<string, unknown>;
}

/** Body of `POST /pp/v1/health/logs`. @public */
export interface PpLogIngestRequest {
  entries: PpLogIngestEntry[];
}

/** Answer of `POST /pp/v1/health/logs`. @public */
export interface PpLogIngestResponse {
  accepted: number;
}
