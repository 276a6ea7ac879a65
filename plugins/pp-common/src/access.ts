import { PpAudience, ppRolesAllow } from './permissions';
import { PpRoleKey } from './roles';

/*
 * Who may do what on Backstage's own plugins (catalog, notifications, search, MCP actions ...).
 * The project's copy of the contract (spec/api-catalog.yaml, `backstage_access` and `mcp_actions`)
 * states the same table; a test keeps the two equal.
 *
 * The root access gate applies the route table to every principal that arrives with a PP token
 * (PP_ADMIN_TOKEN, agent/service/person API tokens): a route not listed is refused (default deny).
 * People signed in with a Backstage user token are held to a listed row too; a route not listed is
 * left to Backstage and the PP permission policy, which decides their permissions from the same roles.
 */

/** @public */
export interface PpBackstageRouteRule {
  /** HTTP method, or `*` for any. */
  method: string;
  /** Path below the backend root; `*` is one segment, a trailing `**` any rest (also none). */
  path: string;
  allow: PpAudience;
}

/**
 * Who may use the scaffolder (Backstage's `scaffolder.*` permissions: run templates, read and
 * cancel tasks): the PP template generates agent repositories, an agent orchestrator's job.
 *
 * @public
 */
export const PP_SCAFFOLDER_USERS: PpRoleKey[] = ['admin', 'agent_orchestrator'];

/** Who may change what the catalog contains. @public */
export const PP_CATALOG_REGISTRARS: PpRoleKey[] = [
  'admin',
  'infrastructure_engineer',
  'agent_orchestrator',
];

/**
 * The route table, first match wins: specific rows before general ones.
 *
 * @public
 */
export const ppBackstageRouteRules: readonly PpBackstageRouteRule[] = [
  // catalog: changing its contents is for the registrars; reading is for everyone
  {
    method: 'POST',
    path: '/api/catalog/locations',
    allow: PP_CATALOG_REGISTRARS,
  },
  {
    method: 'DELETE',
    path: '/api/catalog/locations/**',
    allow: PP_CATALOG_REGISTRARS,
  },
  {
    method: 'DELETE',
    path: '/api/catalog/entities/**',
    allow: PP_CATALOG_REGISTRARS,
  },
  {
    method: 'POST',
    path: '/api/catalog/refresh',
    allow: PP_CATALOG_REGISTRARS,
  },
  {
    method: 'POST',
    path: '/api/catalog/analyze-location',
    allow: PP_CATALOG_REGISTRARS,
  },
  {
    method: 'POST',
    path: '/api/catalog/entities/by-refs',
    allow: 'authenticated',
  },
  {
    method: 'POST',
    path: '/api/catalog/validate-entity',
    allow: 'authenticated',
  },
  { method: 'GET', path: '/api/catalog/**', allow: 'authenticated' },
  // notifications: only admins send them (PP plugins send theirs in-process)
  { method: 'POST', path: '/api/notifications', allow: ['admin'] },
  {
    method: 'POST',
    path: '/api/notifications/notifications',
    allow: ['admin'],
  },
  // search over what the caller may read
  { method: 'GET', path: '/api/search/query', allow: 'authenticated' },
  // AI agents' tools: each call is checked against `ppMcpActionRules` by the actions service
  { method: '*', path: '/api/mcp-actions/**', allow: 'authenticated' },
];

/** Which actions (MCP tools) a principal may list and call. @public */
export interface PpMcpActionRule {
  /** The action id, `<pluginId>:<name>`; `*` matches any run of characters. */
  action: string;
  allow: PpAudience;
}

/** First match wins; an action not listed is neither listed nor callable. @public */
export const ppMcpActionRules: readonly PpMcpActionRule[] = [
  // PP actions authorize themselves through the PP guard with their own permission.
  { action: 'pp-*:*', allow: 'authenticated' },
  { action: 'catalog:get-catalog-entity', allow: 'authenticated' },
  { action: 'catalog:query-catalog-entities', allow: 'authenticated' },
  { action: 'catalog:get-catalog-model-description', allow: 'authenticated' },
  { action: 'catalog:validate-entity', allow: 'authenticated' },
  { action: 'catalog:register-entity', allow: PP_CATALOG_REGISTRARS },
  { action: 'catalog:unregister-entity', allow: PP_CATALOG_REGISTRARS },
  { action: 'catalog:refresh-catalog-entity', allow: PP_CATALOG_REGISTRARS },
];

function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Whether a route pattern (see {@link PpBackstageRouteRule.path}) matches a path. @public */
export function ppRoutePatternMatches(pattern: string, path: string): boolean {
  const want = segments(pattern);
  const got = segments(path);
  for (let i = 0; i < want.length; i++) {
    if (want[i] === '**') return true;
    if (i >= got.length) return false;
    if (want[i] !== '*' && want[i] !== got[i]) return false;
  }
  return want.length === got.length;
}

/** The first row of the route table for a request, if any. @public */
export function ppBackstageRouteRule(
  method: string,
  path: string,
): PpBackstageRouteRule | undefined {
  const upper = method.toUpperCase();
  // HEAD reads like GET
  const asMethod = upper === 'HEAD' ? 'GET' : upper;
  return ppBackstageRouteRules.find(
    rule =>
      (rule.method === '*' || rule.method === asMethod) &&
      ppRoutePatternMatches(rule.path, path),
  );
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Whether principals with these roles may list and call an action. @public */
export function ppMcpActionAllowed(
  actionId: string,
  roles: readonly PpRoleKey[],
): boolean {
  const rule = ppMcpActionRules.find(r =>
    globToRegExp(r.action).test(actionId),
  );
  return rule ? ppRolesAllow(rule, roles) : false;
}
