import { NotFoundError } from '@backstage/errors';
import {
  RootHttpRouterConfigureContext,
  rootHttpRouterServiceFactory,
} from '@backstage/backend-defaults/rootHttpRouter';
import type { NextFunction, Request, Response } from 'express';
import { PpV1Mount } from './mounts';

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
    if (!isUnderPrefix(req.path)) {
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
export function configurePpV1(mounts: PpV1Mount[]) {
  return (ctx: RootHttpRouterConfigureContext) => {
    const { app, middleware, applyDefaults } = ctx;
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
    app.use(createPpV1Middleware(mounts));
    applyDefaults();
  };
}

/** The root HTTP router with the `/pp/v1` surface installed. */
export function ppV1RootHttpRouterFactory(mounts: PpV1Mount[]) {
  return rootHttpRouterServiceFactory({ configure: configurePpV1(mounts) });
}
