import type { Server } from 'node:http';
import {
  RootConfigService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  DefaultRootHttpRouter,
  MiddlewareFactory,
  RootHttpRouterConfigureContext,
  createHealthRouter,
  createHttpServer,
  readHttpServerOptions,
  rootHttpRouterServiceFactory,
} from '@backstage/backend-defaults/rootHttpRouter';
import { readDurationFromConfig } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  createPpAccessGate,
  ppApiRegistryServiceRef,
  ppChangeMarkWrites,
  ppConfigureAnswerCache,
  ppIdentityServiceRef,
} from '@internal/plugin-pp-node';
import { durationToMilliseconds } from '@backstage/types';
import express from 'express';
import type { Handler, NextFunction, Request, Response } from 'express';
import { PpV1Mount } from './mounts';
import { PP_V1_OPENAPI_PATH, createPpOpenApiRoute } from './openApiRoute';
import {
  dependencyPortsOf,
  withDependencyErrors,
} from '../runtime/dependencyErrors';

/** The public prefix of the Platform Portal contract. */
export const PP_V1_PREFIX = '/pp/v1';

interface CompiledMount extends PpV1Mount {
  segments: string[];
}

function splitPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function compile(mounts: PpV1Mount[]): CompiledMount[] {
  const compiled = mounts.map(m => ({ ...m, segments: splitPath(m.path) }));
  const wildcards = (m: CompiledMount) =>
    m.segments.filter(s => s === '*').length;
  return compiled.sort(
    (a, b) =>
      b.segments.length - a.segments.length || wildcards(a) - wildcards(b),
  );
}

/**
 * Maps a path below `/pp/v1` (e.g. `/tickets/42`) to the Backstage path that serves it
 * (e.g. `/api/pp-helpdesk/tickets/42`), or undefined when no plugin owns it.
 */
export function createPpV1Resolver(mounts: PpV1Mount[]) {
  const table = compile(mounts);
  return (subPath: string): string | undefined => {
    const segments = splitPath(subPath);
    for (const mount of table) {
      if (segments.length < mount.segments.length) continue;
      const matches = mount.segments.every(
        (s, i) => s === '*' || s === segments[i],
      );
      if (!matches) continue;
      const rest = segments.slice(mount.segments.length);
      const head =
        mount.target ??
        `/${segments.slice(0, mount.segments.length).join('/')}`;
      const tail = rest.length ? `/${rest.join('/')}` : '';
      return `/api/${mount.pluginId}${head === '/' ? '' : head}${tail}`;
    }
    return undefined;
  };
}

const PP_V1_MARK = Symbol('ppV1OriginalPath');
type MarkedRequest = Request & {
  [PP_V1_MARK]?: { path: string; url: string };
};

function isUnderPrefix(path: string) {
  return path === PP_V1_PREFIX || path.startsWith(`${PP_V1_PREFIX}/`);
}

function notFound(req: Request, path: string) {
  return new NotFoundError(`No Platform Portal endpoint ${req.method} ${path}`);
}

/**
 * Express middleware, installed before Backstage's own routes: rewrites `/pp/v1/...` to the owning
 * plugin's `/api/<pluginId>/...` path, and answers unknown `/pp/v1` paths with a JSON 404.
 */
export function createPpV1Middleware(mounts: PpV1Mount[]) {
  const resolve = createPpV1Resolver(mounts);
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!isUnderPrefix(req.path) || req.path === PP_V1_OPENAPI_PATH) {
      // the document is served by the root router itself (ppRootHttpRouterFactory)
      next();
      return;
    }
    const target = resolve(req.path.slice(PP_V1_PREFIX.length));
    if (!target) {
      next(notFound(req, req.path));
      return;
    }
    const queryStart = req.url.indexOf('?');
    const query = queryStart >= 0 ? req.url.slice(queryStart) : '';
    (req as MarkedRequest)[PP_V1_MARK] = { path: req.path, url: req.url };
    req.url = `${target}${query}`;
    next();
  };
}

/**
 * The `configure` hook for Backstage's root HTTP router: the `/pp/v1` rewrite first, then Backstage's
 * defaults. A rewritten request that no plugin route answers ends as a JSON 404 (Backstage's own
 * not-found handler sends an empty body, which contract clients cannot parse).
 */
export function configurePpV1(mounts: PpV1Mount[], accessGate?: Handler) {
  return (ctx: RootHttpRouterConfigureContext) => {
    const { app, middleware, applyDefaults, config, logger } = ctx;
    // One place for dependency outages: a request that failed because PostgreSQL or Redis is
    // unreachable answers 503 with Retry-After and a fixed message (never the driver's error).
    const defaultError = middleware.error.bind(middleware);
    const ports = dependencyPortsOf(config);
    middleware.error = options =>
      withDependencyErrors(defaultError(options), {
        ports,
        onUnavailable: (dependency, error) =>
          logger.warn(
            `Request failed because the ${dependency} is unavailable: ${error}`,
          ),
      });
    if (accessGate) {
      // The access gate runs after helmet, CORS, logging and rate limiting (so its refusals are
      // readable cross-origin and logged) and before the health router and every plugin's routes.
      const defaultRateLimit = middleware.rateLimit.bind(middleware);
      middleware.rateLimit = () => {
        const limit = defaultRateLimit();
        return (req: Request, res: Response, next: NextFunction) =>
          limit(req, res, (error?: unknown) =>
            error ? next(error) : accessGate(req, res, next),
          );
      };
    }
    const defaultNotFound = middleware.notFound.bind(middleware);
    middleware.notFound = () => {
      const fallback = defaultNotFound();
      return (req: Request, res: Response, next: NextFunction) => {
        const original = (req as MarkedRequest)[PP_V1_MARK];
        if (original) {
          // Report the path the client asked for, not our internal rewrite of it.
          req.url = original.url;
          next(notFound(req, original.path));
          return;
        }
        fallback(req, res, next);
      };
    };
    // A write answered here drops this instance's in-memory change marks before its answer goes
    // out, so its client's next conditional read is checked against the database.
    app.use(ppChangeMarkWrites());
    // the budget of the versioned reads' kept answers (pp.api.answerCache)
    ppConfigureAnswerCache(config);
    app.use(createPpV1Middleware(mounts));
    applyDefaults();
  };
}

/** The root HTTP router with the `/pp/v1` surface installed (no access gate: for tests of the mount). */
export function ppV1RootHttpRouterFactory(mounts: PpV1Mount[]) {
  return rootHttpRouterServiceFactory({ configure: configurePpV1(mounts) });
}

/**
 * The backend's root HTTP router: Backstage's default root router (same server, middleware and
 * health router, built from the same public parts) with the `/pp/v1` surface and the PP access
 * gate in front of every plugin. Backstage's own factory takes no services, and the gate needs the
 * PP identity service, hence this factory.
 */
export function ppRootHttpRouterFactory(mounts: PpV1Mount[]) {
  return createServiceFactory({
    service: coreServices.rootHttpRouter,
    deps: {
      config: coreServices.rootConfig,
      rootLogger: coreServices.rootLogger,
      lifecycle: coreServices.rootLifecycle,
      health: coreServices.rootHealth,
      identity: ppIdentityServiceRef,
      apiRegistry: ppApiRegistryServiceRef,
    },
    async factory({
      config,
      rootLogger,
      lifecycle,
      health,
      identity,
      apiRegistry,
    }) {
      const logger = rootLogger.child({ service: 'rootHttpRouter' });
      const app = express();
      const server = await createHttpServer(
        app,
        readHttpServerOptions(config.getOptionalConfig('backend')),
        { logger },
      );
      const router = DefaultRootHttpRouter.create({
        server,
        lifecycle,
        logger,
      });
      router.use(PP_V1_OPENAPI_PATH, createPpOpenApiRoute(apiRegistry));
      const middleware = MiddlewareFactory.create({ config, logger });
      const routes = router.handler();
      const healthRouter = createHealthRouter({ config, health });
      const trustProxy = config.getOptional('backend.trustProxy');
      configurePpV1(
        mounts,
        createPpAccessGate({ identity }),
      )({
        app,
        server,
        routes,
        middleware,
        config,
        logger,
        lifecycle,
        healthRouter,
        applyDefaults() {
          if (process.env.NODE_ENV === 'development') {
            app.set('json spaces', 2);
          }
          if (trustProxy !== undefined) app.set('trust proxy', trustProxy);
          applyServerTimeouts(server, config);
          app.use(middleware.helmet());
          app.use(middleware.cors());
          app.use(middleware.compression());
          app.use(middleware.logging());
          app.use(middleware.rateLimit());
          app.use(healthRouter);
          app.use(routes);
          app.use(middleware.notFound());
          app.use(middleware.error());
        },
      });
      if (config.has('backend.lifecycle.serverShutdownDelay')) {
        const delay = durationToMilliseconds(
          readDurationFromConfig(config, {
            key: 'backend.lifecycle.serverShutdownDelay',
          }),
        );
        lifecycle.addBeforeShutdownHook(
          () => new Promise<void>(resolve => setTimeout(resolve, delay)),
        );
      }
      lifecycle.addShutdownHook(() => server.stop());
      await server.start();
      return router;
    },
  });
}

/** `backend.server.*` timeouts, as Backstage's default root router applies them. */
function applyServerTimeouts(server: Server, config: RootConfigService) {
  const serverConfig = config.getOptionalConfig('backend.server');
  if (!serverConfig) return;
  const duration = (key: string) => {
    if (!serverConfig.has(key)) return undefined;
    const value = serverConfig.getOptional(key);
    if (typeof value === 'number') return value;
    return durationToMilliseconds(
      readDurationFromConfig(serverConfig, { key }),
    );
  };
  const headersTimeout = duration('headersTimeout');
  if (headersTimeout !== undefined) server.headersTimeout = headersTimeout;
  const requestTimeout = duration('requestTimeout');
  if (requestTimeout !== undefined) server.requestTimeout = requestTimeout;
  const keepAliveTimeout = duration('keepAliveTimeout');
  if (keepAliveTimeout !== undefined)
    server.keepAliveTimeout = keepAliveTimeout;
  const timeout = duration('timeout');
  if (timeout !== undefined) server.timeout = timeout;
}
