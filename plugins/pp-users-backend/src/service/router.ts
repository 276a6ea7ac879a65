import {
  DiscoveryService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  PP_ROLE_KEYS,
  PpRoleKey,
  isPpRoleKey,
  ppAuditReadPermission,
  ppPermissionRule,
  ppRoleRequestCreatePermission,
  ppRoleRequestsReviewPermission,
  ppRolesAllow,
  ppRolesCheckPermission,
  ppUsersCreatePermission,
  ppUsersReadPermission,
  ppUsersRolesManagePermission,
  ppUsersTokensManagePermission,
  ppUsersUpdatePermission,
  roleGrants,
} from '@internal/plugin-pp-common';
import {
  PpGuard,
  PpIdentityService,
  clampPage,
  ppAuditErrors,
  ppRoute,
  readJsonBody,
  sendCachedJson,
} from '@internal/plugin-pp-node';
import express from 'express';
import Router from 'express-promise-router';
import { demoUsersIfEnabled, devSignInEnabled } from '../auth/config';
import { GoogleDirectory } from '../directory/GoogleDirectory';
import {
  apiTokenBody,
  assignRoleBody,
  auditQuery,
  bulkAssignBody,
  checkPermissionBody,
  createUserBody,
  decisionBody,
  loginBody,
  pageQuery,
  parseInput,
  roleBody,
  roleRequestBody,
  roleRequestsQuery,
  updateUserBody,
} from './validation';
import { usersApi } from './usersApi';

export interface RouterOptions {
  /** Validates new people's emails against Google Workspace, when configured. */
  directory?: GoogleDirectory;
  identity: PpIdentityService;
  guard: PpGuard;
  config: RootConfigService;
  discovery: DiscoveryService;
  logger: LoggerService;
}

/**
 * HTTP for users, roles, role requests, API tokens, audit and the contract's /auth endpoints.
 * Paths are the contract's, relative to /pp/v1 (see packages/backend/src/ppV1/mounts.ts).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { identity, guard, config, discovery } = options;
  const { users } = identity;
  const router = Router();
  const api = usersApi(identity);

  // The last-admin rule (never leave the portal without an active admin) is enforced by the
  // store, in the same transaction as the write: see DatabaseIdentityStore.
  const tokenLifetimes = apiTokenLifetimes(config);

  // --- Who am I (any signed-in principal), the roles (usersApi.ts: shared with the MCP actions)
  router.get('/users/me', ppRoute(guard, api.me, { input: () => ({}) }));
  router.get('/roles', ppRoute(guard, api.roles, { input: () => ({}) }));

  router.post('/roles/:roleId/check-permission', async (req, res) => {
    const ctx = await guard.authorize(req, ppRolesCheckPermission, res);
    const { permission } = parseInput(
      checkPermissionBody,
      await readJsonBody(
        req,
        ctx,
        'POST /pp/v1/roles/{role_id}/check-permission',
      ),
    );
    const role = req.params.roleId;
    if (!isPpRoleKey(role)) {
      throw new NotFoundError(
        `No role '${role}'; roles are ${PP_ROLE_KEYS.join(', ')}`,
      );
    }
    // Either a Backstage PP permission name (pp.tickets.create) or a contract permission string
    // (tickets:create).
    const rule = ppPermissionRule(permission);
    let allowed: boolean;
    if (rule) {
      allowed = ppRolesAllow(rule, [role]);
    } else if (/^[a-z_*]+:[a-z_*]+$/.test(permission)) {
      allowed = roleGrants(role, permission);
    } else {
      throw new InputError(
        `Unknown permission '${permission}': give a PP permission name (pp.tickets.create) or a <resource>:<action> string (tickets:create)`,
      );
    }
    identity.recordPermissionCheck(`role:${role}`, permission, allowed);
    await guard.audit(ctx, {
      action: 'pp.roles.check',
      resource: `role:${role}`,
      details: { permission, allowed },
    });
    res.json({ role, permission, allowed });
  });

  // --- Self-service role requests (before /users/:id)
  router.post('/users/role-request', async (req, res) => {
    const ctx = await guard.authorize(req, ppRoleRequestCreatePermission, res);
    const body = parseInput(
      roleRequestBody,
      await readJsonBody(req, ctx, 'POST /pp/v1/users/role-request'),
    );
    if (ctx.principal.kind === 'bootstrap') {
      throw new InputError('The automation token cannot request roles');
    }
    const request = await users.createRoleRequest(
      ctx.principal.id,
      body.requested_role,
      body.reason,
      body.duration_hours ?? null,
    );
    await guard.audit(ctx, {
      action: 'pp.users.role-request.create',
      resource: `role-request:${request.id}`,
      details: {
        requested_role: request.requested_role,
        duration_hours: request.duration_hours ?? null,
      },
    });
    res.status(201).json(request);
  });

  // The caller's own requests, newest first (not in the contract; the My access page reads it).
  router.get('/users/me/role-requests', async (req, res) => {
    const ctx = await guard.authorize(req, ppRoleRequestCreatePermission, res);
    const page = parseInput(pageQuery, req.query, 'query');
    sendCachedJson(
      req,
      res,
      ctx.principal.kind === 'bootstrap'
        ? { items: [], total_count: 0, ...clampPage(page.limit, page.offset) }
        : await users.listRoleRequests({ userId: ctx.principal.id, ...page }),
    );
  });

  router.get('/users/role-requests', async (req, res) => {
    await guard.authorize(req, ppRoleRequestsReviewPermission, res);
    res.json(
      await users.listRoleRequests(
        parseInput(roleRequestsQuery, req.query, 'query'),
      ),
    );
  });

  for (const decision of ['approve', 'deny'] as const) {
    router.post(`/users/role-requests/:id/${decision}`, async (req, res) => {
      const ctx = await guard.authorize(
        req,
        ppRoleRequestsReviewPermission,
        res,
      );
      const { note } = parseInput(
        decisionBody,
        await readJsonBody(
          req,
          ctx,
          `POST /pp/v1/users/role-requests/{request_id}/${decision}`,
        ),
      );
      const { request, roleChange } = await users.decideRoleRequest(
        req.params.id,
        decision === 'approve' ? 'approved' : 'denied',
        ctx.principal.ref,
        note ?? null,
      );
      if (roleChange?.changed) await identity.accessChanged(request.user_id);
      await guard.audit(ctx, {
        action: `pp.users.role-request.${decision}`,
        resource: `role-request:${request.id}`,
        details: {
          user_id: request.user_id,
          role: request.requested_role,
          expires_at: request.expires_at ?? null,
        },
      });
      res.json(request);
    });
  }

  // --- Role change log (before /users/:id)
  router.get('/users/role-changes', async (req, res) => {
    await guard.authorize(req, ppUsersReadPermission, res);
    res.json(
      await users.listRoleChanges(parseInput(pageQuery, req.query, 'query')),
    );
  });

  router.post('/users/bulk-assign-role', async (req, res) => {
    const ctx = await guard.authorize(req, ppUsersRolesManagePermission, res);
    const body = parseInput(
      bulkAssignBody,
      await readJsonBody(req, ctx, 'POST /pp/v1/users/bulk-assign-role'),
    );
    const results = await users.bulkAssignRole(
      body.user_ids,
      body.role,
      ctx.principal.ref,
      body.reason ?? null,
    );
    for (const r of results) {
      if (r.changed) await identity.accessChanged(r.user.id);
    }
    await guard.audit(ctx, {
      action: 'pp.users.roles.bulk-assign',
      resource: `role:${body.role}`,
      details: {
        user_ids: body.user_ids,
        changed: results.filter(r => r.changed).length,
      },
    });
    res.json({ items: results.map(r => r.user) });
  });

  // --- Users
  // versioned: an unchanged list is a 304 without being read (the users' change mark)
  router.get(
    '/users',
    ppRoute(guard, api.list, { input: req => req.query, maxAgeSeconds: 30 }),
  );

  router.post('/users', async (req, res) => {
    const ctx = await guard.authorize(req, ppUsersCreatePermission, res);
    const body = parseInput(
      createUserBody,
      await readJsonBody(req, ctx, 'POST /pp/v1/users'),
    );
    const allowedDomains = allowedEmailDomains(config);
    if (body.kind === 'user' && body.email) {
      const domain = body.email.split('@')[1].toLocaleLowerCase('en-US');
      if (!allowedDomains.includes(domain)) {
        throw new InputError(
          `Email must be in ${allowedDomains.map(d => `@${d}`).join(', ')}`,
        );
      }
      await options.directory?.assertActiveAccount(body.email);
    }
    const user = await users.createUser(
      {
        email: body.email ?? null,
        name: body.name,
        kind: body.kind,
        roles: body.roles as PpRoleKey[],
        entityRef: body.entity_ref ?? null,
      },
      ctx.principal.ref,
    );
    await guard.audit(ctx, {
      action: 'pp.users.create',
      resource: `user:${user.id}`,
      details: { email: user.email, kind: user.kind, roles: user.roles },
    });
    res.status(201).json(user);
  });

  router.get(
    '/users/:id',
    ppRoute(guard, api.get, { input: req => ({ user_id: req.params.id }) }),
  );

  router.put('/users/:id', async (req, res) => {
    const ctx = await guard.authorize(req, ppUsersUpdatePermission, res);
    const body = parseInput(
      updateUserBody,
      await readJsonBody(req, ctx, 'PUT /pp/v1/users/{user_id}'),
    );
    const { before, after } = await users.updateUser(req.params.id, body);
    if (before.status !== after.status) {
      await identity.accessChanged(after.id);
    }
    await guard.audit(ctx, {
      action: 'pp.users.update',
      resource: `user:${after.id}`,
      details: {
        ...(body.name !== undefined && { name: [before.name, after.name] }),
        ...(body.status !== undefined && {
          status: [before.status, after.status],
        }),
      },
    });
    res.json(after);
  });

  for (const action of ['assign', 'revoke'] as const) {
    router.post(`/users/:id/${action}-role`, async (req, res) => {
      const ctx = await guard.authorize(req, ppUsersRolesManagePermission, res);
      const input = await readJsonBody(
        req,
        ctx,
        `POST /pp/v1/users/{user_id}/${action}-role`,
      );
      const body: {
        role: PpRoleKey;
        reason?: string;
        expires_at?: string;
        duration_hours?: number;
      } =
        action === 'assign'
          ? parseInput(assignRoleBody, input)
          : parseInput(roleBody, input);
      // Time-bound access: an end (expires_at) or a length from now (duration_hours).
      let expiresAt: Date | null = null;
      if (body.expires_at) expiresAt = new Date(body.expires_at);
      else if (body.duration_hours) {
        expiresAt = new Date(Date.now() + body.duration_hours * 3600_000);
      }
      const { user, changed } =
        action === 'assign'
          ? await users.assignRole(
              req.params.id,
              body.role,
              ctx.principal.ref,
              body.reason ?? null,
              { expiresAt },
            )
          : await users.revokeRole(
              req.params.id,
              body.role,
              ctx.principal.ref,
              body.reason ?? null,
            );
      if (changed) await identity.accessChanged(user.id);
      await guard.audit(ctx, {
        action: `pp.users.roles.${action}`,
        resource: `user:${user.id}`,
        details: {
          role: body.role,
          changed,
          ...(expiresAt && { expires_at: expiresAt.toISOString() }),
        },
      });
      res.json(user);
    });
  }

  router.get('/users/:id/role-changes', async (req, res) => {
    await guard.authorize(req, ppUsersReadPermission, res);
    await users.requireUser(req.params.id);
    res.json(
      await users.listRoleChanges({
        userId: req.params.id,
        ...parseInput(pageQuery, req.query, 'query'),
      }),
    );
  });

  // --- API tokens
  router.post('/users/:id/api-tokens', async (req, res) => {
    const ctx = await guard.authorize(req, ppUsersTokensManagePermission, res);
    const body = parseInput(
      apiTokenBody,
      await readJsonBody(req, ctx, 'POST /pp/v1/users/{user_id}/api-tokens'),
    );
    const owner = await users.requireUser(req.params.id);
    if (owner.status === 'inactive') {
      throw new ConflictError(`${owner.name} is inactive; activate first`);
    }
    // Every token expires: the configured default when no lifetime is asked, never past the maximum.
    const days = body.expires_in_days ?? tokenLifetimes.defaultDays;
    if (days > tokenLifetimes.maxDays) {
      throw new InputError(
        `expires_in_days must be at most ${tokenLifetimes.maxDays} (pp.auth.apiTokens.maxLifetimeDays)`,
      );
    }
    const expiresAt = new Date(Date.now() + days * 24 * 3600 * 1000);
    const created = await users.createApiToken(
      owner.id,
      body.name,
      expiresAt,
      ctx.principal.ref,
    );
    await guard.audit(ctx, {
      action: 'pp.users.tokens.create',
      resource: `user:${owner.id}`,
      details: {
        token_id: created.id,
        name: created.name,
        expires_at: created.expires_at,
      },
    });
    res.status(201).json(created);
  });

  router.get('/users/:id/api-tokens', async (req, res) => {
    await guard.authorize(req, ppUsersTokensManagePermission, res);
    await users.requireUser(req.params.id);
    res.json({ items: await users.listApiTokens(req.params.id) });
  });

  router.delete('/users/:id/api-tokens/:tokenId', async (req, res) => {
    const ctx = await guard.authorize(req, ppUsersTokensManagePermission, res);
    const token = await users.revokeApiToken(req.params.id, req.params.tokenId);
    await guard.audit(ctx, {
      action: 'pp.users.tokens.revoke',
      resource: `user:${req.params.id}`,
      details: { token_id: token.id },
    });
    res.status(204).end();
  });

  // --- Audit
  router.get('/audit', async (req, res) => {
    await guard.authorize(req, ppAuditReadPermission, res);
    const query = parseInput(auditQuery, req.query, 'query');
    res.json({
      items: await identity.audit.list({
        limit: query.limit,
        beforeId: query.before_id,
      }),
    });
  });

  router.get('/audit/verify', async (req, res) => {
    const ctx = await guard.authorize(req, ppAuditReadPermission, res);
    const result = await identity.audit.verify();
    await guard.audit(ctx, {
      action: 'pp.audit.verify',
      outcome: result.ok ? 'success' : 'failure',
      details: { ...result },
    });
    res.json(result);
  });

  // --- The contract's /auth endpoints over Backstage's auth flow
  router.post('/auth/login', async (req, res) => {
    const { provider } = parseInput(
      loginBody,
      await readJsonBody(req, 'public', 'POST /pp/v1/auth/login'),
    );
    if (provider === 'pp-dev' && !devSignInEnabled(config)) {
      throw new InputError('The dev sign-in is disabled on this portal');
    }
    const authBase = await discovery.getExternalBaseUrl('auth');
    const env = config.getOptionalString('auth.environment') ?? 'development';
    res.json({
      provider,
      start_url:
        provider === 'google'
          ? `${authBase}/google/start?env=${encodeURIComponent(env)}`
          : `${authBase}/pp-dev/refresh`,
    });
  });

  router.post('/auth/callback', async (req, res) => {
    // Google redirects the browser to Backstage's own handler; an API client that receives the
    // code and state is sent there to complete the same flow (303: follow with GET).
    const body = await readJsonBody(req, 'public', 'POST /pp/v1/auth/callback');
    const source = { ...req.query, ...(body as object) } as Record<
      string,
      unknown
    >;
    const code = typeof source.code === 'string' ? source.code : undefined;
    const state = typeof source.state === 'string' ? source.state : undefined;
    if (!code || !state) {
      throw new InputError("callback needs the provider's code and state");
    }
    const authBase = await discovery.getExternalBaseUrl('auth');
    const query = new URLSearchParams({ code, state });
    res.redirect(303, `${authBase}/google/handler/frame?${query}`);
  });

  router.post('/auth/refresh', async (req, res) => {
    const ctx = await guard.authenticate(req, res);
    if (!ctx.sessionId) {
      throw new InputError('API tokens have no session to refresh');
    }
    const session = await identity.sessions.extend(
      ctx.principal.id,
      ctx.sessionId,
    );
    if (!session) throw new NotFoundError('This session has already ended');
    res.json({
      session_id: session.id,
      expires_at: new Date(session.expiresAt).toISOString(),
    });
  });

  router.post('/auth/logout', async (req, res) => {
    const ctx = await guard.authenticate(req, res);
    if (!ctx.sessionId) {
      throw new InputError(
        'API tokens have no session; an admin revokes the token instead',
      );
    }
    await identity.sessions.end(ctx.principal.id, ctx.sessionId);
    await guard.audit(ctx, {
      action: 'auth.logout',
      resource: `session:${ctx.sessionId}`,
    });
    res.status(204).end();
  });

  // --- Dev sign-in support: the demo users a person may pick (only when the dev sign-in is on)
  router.get('/dev/demo-users', async (_req, res) => {
    const demo = await demoUsersIfEnabled(config, users);
    if (!demo)
      throw new NotFoundError('The dev sign-in is disabled on this portal');
    res.json({ items: demo });
  });

  router.use(ppAuditErrors(guard));
  return router;
}

/**
 * API token lifetimes: `pp.auth.apiTokens.defaultLifetimeDays` (90) when a token is created without
 * `expires_in_days`, and at most `pp.auth.apiTokens.maxLifetimeDays` (365). Checked at start-up.
 */
export function apiTokenLifetimes(config: RootConfigService): {
  defaultDays: number;
  maxDays: number;
} {
  const maxDays =
    config.getOptionalNumber('pp.auth.apiTokens.maxLifetimeDays') ?? 365;
  const defaultDays =
    config.getOptionalNumber('pp.auth.apiTokens.defaultLifetimeDays') ?? 90;
  for (const [key, value] of [
    ['maxLifetimeDays', maxDays],
    ['defaultLifetimeDays', defaultDays],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(
        `pp.auth.apiTokens.${key} must be a whole number of days, at least 1 (got ${value})`,
      );
    }
  }
  if (defaultDays > maxDays) {
    throw new Error(
      `pp.auth.apiTokens.defaultLifetimeDays (${defaultDays}) exceeds maxLifetimeDays (${maxDays})`,
    );
  }
  return { defaultDays, maxDays };
}

export function allowedEmailDomains(config: RootConfigService): string[] {
  return (
    config.getOptionalStringArray('pp.auth.allowedDomains') ?? ['waooaw.com']
  ).map(d => d.toLocaleLowerCase('en-US'));
}
