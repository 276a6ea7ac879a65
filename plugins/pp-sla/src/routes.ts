import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The compliance dashboard, `/pp/sla`; one agent is `/pp/sla/agents/:agentId`. */
export const rootRouteRef = createRouteRef();

/** One agent's SLA compliance. */
export const agentRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/agents/:agentId',
});

/** A helpdesk ticket's page (pp-helpdesk's `ticket` route), where a breach's ticket links to. */
export const helpdeskTicketRouteRef = createExternalRouteRef({
  params: ['ticketId'],
  defaultTarget: 'pp-helpdesk.ticket',
});
