import {
  LoggerService,
  RootConfigService,
  coreServices,
  createServiceFactory,
  createServiceRef,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ppListenForChangeMarks } from '../database/changeMarks';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { PpRoleKey, PpUser, PpUserStatus } from '@internal/plugin-pp-common';
import Redis from 'ioredis';
import { Knex } from 'knex';
import { DatabaseAuditStore, PpAuditEntry } from '../audit/DatabaseAuditStore';
import { readAuditSecret } from '../audit/auditSecret';
import { MemorySessionStore } from '../sessions/MemorySessionStore';
import { RedisSessionStore } from '../sessions/RedisSessionStore';
import { CachedSessionStore } from '../sessions/CachedSessionStore';
import {
  PP_SESSION_DEFAULTS,
  PpSession,
  PpSessionStore,
} from '../sessions/types';
import {
  createPpTokenVerifier,
  PP_ADMIN_TOKEN_SUBJECT,
  PpBearerVerification,
  readAdminToken,
  isPpBearerToken,
} from '../http/tokenAuth';
import { createDelegationTokens } from '../access/delegation';
import { DatabaseIdentityStore } from './DatabaseIdentityStore';
import { PpLocalCache } from './localCache';

/** Who is calling, as the PP layer sees it. @public */
export interface PpPrincipal {
  /** `bootstrap` is the PP_ADMIN_TOKEN automation principal. */
  kind: 'user' | 'agent' | 'service' | 'bootstrap';
  /** The pp_users id, or `pp-admin-token`. */
  id: string;
  /** What audit records name: `user:pp/<id>` or `pp-admin-token`. */
  ref: string;
  name: string;
  email: string | null;
  status: PpUserStatus;
  roles: PpRoleKey[];
  entityRef: string | null;
}

/** Backstage identities of PP users are `user:pp/<pp_users.id>`. @public */
export const PP_USER_NAMESPACE = 'pp';

/** @public */
export function ppUserEntityRef(userId: string): string {
  return `user:${PP_USER_NAMESPACE}/${userId}`;
}

/** @public */
export function ppUserIdFromEntityRef(ref: string): string | undefined {
  const prefix = `user:${PP_USER_NAMESPACE}/`;
  return ref.toLocaleLowerCase('en-US').startsWith(prefix)
    ? ref.slice(prefix.length)
    : undefined;
}

/** @public */
export const PP_BOOTSTRAP_PRINCIPAL: PpPrincipal = {
  kind: 'bootstrap',
  id: PP_ADMIN_TOKEN_SUBJECT,
  ref: PP_ADMIN_TOKEN_SUBJECT,
  name: 'Automation (PP_ADMIN_TOKEN)',
  email: null,
  status: 'active',
  roles: ['admin'],
  entityRef: null,
};

/** @public */
export function principalFromUser(user: PpUser): PpPrincipal {
  return {
    kind: user.kind,
    id: user.id,
    ref: ppUserEntityRef(user.id),
    name: user.name,
    email: user.email,
    status: user.status,
    roles: user.roles,
    entityRef: user.entity_ref,
  };
}

/**
 * The Platform Portal's shared identity: one instance per backend process, used by the sign-in
 * resolvers (auth plugin), the permission policy (permission plugin), the API-token handler (every
 * plugin's auth service) and every PP plugin's routes. It owns the `pp-identity` database.
 *
 * @public
 */
export interface PpIdentityService {
  readonly users: DatabaseIdentityStore;
  readonly audit: DatabaseAuditStore;
  readonly sessions: PpSessionStore;
  /** The principal with its current roles; cached, and dropped on every access change. */
  getPrincipal(userId: string): Promise<PpPrincipal | undefined>;
  /**
   * Roles, status or tokens of a user changed: drop cached principals on every instance and end
   * every session of that user, so the change is in force at the next request.
   */
  accessChanged(userId: string): Promise<void>;
  /** Queues a row for `pp_permission_checks` (written in batches). */
  recordPermissionCheck(
    principal: string,
    permission: string,
    allowed: boolean,
  ): void;
  /** Appends to the audit chain. */
  record(entry: PpAuditEntry): Promise<void>;
  /** Writes queued permission checks now (also done on a timer and at shutdown). */
  flush(): Promise<void>;
  /**
   * Checks a bearer token: PP_ADMIN_TOKEN, a delegation token, or a live API token of an active
   * principal.
   */
  verifyBearerToken(token: string | undefined): Promise<PpBearerVerification>;
  /** Whether a bearer token is one of PP's own kinds (whatever its validity). */
  isPpToken(token: string): boolean;
  /**
   * A 60-second token that carries a PP token principal (a pp_users id, or `pp-admin-token`) over
   * one backend-internal call, e.g. MCP actions invoking a PP plugin's action.
   */
  delegationToken(subject: string): string;
}

/** @public */
export interface PpIdentityServiceOptions {
  database: Knex;
  logger: LoggerService;
  config: RootConfigService;
  clock?: () => Date;
  /** Runs migrations; false when the caller already did. */
  migrate?: boolean;
}

// Short enough that a change made on another instance without Redis pub/sub (or with a lost
// message) is in force within 5 s; with Redis, changes are pushed at once.
const PRINCIPAL_CACHE_MS = 5_000;
// Live Redis sessions, kept as briefly: every PP request checks its session; ends are pushed.
const SESSION_CACHE_MS = 5_000;
// Bounds of both caches (entries; the least recently used go first).
const PRINCIPAL_CACHE_MAX = 10_000;
const SESSION_CACHE_MAX = 20_000;
const INVALIDATE_CHANNEL = 'pp:identity:invalidate';

/** @public */
export async function createPpIdentityService(
  options: PpIdentityServiceOptions,
): Promise<PpIdentityService & { close(): Promise<void> }> {
  const { database, logger, config } = options;
  const clock = options.clock ?? (() => new Date());
  if (options.migrate !== false) {
    await database.migrate.latest({
      directory: resolvePackagePath('@internal/plugin-pp-node', 'migrations'),
    });
  }
  const users = new DatabaseIdentityStore(database, clock);
  const audit = new DatabaseAuditStore(database, {
    secret: readAuditSecret(config, logger),
    clock,
    logger,
    checkpointIntervalMs:
      (config.getOptionalNumber('pp.audit.checkpointIntervalSeconds') ?? 60) *
      1000,
  });
  await users.syncRoles();
  const adminToken = readAdminToken(config);
  const delegation = createDelegationTokens();
  // Bound late: getPrincipal (with its cache) is defined on the service below.
  let isActive: (userId: string) => Promise<boolean> = async () => false;
  const verifyBearerToken = createPpTokenVerifier({
    identity: { users },
    adminToken,
    delegation,
    isActive: userId => isActive(userId),
  });

  const redisUrl = config.getOptionalString('pp.redis.url');
  const sessionOptions = {
    ...PP_SESSION_DEFAULTS,
    maxPerUser:
      config.getOptionalNumber('pp.auth.sessions.maxPerUser') ??
      PP_SESSION_DEFAULTS.maxPerUser,
    lifetimeMs:
      (config.getOptionalNumber('pp.auth.sessions.lifetimeDays') ?? 15) *
      24 *
      60 *
      60 *
      1000,
    clock: () => clock().getTime(),
  };
  const cache = new PpLocalCache<PpPrincipal>({
    ttlMs: PRINCIPAL_CACHE_MS,
    max: PRINCIPAL_CACHE_MAX,
  });
  let redis: Redis | undefined;
  let subscriber: Redis | undefined;
  let sessions: PpSessionStore;
  if (redisUrl) {
    redis = new Redis(redisUrl, {
      lazyConnect: false,
      maxRetriesPerRequest: 3,
    });
    const shared = redis;
    const sessionCache = new PpLocalCache<PpSession>({
      ttlMs: SESSION_CACHE_MS,
      max: SESSION_CACHE_MAX,
      now: sessionOptions.clock,
    });
    // Other instances drop their cached principal and sessions of a user when this one changes
    // the user's access or ends sessions. Messages sent while the channel is down are lost: the
    // caches are emptied when it goes down, and sessions are not cached until it is back.
    const channel = redis.duplicate();
    subscriber = channel;
    channel.on('message', (_channel, userId: string) => {
      cache.invalidate(userId);
      sessionCache.invalidate(userId);
    });
    for (const event of ['close', 'reconnecting', 'end', 'ready']) {
      channel.on(event, () => {
        cache.clear();
        sessionCache.clear();
      });
    }
    await channel.subscribe(INVALIDATE_CHANNEL);
    sessions = new CachedSessionStore(
      new RedisSessionStore(redis, {
        ...sessionOptions,
        keyPrefix:
          config.getOptionalString('pp.redis.keyPrefix') ?? 'pp:sessions',
      }),
      {
        cache: sessionCache,
        live: () => channel.status === 'ready',
        onEnded: async userId => {
          await shared.publish(INVALIDATE_CHANNEL, userId);
        },
      },
    );
  } else {
    sessions = new MemorySessionStore(sessionOptions);
  }

  let pendingChecks: Array<{
    principal: string;
    permission: string;
    allowed: boolean;
    checkedAt: Date;
  }> = [];
  let pendingTouches = new Set<string>();
  const lastTouched = new Map<string, number>();

  const flush = async () => {
    const checks = pendingChecks;
    const touches = [...pendingTouches];
    pendingChecks = [];
    pendingTouches = new Set();
    try {
      await audit.recordPermissionChecks(checks);
      await users.touchLastActive(touches);
    } catch (error) {
      logger.error(
        `Failed to write ${checks.length} permission checks`,
        error as Error,
      );
      // Keep them for the next attempt rather than losing decisions.
      pendingChecks = checks.concat(pendingChecks);
    }
  };
  const timer = setInterval(() => {
    flush().catch(() => {});
  }, 2000);
  timer.unref();

  const service: PpIdentityService & { close(): Promise<void> } = {
    users,
    audit,
    sessions,
    async getPrincipal(userId) {
      const cached = cache.get(userId);
      if (cached) return cached;
      const ticket = cache.ticket();
      const user = await users.getUser(userId);
      if (!user) return undefined;
      const principal = principalFromUser(user);
      cache.set(userId, userId, principal, { ticket });
      const now = Date.now();
      const touched = lastTouched.get(userId) ?? 0;
      if (now - touched > 60_000) {
        lastTouched.set(userId, now);
        pendingTouches.add(userId);
      }
      return principal;
    },
    async accessChanged(userId) {
      cache.invalidate(userId);
      if (redis) await redis.publish(INVALIDATE_CHANNEL, userId);
      const ended = await sessions.endAll(userId);
      if (ended) logger.info(`Ended ${ended} session(s) of user ${userId}`);
    },
    recordPermissionCheck(principal, permission, allowed) {
      pendingChecks.push({
        principal,
        permission,
        allowed,
        checkedAt: clock(),
      });
      if (pendingChecks.length >= 500) flush().catch(() => {});
    },
    async record(entry) {
      await audit.record(entry);
    },
    flush,
    verifyBearerToken,
    isPpToken: token => isPpBearerToken(token, adminToken),
    delegationToken: subject => delegation.issue(subject),
    async close() {
      clearInterval(timer);
      audit.close();
      await flush();
      await subscriber?.quit().catch(() => {});
      await redis?.quit().catch(() => {});
    },
  };
  isActive = async userId =>
    (await service.getPrincipal(userId))?.status === 'active';
  return service;
}

/** @public */
export const ppIdentityServiceRef = createServiceRef<PpIdentityService>({
  id: 'pp.identity',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
        lifecycle: coreServices.rootLifecycle,
      },
      async factory({ config, logger, lifecycle }) {
        const child = logger.child({ service: 'pp-identity' });
        const database = await DatabaseManager.fromConfig(config)
          .forPlugin('pp-identity', { logger: child, lifecycle })
          .getClient();
        const identity = await createPpIdentityService({
          database,
          logger: child,
          config,
        });
        lifecycle.addShutdownHook(() => identity.close());
        ppListenForChangeMarks({ database, config, logger: child, lifecycle });
        return identity;
      },
    }),
});

/**
 * A factory for the identity service on a given database, for tests and for tools that bring
 * their own connection.
 *
 * @public
 */
export function ppIdentityServiceFactory(options: {
  database: () => Promise<Knex>;
}) {
  return createServiceFactory({
    service: ppIdentityServiceRef,
    deps: {
      config: coreServices.rootConfig,
      logger: coreServices.rootLogger,
      lifecycle: coreServices.rootLifecycle,
    },
    async factory({ config, logger, lifecycle }) {
      const database = await options.database();
      const child = logger.child({ service: 'pp-identity' });
      const identity = await createPpIdentityService({
        database,
        logger: child,
        config,
      });
      lifecycle.addShutdownHook(() => identity.close());
      ppListenForChangeMarks({ database, config, logger: child, lifecycle });
      return identity;
    },
  });
}
