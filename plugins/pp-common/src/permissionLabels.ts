import { PP_ROLES, PpRoleKey, isPpRoleKey } from './roles';
import { ppPermissionRule } from './permissions';

/**
 * What each PP permission lets a person do, in words that finish "You need … to …"
 * (e.g. `pp.tickets.read` → "read tickets"). Every PP permission has one (a test checks).
 *
 * @public
 */
export const PP_PERMISSION_LABELS: Readonly<Record<string, string>> = {
  'pp.roles.read': 'see the roles',
  'pp.roles.check': 'check what a role allows',
  'pp.users.role-request.create': 'request a role',
  'pp.users.read': 'see the people of the portal',
  'pp.users.create': 'add people',
  'pp.users.update': 'change people',
  'pp.users.roles.manage': "change people's roles",
  'pp.users.tokens.manage': 'manage API tokens',
  'pp.users.role-request.review': 'review role requests',
  'pp.audit.read': 'read the audit log',
  'pp.health.read': 'see service health',
  'pp.health.logs.query': 'search logs',
  'pp.health.thresholds.update': 'change alert rules',
  'pp.health.silences.manage': 'silence alerts',
  'pp.health.alerts.acknowledge': 'acknowledge alerts',
  'pp.tickets.read': 'read tickets',
  'pp.tickets.create': 'open tickets',
  'pp.tickets.update': 'work on tickets',
  'pp.subscriptions.read': 'see subscriptions',
  'pp.subscriptions.forensics': "read subscriptions' agent runs",
  'pp.subscriptions.export': "export subscriptions' agent runs",
  'pp.subscriptions.force-cancel': 'force-cancel a subscription',
  'pp.agents.create': 'create agents',
  'pp.agents.generate': "start an agent's code generation again",
  'pp.agents.read': 'see agent creation',
  'pp.agents.readiness.read': "see agents' operational parameters",
  'pp.agents.readiness.update': "override agents' operational parameters",
  'pp.subscriptions.customer-settings.read':
    "see customers' settings for an agent",
  'pp.handoff.create': 'hand an agent off',
  'pp.handoff.accept': 'accept an agent handoff',
  'pp.agents.upgrade': 'upgrade agents',
  'pp.upgrades.read': 'see agent upgrades',
  'pp.upgrades.abort': 'stop agent upgrades',
  'pp.sla.create': 'define SLAs',
  'pp.sla.read': 'see SLA compliance',
  'pp.ola.create': 'define OLAs',
  'pp.sla.breaches.update': 'record the root cause of an SLA breach',
  'pp.sla.maintenance.manage': 'schedule maintenance windows',
  'pp.sla.credits.read': 'see and export SLA credits',
  'pp.knowledge.sources.create': 'add knowledge sources',
  'pp.knowledge.sources.manage': 'manage knowledge sources',
  'pp.knowledge.read': 'see industry knowledge',
  'pp.knowledge.search': 'search industry knowledge',
  'pp.agents.retune': 'retune agents',
  'pp.retuning.read': 'see retuning proposals',
  'pp.retuning.approve': 'approve or decline a retuning',
};

/** "A", "A or B", "A, B or C". */
function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "A", "A and B", "A, B and C". */
function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The role's title ("Subscription Manager"), or the key for an unknown one. @public */
export function ppRoleLabel(role: string): string {
  return isPpRoleKey(role) ? PP_ROLES[role].title : role;
}

/**
 * The sentence a person reads when a permission is missing, with role titles and no config keys:
 * "To read tickets you need the role Helpdesk Agent, Infrastructure Engineer, Viewer or Admin;
 * Sam Subscriptions has Subscription Manager." The permission's name goes to agents in a
 * separate field of the error (see the guard), never in this text.
 *
 * @public
 */
export function ppPermissionDeniedMessage(options: {
  permission: string;
  principalName: string;
  roles: readonly string[];
}): string {
  const { permission, principalName, roles } = options;
  const doing = PP_PERMISSION_LABELS[permission] ?? 'do this';
  const rule = ppPermissionRule(permission);
  const allowed: PpRoleKey[] =
    rule && rule.allow !== 'authenticated'
      ? [...rule.allow.filter(r => r !== 'admin'), 'admin']
      : ['admin'];
  const needed = `the role ${orList(allowed.map(ppRoleLabel))}`;
  const has = roles.length
    ? `has ${andList(roles.map(ppRoleLabel))}`
    : 'has no role yet';
  return `To ${doing} you need ${needed}; ${principalName} ${has}.`;
}
