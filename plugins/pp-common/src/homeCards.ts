import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  ppAgentsReadPermission,
  ppAuditReadPermission,
  ppHealthReadPermission,
  ppRoleRequestsReviewPermission,
  ppSlaReadPermission,
  ppSubscriptionsReadPermission,
  ppTicketsReadPermission,
  ppTicketsUpdatePermission,
  ppUsersReadPermission,
} from './permissions';

/**
 * The Platform Portal's home cards, in the order the home page shows them, each with the
 * permission of the page it reads and links to. The home page shows a person only the cards whose
 * permission the PP policy grants them; each plugin provides its cards as home page widgets named
 * as here (`HomePageWidgetBlueprint` `name`), and a later plugin adds its rows.
 *
 * @public
 */
export const ppHomeCards: ReadonlyArray<{
  /** The widget's name. */
  name: string;
  permission: BasicPermission;
}> = [
  // pp-health: infrastructure engineers (and readers of the dashboards)
  { name: 'PpHealthSummary', permission: ppHealthReadPermission },
  { name: 'PpOpenAlerts', permission: ppHealthReadPermission },
  { name: 'PpQueueBacklog', permission: ppHealthReadPermission },
  // pp-helpdesk: the people who work tickets, and readers of the queue
  { name: 'PpMyTickets', permission: ppTicketsUpdatePermission },
  { name: 'PpSlaAtRisk', permission: ppTicketsReadPermission },
  { name: 'PpUnassignedTickets', permission: ppTicketsUpdatePermission },
  // pp-subscriptions: subscription managers (and readers of the list)
  { name: 'PpSubscriptionsAtRisk', permission: ppSubscriptionsReadPermission },
  // pp-orchestration: agent orchestrators (and readers of the board)
  { name: 'PpOverdueCreations', permission: ppAgentsReadPermission },
  // pp-sla: orchestrators, infrastructure engineers (and readers of the compliance)
  { name: 'PpSlaBreaches', permission: ppSlaReadPermission },
  // pp-users: admins
  { name: 'PpRoleRequests', permission: ppRoleRequestsReviewPermission },
  { name: 'PpAuditChain', permission: ppAuditReadPermission },
  { name: 'PpUserCounts', permission: ppUsersReadPermission },
];
