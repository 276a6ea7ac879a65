import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import type { Router } from 'express';
import { ppOpenApiDocument } from './document';
import type { PpApiRouter } from './PpApiRouter';
import type { PpOperation } from './types';

/** A route as express has it mounted: method and path (`:name` parameters). @public */
export interface PpMountedRoute {
  method: string;
  path: string;
}

/**
 * Where every PP plugin puts its documented router, so that the one document of `/pp/v1` (served
 * at `/pp/v1/openapi.json`) and the catalog's API entities come from the routes themselves.
 *
 * @public
 */
export interface PpApiRegistry {
  register(
    api: Pick<PpApiRouter, 'operations' | 'router' | 'pluginId' | 'title'>,
  ): void;
  pluginIds(): string[];
  /** What a plugin's part of the API is about, e.g. `Helpdesk`. */
  title(pluginId: string): string;
  operations(pluginId?: string): PpOperation[];
  /** The routes express really has mounted on a plugin's router (nested routers included). */
  mountedRoutes(pluginId: string): PpMountedRoute[];
  /** The OpenAPI 3.1 document of every registered plugin, or of one. */
  document(pluginId?: string): Record<string, any>;
  /** Called after each registration. */
  onChange(listener: () => void): () => void;
}

/** Walks an express 4 router's stack; nested routers mounted without a path are included. */
function walk(router: Router, prefix = ''): PpMountedRoute[] {
  const out: PpMountedRoute[] = [];
  for (const layer of (router as any).stack ?? []) {
    if (layer.route) {
      const paths: string[] = Array.isArray(layer.route.path)
        ? layer.route.path
        : [layer.route.path];
      for (const method of Object.keys(layer.route.methods)) {
        if (method === '_all') continue;
        for (const p of paths) out.push({ method, path: `${prefix}${p}` });
      }
    } else if (layer.handle?.stack) {
      const mountedAtRoot =
        layer.regexp?.fast_slash ||
        String(layer.regexp) === '/^\\/?(?=\\/|$)/i';
      out.push(
        ...walk(
          layer.handle,
          mountedAtRoot ? prefix : `${prefix}<${layer.regexp}>`,
        ),
      );
    }
  }
  return out;
}

/** @public */
export function createPpApiRegistry(options: {
  serverUrl: string;
}): PpApiRegistry {
  const apis = new Map<
    string,
    { operations: readonly PpOperation[]; router: Router; title: string }
  >();
  const listeners = new Set<() => void>();
  const registry: PpApiRegistry = {
    register(api) {
      if (apis.has(api.pluginId)) {
        throw new Error(`The API of ${api.pluginId} is registered twice`);
      }
      apis.set(api.pluginId, {
        operations: api.operations,
        router: api.router as unknown as Router,
        title: api.title,
      });
      for (const l of listeners) l();
    },
    pluginIds: () => [...apis.keys()].sort(),
    title: pluginId => apis.get(pluginId)?.title ?? pluginId,
    operations(pluginId) {
      if (pluginId) return [...(apis.get(pluginId)?.operations ?? [])];
      return [...apis.values()].flatMap(a => a.operations);
    },
    mountedRoutes(pluginId) {
      const api = apis.get(pluginId);
      return api ? walk(api.router) : [];
    },
    document(pluginId) {
      return ppOpenApiDocument(registry.operations(pluginId), {
        serverUrl: options.serverUrl,
        title: pluginId
          ? `Platform Portal API: ${registry.title(pluginId)}`
          : undefined,
      });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return registry;
}

/** The registry of PP plugins' documented routers (root scoped: one per backend). @public */
export const ppApiRegistryServiceRef = createServiceRef<PpApiRegistry>({
  id: 'pp.api-registry',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) =>
        createPpApiRegistry({
          serverUrl: `${config.getString('backend.baseUrl')}/pp/v1`,
        }),
    }),
});
