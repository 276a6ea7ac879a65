import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import {
  ppBackstageRouteRule,
  ppRolesAllow,
  ppSearchTypes,
} from '@internal/plugin-pp-common';
import type { NextFunction, Request, Response } from 'express';
import {
  PP_BOOTSTRAP_PRINCIPAL,
  PpIdentityService,
  PpPrincipal,
  ppUserIdFromEntityRef,
} from '../identity/PpIdentityService';
import { backstageUserTokenClaims, bearerToken } from '../http/tokenAuth';
import { decidePpPermission } from './decide';

/**
 * Backstage's permission client allows service principals (PP tokens) everything, so the search
 * engine would show a PP token every PP document. A PP token's search is narrowed here to the
 * catalog and the PP search types its principal may read; asking for another PP type is a 403.
 * (People are filtered by the search engine itself, through the PP policy.)
 */
function narrowPpTokenSearch(req: Request, principal: PpPrincipal) {
  const denied = ppSearchTypes
    .filter(t => !decidePpPermission(principal, t.permission))
    .map(t => t.type);
  if (!denied.length) return undefined;
  const query = req.query as Record<string, unknown>;
  const asked = query.types === undefined ? [] : [query.types].flat();
  const refused = asked.filter(t => denied.includes(String(t)));
  if (refused.length) {
    return new NotAllowedError(
      `${principal.name} may not search ${refused.join(', ')}`,
    );
  }
  if (!asked.length) {
    query.types = [
      'software-catalog',
      ...ppSearchTypes.map(t => t.type).filter(t => !denied.includes(t)),
    ];
  }
  return undefined;
}

/** @public */
export interface PpAccessGateOptions {
  identity: PpIdentityService;
}

/**
 * The Platform Portal's access gate, one middleware in front of every plugin's routes (installed
 * by the root HTTP router). For each request that carries a bearer token it:
 *
 * - refuses (401) a Backstage user token whose person is no longer an active PP user or whose PP
 *   session has ended (logout, role change, deactivation, revocation): Backstage's user tokens are
 *   self-contained and would otherwise work for up to an hour in every plugin;
 * - refuses (401) PP tokens of principals that are no longer active, and revoked or expired tokens
 *   (the PP token handler no longer recognises them);
 * - on Backstage's own plugins, applies the contract's route table (`ppBackstageRouteRules`) from
 *   the principal's current roles: for PP token principals a route not in the table is refused
 *   (Backstage's permission client would allow a service principal anything); people are held to
 *   the rows that exist and otherwise left to the PP permission policy.
 *
 * PP plugins' own routes are left to the PP guard, which makes the same authentication checks and
 * decides with the route's PP permission. Everything this gate refuses is audited.
 *
 * @public
 */
export function createPpAccessGate(options: PpAccessGateOptions) {
  const { identity } = options;

  async function refuse(
    req: Request,
    principal: PpPrincipal | undefined,
    error: Error,
  ): Promise<Error> {
    await identity
      .record({
        principal: principal?.ref ?? 'anonymous',
        action: `${req.method} ${req.path.split('/').slice(0, 3).join('/')}`,
        resource: req.path,
        outcome: 'denied',
        reason: error.message,
        requestId: req.header('x-request-id') ?? null,
      })
      .catch(() => {});
    return error;
  }

  async function principalOf(
    token: string,
  ): Promise<{ principal?: PpPrincipal; refused?: Error; person?: boolean }> {
    const claims = backstageUserTokenClaims(token);
    if (claims) {
      const userId = ppUserIdFromEntityRef(claims.sub);
      const principal = userId
        ? await identity.getPrincipal(userId)
        : undefined;
      if (!principal) {
        return {
          refused: new AuthenticationError(
            `${claims.sub} is not a Platform Portal user`,
          ),
        };
      }
      if (principal.status !== 'active') {
        return {
          principal,
          refused: new AuthenticationError(
            `This account is ${principal.status}; ask an admin to activate it`,
          ),
        };
      }
      if (
        !claims.sessionId ||
        !(await identity.sessions.get(principal.id, claims.sessionId))
      ) {
        return {
          principal,
          refused: new AuthenticationError(
            'Your Platform Portal session has ended; sign in again',
          ),
        };
      }
      return { principal, person: true };
    }
    if (!identity.isPpToken(token)) return {};
    const verified = await identity.verifyBearerToken(token);
    if (verified === 'admin') return { principal: PP_BOOTSTRAP_PRINCIPAL };
    const principal = verified
      ? await identity.getPrincipal(verified.userId)
      : undefined;
    if (!principal) {
      return {
        refused: new AuthenticationError(
          'This token is revoked, expired, or its principal is not active',
        ),
      };
    }
    return { principal };
  }

  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const token = bearerToken(req);
      if (!token || !req.path.startsWith('/api/')) {
        next();
        return;
      }
      // PP plugins' routes: the PP guard authenticates (the same checks) and authorizes with the
      // route's PP permission; their public routes stay public.
      const pluginId = req.path.split('/')[2] ?? '';
      if (pluginId.startsWith('pp-')) {
        next();
        return;
      }
      const { principal, refused, person } = await principalOf(token);
      if (refused) {
        next(await refuse(req, principal, refused));
        return;
      }
      if (!principal) {
        // Not a PP or user token (a plugin's own token): Backstage decides.
        next();
        return;
      }
      const rule = ppBackstageRouteRule(req.method, req.path);
      if (rule ? ppRolesAllow(rule, principal.roles) : person) {
        const narrowed =
          !person && req.method === 'GET' && req.path === '/api/search/query'
            ? narrowPpTokenSearch(req, principal)
            : undefined;
        next(narrowed ? await refuse(req, principal, narrowed) : undefined);
        return;
      }
      const roles = principal.roles.length
        ? principal.roles.join(', ')
        : 'no roles';
      next(
        await refuse(
          req,
          principal,
          new NotAllowedError(
            rule
              ? `${req.method} ${req.path} is not allowed for ${principal.name} (${roles})`
              : `${req.method} ${req.path} is not open to Platform Portal tokens`,
          ),
        ),
      );
    } catch (error) {
      next(error);
    }
  };
}
