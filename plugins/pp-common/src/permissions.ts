import {
  BasicPermission,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PpRoleKey } from './roles';

/**
 * Who a PP permission is for: every signed-in, active principal, or the listed roles.
 * `admin` is always allowed and need not be listed.
 *
 * @public
 */
export type PpAudience = 'authenticated' | PpRoleKey[];

/** @public */
export interface PpPermissionRule {
  permission: BasicPermission;
  allow: PpAudience;
}

const rules: PpPermissionRule[] = [];

function ppPermission(
  name: string,
  action: 'create' | 'read' | 'update' | 'delete',
  allow: PpAudience,
): BasicPermission {
  const permission = createPermission({ name, attributes: { action } });
  rules.push({ permission, allow });
  return permission;
}

// The audiences below are the contract's `roles` column (spec/api-catalog.yaml), endpoint by
// endpoint; the RBAC matrix test checks every implemented endpoint against it.

// --- Roles and self-service (Stage 1, 4)
/** @public */
export const ppRolesReadPermission = ppPermission(
  'pp.roles.read',
  'read',
  'authenticated',
);
/** @public */
export const ppRolesCheckPermission = ppPermission(
  'pp.roles.check',
  'read',
  'authenticated',
);
/** @public */
export const ppRoleRequestCreatePermission = ppPermission(
  'pp.users.role-request.create',
  'create',
  'authenticated',
);

// --- User management (Stage 4): admin only
/** @public */
export const ppUsersReadPermission = ppPermission('pp.users.read', 'read', [
  'admin',
]);
/** @public */
export const ppUsersCreatePermission = ppPermission(
  'pp.users.create',
  'create',
  ['admin'],
);
/** @public */
export const ppUsersUpdatePermission = ppPermission(
  'pp.users.update',
  'update',
  ['admin'],
);
/** @public */
export const ppUsersRolesManagePermission = ppPermission(
  'pp.users.roles.manage',
  'update',
  ['admin'],
);
/** @public */
export const ppUsersTokensManagePermission = ppPermission(
  'pp.users.tokens.manage',
  'update',
  ['admin'],
);
/** @public */
export const ppRoleRequestsReviewPermission = ppPermission(
  'pp.users.role-request.review',
  'update',
  ['admin'],
);
/** @public */
export const ppAuditReadPermission = ppPermission('pp.audit.read', 'read', [
  'admin',
]);

// --- Health monitoring (Stage 2)
const healthReaders: PpRoleKey[] = ['infrastructure_engineer', 'viewer'];
/** @public */
export const ppHealthReadPermission = ppPermission(
  'pp.health.read',
  'read',
  healthReaders,
);
/** @public */
export const ppHealthLogsQueryPermission = ppPermission(
  'pp.health.logs.query',
  'read',
  ['infrastructure_engineer'],
);
/** @public */
export const ppHealthThresholdsUpdatePermission = ppPermission(
  'pp.health.thresholds.update',
  'update',
  ['infrastructure_engineer'],
);
/** Create and end alert silences and maintenance windows (reading them is `pp.health.read`). @public */
export const ppHealthSilencesManagePermission = ppPermission(
  'pp.health.silences.manage',
  'update',
  ['infrastructure_engineer'],
);
/** Acknowledge a firing alert ("I have this one"; it stays open until resolved). @public */
export const ppHealthAlertsAcknowledgePermission = ppPermission(
  'pp.health.alerts.acknowledge',
  'update',
  ['infrastructure_engineer'],
);

// --- Ticketing (Stage 3)
const ticketWorkers: PpRoleKey[] = [
  'helpdesk_agent',
  'infrastructure_engineer',
];
/** @public */
export const ppTicketsReadPermission = ppPermission('pp.tickets.read', 'read', [
  ...ticketWorkers,
  'viewer',
]);
/** @public */
export const ppTicketsCreatePermission = ppPermission(
  'pp.tickets.create',
  'create',
  ticketWorkers,
);
/** @public */
export const ppTicketsUpdatePermission = ppPermission(
  'pp.tickets.update',
  'update',
  ticketWorkers,
);

// --- Subscriptions (Stage 5)
/** @public */
export const ppSubscriptionsReadPermission = ppPermission(
  'pp.subscriptions.read',
  'read',
  ['subscription_manager', 'viewer'],
);
/** @public */
export const ppSubscriptionsForensicsPermission = ppPermission(
  'pp.subscriptions.forensics',
  'read',
  ['subscription_manager'],
);
/** @public */
export const ppSubscriptionsExportPermission = ppPermission(
  'pp.subscriptions.export',
  'create',
  ['subscription_manager'],
);
/** @public */
export const ppSubscriptionsForceCancelPermission = ppPermission(
  'pp.subscriptions.force-cancel',
  'update',
  ['admin'],
);

// --- Agent orchestration (Stage 6)
/** @public */
export const ppAgentsCreatePermission = ppPermission(
  'pp.agents.create',
  'create',
  ['agent_orchestrator'],
);
/** Starting an approved agent's code generation again (the scaffolder). @public */
export const ppAgentsGeneratePermission = ppPermission(
  'pp.agents.generate',
  'create',
  ['agent_orchestrator'],
);
/** @public */
export const ppAgentsReadPermission = ppPermission('pp.agents.read', 'read', [
  'agent_orchestrator',
  'viewer',
]);
/** @public */
export const ppHandoffCreatePermission = ppPermission(
  'pp.handoff.create',
  'create',
  ['agent_orchestrator'],
);
/** @public */
export const ppHandoffAcceptPermission = ppPermission(
  'pp.handoff.accept',
  'update',
  ['infrastructure_engineer'],
);

/** The operational readiness parameters of an agent (issue #15). @public */
export const ppAgentsReadinessReadPermission = ppPermission(
  'pp.agents.readiness.read',
  'read',
  ['agent_orchestrator', 'infrastructure_engineer', 'viewer'],
);
/** Overriding an agent's platform readiness parameters, with a reason. @public */
export const ppAgentsReadinessUpdatePermission = ppPermission(
  'pp.agents.readiness.update',
  'update',
  ['agent_orchestrator'],
);
/** The customers' readiness settings of an agent, from the Customer Portal. @public */
export const ppSubscriptionsCustomerSettingsReadPermission = ppPermission(
  'pp.subscriptions.customer-settings.read',
  'read',
  [
    'subscription_manager',
    'agent_orchestrator',
    'infrastructure_engineer',
    'viewer',
  ],
);

/** @public */
export const ppAgentsUpgradePermission = ppPermission(
  'pp.agents.upgrade',
  'create',
  ['agent_orchestrator'],
);
/** @public */
export const ppUpgradesReadPermission = ppPermission(
  'pp.upgrades.read',
  'read',
  ['agent_orchestrator', 'infrastructure_engineer', 'viewer'],
);
/** @public */
export const ppUpgradesAbortPermission = ppPermission(
  'pp.upgrades.abort',
  'update',
  ['agent_orchestrator', 'infrastructure_engineer'],
);

// --- SLA/OLA (Stage 7)
/** @public */
export const ppSlaCreatePermission = ppPermission('pp.sla.create', 'create', [
  'agent_orchestrator',
]);
/** @public */
export const ppSlaReadPermission = ppPermission('pp.sla.read', 'read', [
  'agent_orchestrator',
  'infrastructure_engineer',
  'viewer',
]);
/** @public */
export const ppOlaCreatePermission = ppPermission('pp.ola.create', 'create', [
  'infrastructure_engineer',
]);
/** Root cause and ticket of a breach. @public */
export const ppSlaBreachesUpdatePermission = ppPermission(
  'pp.sla.breaches.update',
  'update',
  ['infrastructure_engineer'],
);
/** Schedule maintenance windows (excluded from SLA compliance). @public */
export const ppSlaMaintenanceManagePermission = ppPermission(
  'pp.sla.maintenance.manage',
  'create',
  ['infrastructure_engineer'],
);
/** Month-end SLA credits and their export: admin only. @public */
export const ppSlaCreditsReadPermission = ppPermission(
  'pp.sla.credits.read',
  'read',
  ['admin'],
);

// --- Industry knowledge (Stage 8)
/** @public */
export const ppKnowledgeSourcesCreatePermission = ppPermission(
  'pp.knowledge.sources.create',
  'create',
  ['industry_manager'],
);
/** Change, pause, run, upload to and test knowledge sources. @public */
export const ppKnowledgeSourcesManagePermission = ppPermission(
  'pp.knowledge.sources.manage',
  'update',
  ['industry_manager'],
);
/** @public */
export const ppKnowledgeReadPermission = ppPermission(
  'pp.knowledge.read',
  'read',
  ['industry_manager', 'viewer'],
);
/** @public */
export const ppKnowledgeSearchPermission = ppPermission(
  'pp.knowledge.search',
  'read',
  ['industry_manager'],
);
/** @public */
export const ppAgentsRetunePermission = ppPermission(
  'pp.agents.retune',
  'create',
  ['industry_manager', 'agent_orchestrator'],
);
/** See retuning proposals and an agent's knowledge. @public */
export const ppRetuningReadPermission = ppPermission(
  'pp.retuning.read',
  'read',
  ['industry_manager', 'agent_orchestrator', 'viewer'],
);
/** Approve or decline a retuning Genesis approved. @public */
export const ppRetuningApprovePermission = ppPermission(
  'pp.retuning.approve',
  'update',
  ['admin'],
);

/** Every PP permission with its audience. @public */
export const ppPermissionRules: readonly PpPermissionRule[] = rules;

/** Every PP permission, for the permission integration router. @public */
export const ppPermissions: readonly BasicPermission[] = rules.map(
  r => r.permission,
);

const byName = new Map(rules.map(r => [r.permission.name, r]));

/** @public */
export function ppPermissionRule(name: string): PpPermissionRule | undefined {
  return byName.get(name);
}

/**
 * The one decision rule for PP permissions: is a principal with these roles allowed?
 * Used by the permission policy for users and by the PP authorizer for token principals.
 *
 * @public
 */
export function ppRolesAllow(
  rule: { allow: PpAudience },
  roles: readonly PpRoleKey[],
): boolean {
  if (roles.includes('admin')) return true;
  if (rule.allow === 'authenticated') return true;
  return roles.some(r => (rule.allow as PpRoleKey[]).includes(r));
}
