import { ServiceUnavailableError } from '@backstage/errors';
import type {
  ErrorRequestHandler,
  NextFunction,
  Request,
  Response,
} from 'express';

/** Which shared dependency an error says is unreachable (or, for search, not built yet). */
export type PpDependency = 'database' | 'redis' | 'search-index';

/** Seconds a client should wait before retrying while a dependency is down. */
export const PP_DEPENDENCY_RETRY_AFTER_SECONDS = 5;

const MESSAGES: Record<PpDependency, string> = {
  database:
    'The Platform Portal database (PostgreSQL) is unavailable; try again shortly',
  redis:
    'The Platform Portal session store (Redis) is unavailable; try again shortly',
  'search-index':
    'The search index for these document types is still being built; try again shortly',
};

// Socket-level failures: the server is down, restarting or unreachable.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// PostgreSQL SQLSTATEs of a server that is shutting down, starting up or dropped the connection
// (class 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now).
const PG_UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

const PG_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^Knex: Timeout acquiring a connection/,
  /^Knex: Connection Error/,
  /Cannot use a pool after calling end on the pool/,
];

// ioredis (PP sessions) and node-redis (Backstage's cache through @keyv/redis).
const REDIS_NAMES = new Set([
  'MaxRetriesPerRequestError',
  'ClientClosedError',
  'ClientOfflineError',
  'SocketClosedUnexpectedlyError',
  'ConnectionTimeoutError',
  'ReconnectStrategyError',
]);
const REDIS_MESSAGES = [
  /^Connection is closed\.?$/,
  /enableOfflineQueue options is false/,
  /^Reached the max retries per request limit/,
  /^The client is closed/,
  /^Socket closed unexpectedly/,
  /^Redis connection/i,
];

type ErrorLike = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  port?: unknown;
  cause?: unknown;
  errors?: unknown;
  constructor?: { name?: string };
};

/** The error and everything it wraps (cause chains, AggregateError members), at most 20. */
function errorChain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length && out.length < 20) {
    const next = queue.shift();
    if (!next || typeof next !== 'object' || out.includes(next as ErrorLike))
      continue;
    const e = next as ErrorLike;
    out.push(e);
    if (e.cause) queue.push(e.cause);
    if (Array.isArray(e.errors)) queue.push(...e.errors);
  }
  return out;
}

/** The TCP ports of the dependencies, to recognise a bare socket error as one of theirs. */
export interface PpDependencyPorts {
  database: number[];
  redis: number[];
}

const DEFAULT_PORTS: PpDependencyPorts = { database: [5432], redis: [6379] };

/**
 * Says whether an error means that PostgreSQL or Redis cannot be reached right now (down,
 * restarting, refusing connections), as opposed to a bug or a bad request. A bare socket error
 * (ECONNREFUSED 127.0.0.1:6379) counts only when its port is a dependency's: a refused call to a
 * monitored service or a webhook is not a database outage.
 */
export function classifyDependencyError(
  error: unknown,
  ports: PpDependencyPorts = DEFAULT_PORTS,
): PpDependency | undefined {
  for (const e of errorChain(error)) {
    const name = typeof e.name === 'string' ? e.name : '';
    const message = typeof e.message === 'string' ? e.message : '';
    const code = typeof e.code === 'string' ? e.code : '';
    // The search engine has not built the asked types' index yet (just after start).
    if (name === 'MissingIndexError') return 'search-index';
    if (
      REDIS_NAMES.has(name) ||
      REDIS_MESSAGES.some(pattern => pattern.test(message))
    ) {
      return 'redis';
    }
    if (
      PG_UNAVAILABLE_CODES.has(code) ||
      name === 'KnexTimeoutError' ||
      PG_MESSAGES.some(pattern => pattern.test(message))
    ) {
      return 'database';
    }
    if (NETWORK_CODES.has(code) && typeof e.port === 'number') {
      if (ports.redis.includes(e.port)) return 'redis';
      if (ports.database.includes(e.port)) return 'database';
    }
  }
  return undefined;
}

/** A 503 for an unavailable dependency: a fixed message, never the driver's own. */
export function dependencyUnavailableError(dependency: PpDependency) {
  return new ServiceUnavailableError(MESSAGES[dependency]);
}

/**
 * Wraps the root router's error handler: a request that failed because PostgreSQL or Redis is
 * unreachable is answered `503 ServiceUnavailableError` with `Retry-After` and a message naming
 * the dependency, instead of a 500 (or a 401 from a session check that could not run). Every
 * plugin's routes end in this one handler, so no route maps these errors itself.
 */
export function withDependencyErrors(
  handler: ErrorRequestHandler,
  options: {
    ports?: PpDependencyPorts;
    onUnavailable?: (dependency: PpDependency, error: unknown) => void;
  } = {},
): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const dependency = classifyDependencyError(error, options.ports);
    if (!dependency) {
      handler(error, req, res, next);
      return;
    }
    options.onUnavailable?.(dependency, error);
    if (!res.headersSent) {
      res.setHeader('Retry-After', String(PP_DEPENDENCY_RETRY_AFTER_SECONDS));
    }
    handler(dependencyUnavailableError(dependency), req, res, next);
  };
}

/** The ports of the configured PostgreSQL and Redis (`backend.database`, `pp.redis.url`, cache). */
export function dependencyPortsOf(config: {
  getOptional(key: string): unknown;
  getOptionalString(key: string): string | undefined;
}): PpDependencyPorts {
  const portOf = (url: string | undefined, fallback: number) => {
    if (!url) return undefined;
    try {
      return Number(new URL(url).port || fallback);
    } catch {
      return undefined;
    }
  };
  const database = new Set<number>([5432]);
  const connection = config.getOptional('backend.database.connection');
  if (typeof connection === 'string') {
    const port = portOf(connection, 5432);
    if (port) database.add(port);
  } else if (connection && typeof connection === 'object') {
    const port = Number((connection as { port?: unknown }).port);
    if (Number.isInteger(port) && port > 0) database.add(port);
  }
  const redis = new Set<number>([6379]);
  const cache = config.getOptional('backend.cache.connection');
  for (const url of [
    config.getOptionalString('pp.redis.url'),
    typeof cache === 'string' ? cache : undefined,
  ]) {
    const port = portOf(url, 6379);
    if (port) redis.add(port);
  }
  return { database: [...database], redis: [...redis] };
}
