import { randomUUID } from 'node:crypto';
import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  ppPermissionDeniedMessage,
  ppPermissionRule,
} from '@internal/plugin-pp-common';
import { decidePpPermission } from '../access/decide';
import type { Request, Response } from 'express';
import {
  PP_BOOTSTRAP_PRINCIPAL,
  PpIdentityService,
  PpPrincipal,
  ppUserIdFromEntityRef,
} from '../identity/PpIdentityService';
import { backstageUserTokenClaims, bearerToken } from './tokenAuth';
import { markPpErrorAudited, rememberPpRequestContext } from './auditErrors';
import { ppPrincipalOfCredentials } from '../access/principalOfCredentials';

/** Everything a PP route knows about its caller once the guard let it through. @public */
export interface PpRequestContext {
  principal: PpPrincipal;
  credentials: BackstageCredentials;
  /** The PP session of a signed-in person; absent for token principals. */
  sessionId?: string;
  requestId: string;
}

/** @public */
export interface PpAuditEvent {
  action: string;
  resource?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

/**
 * The one gate in front of every PP route, in the order the project requires:
 * authenticate (401: no token, unknown or inactive principal, ended session) →
 * authorize with a PP permission (403, before the body is even looked at) → the route validates (400).
 * Denials are audited here; routes audit their writes with `audit()`.
 *
 * @public
 */
export interface PpGuard {
  /** Who is calling (401 when nobody valid is). */
  authenticate(req: Request, res?: Response): Promise<PpRequestContext>;
  /** authenticate, then the permission (403 when denied). */
  authorize(
    req: Request,
    permission: BasicPermission,
    res?: Response,
  ): Promise<PpRequestContext>;
  /** Only a service principal bound to a catalog entity may pass (the contract's `service` role). */
  authorizeServicePrincipal(
    req: Request,
    res?: Response,
  ): Promise<PpRequestContext & { entityRef: string }>;
  /**
   * Only another PP backend plugin calling with its own Backstage service credentials (subject
   * `plugin:<pluginId>`, a registered plugin principal) may pass: the contract's `plugin` role,
   * for plugin-to-plugin reads of data no person or API token may read (403 for everyone else).
   */
  authorizePluginPrincipal(
    req: Request,
    res?: Response,
  ): Promise<PpRequestContext & { pluginId: string }>;
  /**
   * The same decision for a caller known only by its Backstage credentials, e.g. an action invoked
   * through the actions registry (MCP). People are resolved from their user entity ref (the MCP
   * token has no PP session to check); PP tokens from their `pp-principal:` subject.
   * Throws `NotAllowedError` (audited) when the permission is missing.
   */
  authorizeCredentials(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    action: string,
  ): Promise<PpRequestContext>;
  /** Appends an audit record for this request. */
  audit(ctx: PpRequestContext, event: PpAuditEvent): Promise<void>;
}

/** Force actions need a written reason (spec, Constitutional Alignment). @public */
export function requireReason(body: unknown, minLength = 10): string {
  const reason = (body as { reason?: unknown } | undefined)?.reason;
  if (typeof reason !== 'string' || reason.trim().length < minLength) {
    throw new InputError(
      `A reason of at least ${minLength} characters is required for this action`,
    );
  }
  return reason.trim();
}

function requestIdOf(req: Request, res?: Response): string {
  const given = req.header('x-request-id');
  const id = given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
  res?.setHeader('X-Request-Id', id);
  return id;
}

/** @public */
export function createPpGuard(options: {
  httpAuth: HttpAuthService;
  identity: PpIdentityService;
}): PpGuard {
  const { httpAuth, identity } = options;

  async function resolve(
    req: Request,
    credentials: BackstageCredentials,
  ): Promise<{ principal: PpPrincipal; sessionId?: string }> {
    const principal = credentials.principal as
      | { type: 'user'; userEntityRef: string }
      | { type: 'service'; subject: string };
    if (principal.type === 'user') {
      const userId = ppUserIdFromEntityRef(principal.userEntityRef);
      const found = userId ? await identity.getPrincipal(userId) : undefined;
      if (!found) {
        throw new AuthenticationError(
          `${principal.userEntityRef} is not a Platform Portal user`,
        );
      }
      const sessionId = backstageUserTokenClaims(bearerToken(req))?.sessionId;
      if (!sessionId || !(await identity.sessions.get(found.id, sessionId))) {
        throw new AuthenticationError(
          'Your Platform Portal session has ended; sign in again',
        );
      }
      return { principal: found, sessionId };
    }
    // Another PP backend plugin with its own Backstage service token (verified by Backstage's
    // plugin token handler): it acts as its registered plugin principal, with that principal's
    // current roles and status, like any other principal; unregistered plugins are refused.
    const token = bearerToken(req);
    if (
      principal.subject.startsWith('plugin:') &&
      !(token && identity.isPpToken(token))
    ) {
      const found = await identity.getPrincipal(principal.subject);
      if (found) return { principal: found };
      throw new NotAllowedError(
        `The backend plugin ${principal.subject.slice(
          'plugin:'.length,
        )} is not a Platform Portal principal`,
      );
    }
    // A service principal: only PP tokens (PP_ADMIN_TOKEN, agent/service API tokens) act in PP.
    // The raw bearer token is re-verified here rather than trusting the informational subject.
    const verified = await identity.verifyBearerToken(token);
    if (verified === 'admin') return { principal: PP_BOOTSTRAP_PRINCIPAL };
    if (verified) {
      const found = await identity.getPrincipal(verified.userId);
      if (found) return { principal: found };
    }
    throw new NotAllowedError(
      'Backend service principals cannot call Platform Portal endpoints directly',
    );
  }

  /**
   * Whether the principal holds the permission. One decision for every kind of principal: the
   * same function the permission policy runs for people (Backstage's permission client would
   * allow a token principal anything without asking the policy, so the guard never asks it).
   */
  async function decide(
    ctx: PpRequestContext,
    permission: BasicPermission,
  ): Promise<boolean> {
    const allowed = decidePpPermission(ctx.principal, permission);
    identity.recordPermissionCheck(ctx.principal.ref, permission.name, allowed);
    return allowed;
  }

  /**
   * The 403: a sentence with role titles for people (`message`), and for agents the permission's
   * name, the roles that grant it and the caller's roles as separate fields of the error body
   * (`{error: {name, message, permission, allowed_roles, roles}}`).
   */
  function missing(ctx: PpRequestContext, permission: BasicPermission) {
    const rule = ppPermissionRule(permission.name);
    const allowedRoles =
      rule && rule.allow !== 'authenticated'
        ? [...rule.allow.filter(r => r !== 'admin'), 'admin']
        : ['admin'];
    return Object.assign(
      new NotAllowedError(
        ppPermissionDeniedMessage({
          permission: permission.name,
          principalName: ctx.principal.name,
          roles: ctx.principal.roles,
        }),
      ),
      {
        permission: permission.name,
        allowed_roles: allowedRoles,
        roles: [...ctx.principal.roles],
      },
    );
  }

  async function deny(
    ctx: Omit<PpRequestContext, 'principal'> & { principal?: PpPrincipal },
    req: Request,
    error: Error,
    action: string,
  ): Promise<never> {
    await identity.record({
      principal: ctx.principal?.ref ?? 'anonymous',
      action,
      resource: req.originalUrl.split('?')[0],
      outcome: 'denied',
      reason: error.message,
      requestId: ctx.requestId,
    });
    markPpErrorAudited(error);
    throw error;
  }

  const guard: PpGuard = {
    async authenticate(req, res) {
      const requestId = requestIdOf(req, res);
      let credentials: BackstageCredentials;
      try {
        credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
      } catch (error) {
        return deny(
          { requestId } as any,
          req,
          error as Error,
          `${req.method} authenticate`,
        );
      }
      try {
        const { principal, sessionId } = await resolve(req, credentials);
        if (principal.status !== 'active') {
          throw new AuthenticationError(
            `This account is ${principal.status}; ask an admin to activate it`,
          );
        }
        return rememberPpRequestContext(req, {
          principal,
          credentials,
          sessionId,
          requestId,
        });
      } catch (error) {
        return deny(
          { credentials, requestId },
          req,
          error as Error,
          `${req.method} authenticate`,
        );
      }
    },

    async authorize(req, permission, res) {
      const ctx = await guard.authenticate(req, res);
      if (!(await decide(ctx, permission))) {
        return deny(ctx, req, missing(ctx, permission), permission.name);
      }
      return ctx;
    },

    async authorizeCredentials(credentials, permission, action) {
      const requestId = randomUUID();
      const found = await ppPrincipalOfCredentials(identity, credentials);
      const principal = found === 'backend' ? undefined : found;
      const fail = async (ctx: PpRequestContext | undefined, error: Error) => {
        await identity.record({
          principal: ctx?.principal.ref ?? 'anonymous',
          action,
          resource: permission.name,
          outcome: 'denied',
          reason: error.message,
          requestId,
        });
        throw error;
      };
      if (!principal || principal.status !== 'active') {
        return fail(
          undefined,
          new NotAllowedError(
            principal
              ? `This account is ${principal.status}`
              : 'The caller is not an active Platform Portal principal',
          ),
        );
      }
      const ctx: PpRequestContext = { principal, credentials, requestId };
      if (!(await decide(ctx, permission))) {
        return fail(ctx, missing(ctx, permission));
      }
      return ctx;
    },

    async authorizeServicePrincipal(req, res) {
      const ctx = await guard.authenticate(req, res);
      if (ctx.principal.kind !== 'service' || !ctx.principal.entityRef) {
        return deny(
          ctx,
          req,
          new NotAllowedError(
            'Only a service principal bound to a catalog service may call this endpoint',
          ),
          'service-principal',
        );
      }
      return { ...ctx, entityRef: ctx.principal.entityRef };
    },

    async authorizePluginPrincipal(req, res) {
      const ctx = await guard.authenticate(req, res);
      const caller = ctx.credentials.principal as {
        type?: string;
        subject?: string;
      };
      const subject = caller.type === 'service' ? caller.subject ?? '' : '';
      // resolve() maps Backstage plugin credentials (never a PP token) to `plugin:<id>` principals
      if (
        !subject.startsWith('plugin:') ||
        ctx.principal.kind !== 'service' ||
        ctx.principal.id !== subject
      ) {
        return deny(
          ctx,
          req,
          new NotAllowedError(
            'Only another Platform Portal plugin may call this endpoint',
          ),
          'plugin-principal',
        );
      }
      return { ...ctx, pluginId: subject.slice('plugin:'.length) };
    },

    async audit(ctx, event) {
      await identity.record({
        principal: ctx.principal.ref,
        action: event.action,
        resource: event.resource ?? null,
        outcome: event.outcome ?? 'success',
        reason: event.reason ?? null,
        requestId: ctx.requestId,
        details: event.details ?? null,
      });
    },
  };
  return guard;
}
