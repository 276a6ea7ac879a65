import {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import { PP_ROLE_KEYS } from '@internal/plugin-pp-common';
import { PpGuard, ppActionHandler } from '@internal/plugin-pp-node';
import { UsersApi } from './service/usersApi';

/** The zod (v3) the actions registry hands to schema builders. */
type Zod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];

/** A person, agent or service principal as the users API returns it. */
const userSchema = (z: Zod) =>
  z
    .object({
      id: z.string().describe('User id (uuid); pass it to pp-users-get'),
      kind: z
        .enum(['user', 'agent', 'service'])
        .describe('user = a person, agent = an AI agent, service = a service'),
      email: z.string().nullable(),
      name: z.string(),
      status: z.enum(['active', 'inactive', 'pending']),
      roles: z.array(z.enum(PP_ROLE_KEYS)),
      role_expires_at: z
        .record(z.string())
        .optional()
        .describe('Roles granted for a limited time: role → end (ISO 8601)'),
      entity_ref: z
        .string()
        .nullable()
        .describe('The catalog entity an agent or service acts for'),
      created_at: z.string(),
      updated_at: z.string(),
      last_active_at: z.string().nullable(),
    })
    .passthrough();

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
      input: z => z.object({}),
      output: z =>
        z.object({
          user: userSchema(z),
          permissions: z
            .array(z.string())
            .describe('PP permission names your roles grant'),
        }),
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
      input: z => z.object({}),
      output: z =>
        z.object({
          items: z.array(
            z.object({
              key: z.enum(PP_ROLE_KEYS),
              title: z.string(),
              level: z.number().int(),
              description: z.string(),
              permissions: z.array(z.string()),
            }),
          ),
        }),
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
      input: z =>
        z.object({
          search: z
            .string()
            .max(200)
            .optional()
            .describe(
              'Part of the name or email, e.g. "ines" or "@waooaw.com"',
            ),
          role: z.enum(PP_ROLE_KEYS).optional(),
          status: z.enum(['active', 'inactive', 'pending']).optional(),
          kind: z.enum(['user', 'agent', 'service']).optional(),
          sort: z
            .enum(['name', 'email', 'created_at', 'last_active_at'])
            .optional(),
          order: z.enum(['asc', 'desc']).optional(),
          limit: z.number().int().min(1).max(200).optional(),
          offset: z.number().int().min(0).optional(),
        }),
      output: z =>
        z.object({
          items: z.array(userSchema(z)),
          total_count: z.number().int(),
          limit: z.number().int(),
          offset: z.number().int(),
        }),
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
      input: z => z.object({ user_id: z.string().min(1) }),
      output: z => z.object({ user: userSchema(z) }),
    },
    action: ppActionHandler(guard, api.get, {
      name: 'pp-users-get',
      output: user => ({ user: { ...user } }),
    }),
  });
}
