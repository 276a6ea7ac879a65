import {
  RootConfigService,
  RootHealthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import Redis from 'ioredis';
import { Client as PgClient, ClientConfig } from 'pg';

/** How long one dependency probe may take before it counts as down. */
const PROBE_TIMEOUT_MS = 2000;
/** Readiness answers are reused this long, so probes from many callers cost one round trip. */
const PROBE_CACHE_MS = 1000;

export interface PpDependencyProbe {
  name: string;
  /** Resolves when the dependency answers; rejects (or times out) when it does not. */
  check(): Promise<void>;
  close?(): Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string) {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} did not answer within ${ms} ms`)),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * PostgreSQL answers `select 1` on a fresh connection to the maintenance database (`postgres`,
 * which Backstage itself uses to create the plugins' databases), with the backend's credentials.
 */
export function postgresProbe(config: RootConfigService): PpDependencyProbe {
  const connection = config.getOptional('backend.database.connection');
  const base: ClientConfig =
    typeof connection === 'string'
      ? { connectionString: connection }
      : { ...((connection ?? {}) as ClientConfig) };
  const clientConfig: ClientConfig = {
    ...base,
    ...(typeof connection !== 'string' && {
      database: (base.database as string | undefined) ?? 'postgres',
    }),
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  };
  return {
    name: 'PostgreSQL',
    async check() {
      const client = new PgClient(clientConfig);
      client.on('error', () => {});
      try {
        await withTimeout(client.connect(), PROBE_TIMEOUT_MS, 'PostgreSQL');
        await withTimeout(
          client.query('select 1'),
          PROBE_TIMEOUT_MS,
          'PostgreSQL',
        );
      } finally {
        client.end().catch(() => {});
      }
    },
  };
}

/**
 * Redis answers PING on a dedicated connection that reconnects on its own and never queues
 * commands while it is down (so a probe fails at once instead of waiting).
 */
export function redisProbe(url: string): PpDependencyProbe {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: PROBE_TIMEOUT_MS,
    retryStrategy: times => Math.min(times * 200, 1000),
  });
  redis.on('error', () => {});
  let connecting: Promise<void> | undefined;
  return {
    name: 'Redis',
    async check() {
      if (redis.status === 'wait') {
        connecting ??= redis.connect().catch(() => {});
        await withTimeout(connecting, PROBE_TIMEOUT_MS, 'Redis');
      }
      await withTimeout(redis.ping(), PROBE_TIMEOUT_MS, 'Redis');
    },
    async close() {
      redis.disconnect();
    },
  };
}

/**
 * Backstage's readiness (not before startup, not during shutdown) plus the shared dependencies:
 * an instance that cannot reach PostgreSQL or Redis reports not ready (503, naming which), so a
 * load balancer sends its traffic to instances that can; it becomes ready again on its own when
 * the dependency is back. Liveness stays up: restarting the process would not bring a database back.
 */
export class PpRootHealthService implements RootHealthService {
  #state: 'init' | 'up' | 'down' = 'init';
  #cached?: { at: number; result: Promise<string[]> };

  constructor(
    private readonly probes: PpDependencyProbe[],
    private readonly now: () => number = Date.now,
  ) {}

  started() {
    this.#state = 'up';
  }

  stopping() {
    this.#state = 'down';
  }

  async getLiveness() {
    return { status: 200, payload: { status: 'ok' } };
  }

  /** Names of the dependencies that do not answer now. */
  unavailable(): Promise<string[]> {
    const now = this.now();
    if (this.#cached && now - this.#cached.at < PROBE_CACHE_MS) {
      return this.#cached.result;
    }
    const result = Promise.all(
      this.probes.map(probe =>
        probe.check().then(
          () => undefined,
          () => probe.name,
        ),
      ),
    ).then(names => names.filter((n): n is string => Boolean(n)));
    this.#cached = { at: now, result };
    return result;
  }

  async getReadiness() {
    if (this.#state === 'init') {
      return {
        status: 503,
        payload: { status: 'error', message: 'Backend has not started yet' },
      };
    }
    if (this.#state === 'down') {
      return {
        status: 503,
        payload: { status: 'error', message: 'Backend is shutting down' },
      };
    }
    const down = await this.unavailable();
    if (down.length) {
      return {
        status: 503,
        payload: {
          status: 'error',
          message: `${down.join(' and ')} unavailable`,
          unavailable: down,
        },
      };
    }
    return { status: 200, payload: { status: 'ok' } };
  }

  async close() {
    await Promise.all(this.probes.map(p => p.close?.()));
  }
}

/** The probes for the configured backend: PostgreSQL when it is the database, Redis when used. */
export function dependencyProbesFromConfig(
  config: RootConfigService,
): PpDependencyProbe[] {
  const probes: PpDependencyProbe[] = [];
  if (config.getOptionalString('backend.database.client') === 'pg') {
    probes.push(postgresProbe(config));
  }
  const cacheConnection =
    config.getOptionalString('backend.cache.store') === 'redis'
      ? config.getOptional('backend.cache.connection')
      : undefined;
  const redisUrl =
    config.getOptionalString('pp.redis.url') ??
    (typeof cacheConnection === 'string' ? cacheConnection : undefined);
  if (redisUrl) probes.push(redisProbe(redisUrl));
  return probes;
}

/** The backend's rootHealth service: {@link PpRootHealthService} over the configured dependencies. */
export const ppRootHealthServiceFactory = createServiceFactory({
  service: coreServices.rootHealth,
  deps: {
    lifecycle: coreServices.rootLifecycle,
    config: coreServices.rootConfig,
  },
  async factory({ lifecycle, config }) {
    const health = new PpRootHealthService(dependencyProbesFromConfig(config));
    lifecycle.addStartupHook(() => health.started());
    lifecycle.addBeforeShutdownHook(() => health.stopping());
    lifecycle.addShutdownHook(() => health.close());
    return health;
  },
});
