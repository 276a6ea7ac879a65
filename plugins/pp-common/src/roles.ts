/**
 * The Platform Portal's seven roles, exactly as the contract (`spec/api-catalog.yaml`, `roles`)
 * defines them: key, level (1 = most powerful) and permission strings.
 *
 * @public
 */
export const PP_ROLE_KEYS = [
  'admin',
  'subscription_manager',
  'agent_orchestrator',
  'infrastructure_engineer',
  'helpdesk_agent',
  'industry_manager',
  'viewer',
] as const;

/** @public */
export type PpRoleKey = (typeof PP_ROLE_KEYS)[number];

/** @public */
export interface PpRoleDefinition {
  key: PpRoleKey;
  title: string;
  level: 1 | 2 | 3 | 4;
  description: string;
  /** `<resource>:<action>` strings; `*` matches any resource or action. */
  permissions: string[];
}

/** @public */
export const PP_ROLES: Record<PpRoleKey, PpRoleDefinition> = {
  admin: {
    key: 'admin',
    title: 'Admin',
    level: 1,
    description:
      'Full platform control: users and roles, force actions, Genesis overrides.',
    permissions: ['*:*'],
  },
  subscription_manager: {
    key: 'subscription_manager',
    title: 'Subscription Manager',
    level: 2,
    description:
      'Subscription health, read-only agent-run forensics, subscription incidents.',
    permissions: [
      'subscription_management:read',
      'subscription_management:write',
      'agent_runs:forensics',
      'incidents:create',
      'incidents:manage',
    ],
  },
  agent_orchestrator: {
    key: 'agent_orchestrator',
    title: 'Agent Orchestrator',
    level: 2,
    description:
      'Agent creation with Genesis validation, CI/CD monitoring, retuning, handoff.',
    permissions: [
      'agent_orchestration:create',
      'agent_orchestration:read',
      'agent_retuning:initiate',
      'cicd:read',
    ],
  },
  infrastructure_engineer: {
    key: 'infrastructure_engineer',
    title: 'Infrastructure Engineer',
    level: 2,
    description:
      'Microservice health, queues, server metrics, logs and alert thresholds.',
    permissions: [
      'health_monitoring:read',
      'health_monitoring:write',
      'infrastructure:read',
      'infrastructure:write',
      'logs:query',
    ],
  },
  helpdesk_agent: {
    key: 'helpdesk_agent',
    title: 'Helpdesk Agent',
    level: 3,
    description: 'Internal tickets within their SLAs, escalation, resolution.',
    permissions: [
      'helpdesk:read',
      'helpdesk:write',
      'tickets:create',
      'tickets:assign',
      'tickets:update',
      'tickets:close',
    ],
  },
  industry_manager: {
    key: 'industry_manager',
    title: 'Industry Manager',
    level: 3,
    description:
      'Industry knowledge sources, scraping, knowledge diffs, retuning proposals.',
    permissions: [
      'industry_knowledge:read',
      'industry_knowledge:write',
      'knowledge_sources:create',
      'knowledge_sources:manage',
      'agent_retuning:initiate',
    ],
  },
  viewer: {
    key: 'viewer',
    title: 'Viewer',
    level: 4,
    description: 'Read-only dashboards, tickets and agent-creation workflows.',
    permissions: ['*:read'],
  },
};

/** @public */
export function isPpRoleKey(value: unknown): value is PpRoleKey {
  return (
    typeof value === 'string' &&
    (PP_ROLE_KEYS as readonly string[]).includes(value)
  );
}

/** The most users one bulk role assignment may touch (contract `role_rules`). @public */
export const PP_BULK_ASSIGN_LIMIT = 50;

/** The longest time-bound grant: 90 days. @public */
export const PP_MAX_GRANT_HOURS = 90 * 24;

/** The server's minimum length of a role request's reason. @public */
export const PP_ROLE_REQUEST_REASON_MIN = 10;

/**
 * Checks a set of roles against the contract's rules: known keys, no duplicates, and `admin`
 * never combined with another role. Returns the problem in words, or undefined when valid.
 *
 * @public
 */
export function roleSetProblem(roles: readonly string[]): string | undefined {
  const unknown = roles.filter(r => !isPpRoleKey(r));
  if (unknown.length) {
    return `Unknown role${unknown.length > 1 ? 's' : ''} ${unknown
      .map(r => `'${r}'`)
      .join(', ')}; roles are ${PP_ROLE_KEYS.join(', ')}`;
  }
  if (new Set(roles).size !== roles.length) {
    return 'A role is listed twice';
  }
  if (roles.includes('admin') && roles.length > 1) {
    return 'The admin role is exclusive: it cannot be combined with any other role';
  }
  return undefined;
}

/**
 * Whether a role's permission strings grant `<resource>:<action>`; `*` in a grant matches any
 * resource or action (`*:*` for admin, `*:read` for viewer).
 *
 * @public
 */
export function roleGrants(role: PpRoleKey, permission: string): boolean {
  const [resource, action, ...rest] = permission.split(':');
  if (!resource || !action || rest.length) return false;
  return PP_ROLES[role].permissions.some(grant => {
    const [gResource, gAction] = grant.split(':');
    return (
      (gResource === '*' || gResource === resource) &&
      (gAction === '*' || gAction === action)
    );
  });
}
