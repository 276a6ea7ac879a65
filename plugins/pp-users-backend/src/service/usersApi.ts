import {
  PP_ROLES,
  PP_ROLE_KEYS,
  PpMe,
  ppPermissionRules,
  ppRolesAllow,
  ppRolesReadPermission,
  ppUsersReadPermission,
} from '@internal/plugin-pp-common';
import { PpIdentityService, ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { listUsersQuery } from './validation';

/**
 * The users plugin's reads, each once: permission, input schema and call. `router.ts` (HTTP) and
 * `actions.ts` (MCP) are adapters over these and repeat none of it. Writes (users, roles, role
 * requests, tokens) stay HTTP only: they are not tools for agents.
 */
export function usersApi(identity: PpIdentityService) {
  const { users } = identity;
  return {
    /**
     * Who the caller is and what it may do. Any active principal (`pp.roles.read` is granted to
     * every signed-in principal), so a denial here is an inactive or unknown caller.
     */
    me: ppCommand({
      name: 'pp.users.me',
      permission: ppRolesReadPermission,
      input: z.object({}),
      run: async (ctx): Promise<PpMe> => ({
        user:
          ctx.principal.kind === 'bootstrap'
            ? {
                id: ctx.principal.id,
                kind: 'service',
                email: null,
                name: ctx.principal.name,
                status: 'active',
                roles: ['admin'],
                entity_ref: null,
                created_at: new Date(0).toISOString(),
                updated_at: new Date(0).toISOString(),
                last_active_at: null,
              }
            : await users.requireUser(ctx.principal.id),
        permissions: ppPermissionRules
          .filter(rule => ppRolesAllow(rule, ctx.principal.roles))
          .map(rule => rule.permission.name),
      }),
    }),
    roles: ppCommand({
      name: 'pp.roles.list',
      permission: ppRolesReadPermission,
      input: z.object({}),
      run: async () => ({ items: PP_ROLE_KEYS.map(key => PP_ROLES[key]) }),
    }),
    // versioned: an unchanged list is a 304 without being read (the users' change mark)
    list: ppCommand({
      name: 'pp.users.list',
      permission: ppUsersReadPermission,
      input: listUsersQuery,
      version: () => users.usersVersion(),
      run: (_ctx, query) => users.listUsers(query),
    }),
    get: ppCommand({
      name: 'pp.users.get',
      permission: ppUsersReadPermission,
      input: z.object({ user_id: z.string().min(1) }),
      run: (_ctx, { user_id }) => users.requireUser(user_id),
    }),
  };
}

export type UsersApi = ReturnType<typeof usersApi>;
