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
  ppApiTokenCreatedSchema,
  ppApiTokenListSchema,
  ppAuditRecordListSchema,
  ppAuditVerificationSchema,
  ppMeSchema,
  ppRoleChangePageSchema,
  ppRoleListSchema,
  ppRoleRequestPageSchema,
  ppRoleRequestSchema,
  ppUserPageSchema,
  ppUserSchema,
} from '@internal/plugin-pp-common';
import {
  PpGuard,
  PpIdentityService,
  clampPage,
  ppAuditErrors,
  createPpApiRouter,
  readJsonBody,
  sendCachedJson,
} from '@internal/plugin-pp-node';
import { z } from 'zod';
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
import { UsersApi } from './usersApi';

export interface RouterOptions {
  /** Validates new people's emails against Google Workspace, when configured. */
  directory?: GoogleDirectory;
  identity: PpIdentityService;
  /** The read commands (shared with the MCP actions). */
  api: UsersApi;
  guard: PpGuard;
  config: RootConfigService;
  discovery: DiscoveryService;
  logger: LoggerService;
}

/**
 * HTTP for users, roles, role requests, API tokens, audit and the contract's /auth endpoints.
 * Paths are the contract's, relative to /pp/v1 (see packages/backend/src/ppV1/mounts.ts).
 */
export async function createRouter(options: RouterOptions) {
  const { identity, guard, config, discovery } = options;
  const { users } = identity;
  const routes = createPpApiRouter({
    pluginId: 'pp-users',
    title: 'Users, roles and access',
    guard,
  });
  const router = routes.router;
  const { api } = options;

  // The last-admin rule (never leave the portal without an active admin) is enforced by the
  // store, in the same transaction as the write: see DatabaseIdentityStore.
  const tokenLifetimes = apiTokenLifetimes(config);

  // --- Who am I (any signed-in principal), the roles (usersApi.ts: shared with the MCP actions)
  routes.get('/users/me', {
    command: api.me,
    summary: 'Who am I: the caller and the permissions its roles give',
    response: ppMeSchema,
  });
  routes.get('/roles', {
    command: api.roles,
    summary: 'The seven roles and what each may do',
    response: ppRoleListSchema,
  });

  routes.post('/roles/{role_id}/check-permission', {
    summary: 'Does a role have a permission?',
    description:
      'Either a PP permission name (pp.tickets.create) or a contract permission string (tickets:create).',
    access: ppRolesCheckPermission,
    body: checkPermissionBody,
    status: 200,
    response: z.object({
      role: z.string(),
      permission: z.string(),
      allowed: z.boolean(),
    }),
    handler: async (req, res) => {
      const ctx = await guard.authorize(req, ppRolesCheckPermission, res);
      const { permission } = parseInput(
        checkPermissionBody,
        await readJsonBody(
          req,
          ctx,
          'POST /pp/v1/roles/{role_id}/check-permission',
        ),
      );
      const role = req.params.role_id;
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
    },
  });

  // --- Self-service role requests (before /users/:id)
  routes.post('/users/role-request', {
    summary: 'Ask for a role (self-service)',
    description:
      'An admin approves or denies it; with duration_hours the role is time-bound.',
    access: ppRoleRequestCreatePermission,
    body: roleRequestBody,
    response: ppRoleRequestSchema,
    errors: [409],
    handler: async (req, res) => {
      const ctx = await guard.authorize(
        req,
        ppRoleRequestCreatePermission,
        res,
      );
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
    },
  });

  // The caller's own requests, newest first (not in the contract; the My access page reads it).
  routes.get('/users/me/role-requests', {
    summary: 'The caller’s own role requests, newest first',
    portalOnly: true,
    access: ppRoleRequestCreatePermission,
    query: pageQuery,
    response: ppRoleRequestPageSchema,
    handler: async (req, res) => {
      const ctx = await guard.authorize(
        req,
        ppRoleRequestCreatePermission,
        res,
      );
      const page = parseInput(pageQuery, req.query, 'query');
      sendCachedJson(
        req,
        res,
        ctx.principal.kind === 'bootstrap'
          ? { items: [], total_count: 0, ...clampPage(page.limit, page.offset) }
          : await users.listRoleRequests({ userId: ctx.principal.id, ...page }),
      );
    },
  });

  routes.get('/users/role-requests', {
    summary: 'Role requests to review',
    access: ppRoleRequestsReviewPermission,
    query: roleRequestsQuery,
    response: ppRoleRequestPageSchema,
    handler: async (req, res) => {
      await guard.authorize(req, ppRoleRequestsReviewPermission, res);
      res.json(
        await users.listRoleRequests(
          parseInput(roleRequestsQuery, req.query, 'query'),
        ),
      );
    },
  });

  for (const decision of ['approve', 'deny'] as const) {
    routes.post(`/users/role-requests/{request_id}/${decision}`, {
      summary: `${decision === 'approve' ? 'Approve' : 'Deny'} a role request`,
      portalOnly: true,
      access: ppRoleRequestsReviewPermission,
      body: decisionBody,
      status: 200,
      response: ppRoleRequestSchema,
      errors: [409],
      handler: async (req, res) => {
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
          req.params.request_id,
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
      },
    });
  }

  // --- Role change log (before /users/:id)
  routes.get('/users/role-changes', {
    summary: 'The role change log, newest first',
    access: ppUsersReadPermission,
    query: pageQuery,
    response: ppRoleChangePageSchema,
    handler: async (req, res) => {
      await guard.authorize(req, ppUsersReadPermission, res);
      res.json(
        await users.listRoleChanges(parseInput(pageQuery, req.query, 'query')),
      );
    },
  });

  routes.post('/users/bulk-assign-role', {
    summary: 'Give one role to up to 50 people',
    access: ppUsersRolesManagePermission,
    body: bulkAssignBody,
    status: 200,
    response: z.object({ items: z.array(ppUserSchema) }),
    // 404: one of the user ids is no one (nobody's role changes then)
    errors: [404, 409],
    handler: async (req, res) => {
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
    },
  });

  // --- Users
  // versioned: an unchanged list is a 304 without being read (the users' change mark)
  routes.get('/users', {
    command: api.list,
    summary: 'People, agents and services, with their roles',
    description:
      'Filter by text, role, status or kind; sorted and paged. Versioned: poll with If-None-Match every 30 s.',
    response: ppUserPageSchema,
    maxAgeSeconds: 30,
  });

  routes.post('/users', {
    summary: 'Add a person, agent or service principal',
    access: ppUsersCreatePermission,
    body: createUserBody,
    response: ppUserSchema,
    errors: [409],
    handler: async (req, res) => {
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
    },
  });

  routes.get('/users/{user_id}', {
    command: api.get,
    summary: 'One principal',
    response: ppUserSchema,
  });

  routes.put('/users/{user_id}', {
    summary: 'Rename, activate or deactivate a principal',
    access: ppUsersUpdatePermission,
    body: updateUserBody,
    response: ppUserSchema,
    errors: [409],
    handler: async (req, res) => {
      const ctx = await guard.authorize(req, ppUsersUpdatePermission, res);
      const body = parseInput(
        updateUserBody,
        await readJsonBody(req, ctx, 'PUT /pp/v1/users/{user_id}'),
      );
      const { before, after } = await users.updateUser(
        req.params.user_id,
        body,
      );
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
    },
  });

  for (const action of ['assign', 'revoke'] as const) {
    routes.post(`/users/{user_id}/${action}-role`, {
      summary:
        action === 'assign'
          ? 'Give a principal a role (optionally time-bound)'
          : 'Take a role from a principal',
      access: ppUsersRolesManagePermission,
      body: action === 'assign' ? assignRoleBody : roleBody,
      status: 200,
      response: ppUserSchema,
      errors: [409],
      handler: async (req, res) => {
        const ctx = await guard.authorize(
          req,
          ppUsersRolesManagePermission,
          res,
        );
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
                req.params.user_id,
                body.role,
                ctx.principal.ref,
                body.reason ?? null,
                { expiresAt },
              )
            : await users.revokeRole(
                req.params.user_id,
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
      },
    });
  }

  routes.get('/users/{user_id}/role-changes', {
    summary: 'One principal’s role changes',
    portalOnly: true,
    access: ppUsersReadPermission,
    query: pageQuery,
    response: ppRoleChangePageSchema,
    handler: async (req, res) => {
      await guard.authorize(req, ppUsersReadPermission, res);
      await users.requireUser(req.params.user_id);
      res.json(
        await users.listRoleChanges({
          userId: req.params.user_id,
          ...parseInput(pageQuery, req.query, 'query'),
        }),
      );
    },
  });

  // --- API tokens
  routes.post('/users/{user_id}/api-tokens', {
    summary: 'Issue an API token (shown once)',
    access: ppUsersTokensManagePermission,
    body: apiTokenBody,
    response: ppApiTokenCreatedSchema,
    errors: [409],
    handler: async (req, res) => {
      const ctx = await guard.authorize(
        req,
        ppUsersTokensManagePermission,
        res,
      );
      const body = parseInput(
        apiTokenBody,
        await readJsonBody(req, ctx, 'POST /pp/v1/users/{user_id}/api-tokens'),
      );
      const owner = await users.requireUser(req.params.user_id);
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
    },
  });

  routes.get('/users/{user_id}/api-tokens', {
    summary: 'A principal’s API tokens (never their secrets)',
    portalOnly: true,
    access: ppUsersTokensManagePermission,
    response: ppApiTokenListSchema,
    handler: async (req, res) => {
      await guard.authorize(req, ppUsersTokensManagePermission, res);
      await users.requireUser(req.params.user_id);
      res.json({ items: await users.listApiTokens(req.params.user_id) });
    },
  });

  routes.delete('/users/{user_id}/api-tokens/{token_id}', {
    summary: 'Revoke an API token',
    portalOnly: true,
    access: ppUsersTokensManagePermission,
    status: 204,
    handler: async (req, res) => {
      const ctx = await guard.authorize(
        req,
        ppUsersTokensManagePermission,
        res,
      );
      const token = await users.revokeApiToken(
        req.params.user_id,
        req.params.token_id,
      );
      await guard.audit(ctx, {
        action: 'pp.users.tokens.revoke',
        resource: `user:${req.params.user_id}`,
        details: { token_id: token.id },
      });
      res.status(204).end();
    },
  });

  // --- Audit
  routes.get('/audit', {
    summary: 'The audit log, newest first',
    portalOnly: true,
    access: ppAuditReadPermission,
    query: auditQuery,
    response: ppAuditRecordListSchema,
    handler: async (req, res) => {
      await guard.authorize(req, ppAuditReadPermission, res);
      const query = parseInput(auditQuery, req.query, 'query');
      res.json({
        items: await identity.audit.list({
          limit: query.limit,
          beforeId: query.before_id,
        }),
      });
    },
  });

  routes.get('/audit/verify', {
    summary: 'Check the audit log’s hash chain',
    portalOnly: true,
    access: ppAuditReadPermission,
    response: ppAuditVerificationSchema,
    handler: async (req, res) => {
      const ctx = await guard.authorize(req, ppAuditReadPermission, res);
      const result = await identity.audit.verify();
      await guard.audit(ctx, {
        action: 'pp.audit.verify',
        outcome: result.ok ? 'success' : 'failure',
        details: { ...result },
      });
      res.json(result);
    },
  });

  // --- The contract's /auth endpoints over Backstage's auth flow
  routes.post('/auth/login', {
    summary: 'Where to start signing in',
    access: 'public',
    body: loginBody,
    status: 200,
    response: z.object({ provider: z.string(), start_url: z.string() }),
    handler: async (req, res) => {
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
    },
  });

  routes.post('/auth/callback', {
    summary: 'Complete a Google sign-in with its code and state',
    description: 'Answers 303: follow it with GET to Backstage’s own handler.',
    access: 'public',
    body: z.object({ code: z.string(), state: z.string() }),
    status: 303,
    rawResponse: {
      contentType: 'text/plain',
      description: 'See other: the auth backend’s handler completes the flow',
    },
    handler: async (req, res) => {
      // Google redirects the browser to Backstage's own handler; an API client that receives the
      // code and state is sent there to complete the same flow (303: follow with GET).
      const body = await readJsonBody(
        req,
        'public',
        'POST /pp/v1/auth/callback',
      );
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
    },
  });

  routes.post('/auth/refresh', {
    summary: 'Extend the caller’s session',
    description:
      'Only for a signed-in person’s session: an API token has none (400).',
    errors: [400, 404],
    access: 'authenticated',
    status: 200,
    response: z.object({ session_id: z.string(), expires_at: z.string() }),
    handler: async (req, res) => {
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
    },
  });

  routes.post('/auth/logout', {
    summary: 'End the caller’s session',
    description:
      'Only for a signed-in person’s session: an API token has none (400).',
    errors: [400],
    access: 'authenticated',
    status: 204,
    handler: async (req, res) => {
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
    },
  });

  // --- Dev sign-in support: the demo users a person may pick (only when the dev sign-in is on)
  router.get('/dev/demo-users', async (_req, res) => {
    const demo = await demoUsersIfEnabled(config, users);
    if (!demo)
      throw new NotFoundError('The dev sign-in is disabled on this portal');
    res.json({ items: demo });
  });

  router.use(ppAuditErrors(guard));
  return routes;
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
