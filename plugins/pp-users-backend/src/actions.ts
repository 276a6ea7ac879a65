import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ppMeSchema,
  ppRoleListSchema,
  ppUserPageSchema,
  ppUserSchema,
} from '@internal/plugin-pp-common';
import {
  PpGuard,
  ppActionHandler,
  ppActionInputSchema,
  ppActionOutputSchema,
} from '@internal/plugin-pp-node';
import { z } from 'zod';
import { UsersApi } from './service/usersApi';

/**
 * Users actions for AI agents (MCP): reads only, adapters over the same commands as the HTTP
 * routes (`service/usersApi.ts`), so permission and validation are theirs. Role changes, role
 * request decisions and API tokens are deliberately not actions.
 */
export function registerUsersActions(opts: {
  actionsRegistry: ActionsRegistryService;
  guard: PpGuard;
  api: UsersApi;
}) {
  const { actionsRegistry, guard, api } = opts;

  actionsRegistry.register({
    name: 'pp-users-me',
    title: 'Who am I',
    description:
      'Your own Platform Portal identity: your user record (id, kind, name, roles, role end dates, the catalog entity you act for) and the names of every PP permission your roles grant (e.g. pp.tickets.create, pp.health.read). Call it first to know which other tools you may use; any signed-in principal may.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.me.input),
      output: ppActionOutputSchema(ppMeSchema),
    },
    action: ppActionHandler(guard, api.me, {
      name: 'pp-users-me',
      output: me => ({ user: { ...me.user }, permissions: me.permissions }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-roles-list',
    title: 'List the Platform Portal roles',
    description:
      'The seven roles (admin, subscription_manager, agent_orchestrator, infrastructure_engineer, helpdesk_agent, industry_manager, viewer) with their title, level, description and <resource>:<action> permissions. Use it to tell which role a refused call needs; any signed-in principal may.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.roles.input),
      output: ppActionOutputSchema(ppRoleListSchema),
    },
    action: ppActionHandler(guard, api.roles, {
      name: 'pp-roles-list',
      output: roles => ({ items: roles.items.map(r => ({ ...r })) }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-users-list',
    title: 'List or search people, agents and services',
    description:
      'Platform Portal principals (people, AI agents, services) with their roles and status. Filters: search (part of the name or email), role, status (active, inactive, pending), kind (user, agent, service); sort (name, email, created_at, last_active_at) and order; page with limit (1-200, default 50) and offset. Admins only (pp.users.read): others get NotAllowedError; to know yourself use pp-users-me.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      // the parsed side of the query: numbers, as JSON has them
      input: ppActionInputSchema(api.list.input, { io: 'output' }),
      output: ppActionOutputSchema(ppUserPageSchema),
    },
    action: ppActionHandler(guard, api.list, {
      name: 'pp-users-list',
      output: page => ({
        items: page.items.map(u => ({ ...u })),
        total_count: page.total_count,
        limit: page.limit,
        offset: page.offset,
      }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-users-get',
    title: 'Get one person, agent or service',
    description:
      'One Platform Portal principal by user_id (from pp-users-list): name, email, kind, status, roles and when time-bound roles end, last activity. Admins only (pp.users.read); NotFoundError when there is no such user.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: ppActionInputSchema(api.get.input),
      output: ppActionOutputSchema(z.object({ user: ppUserSchema })),
    },
    action: ppActionHandler(guard, api.get, {
      name: 'pp-users-get',
      output: user => ({ user: { ...user } }),
    }),
  });
}
