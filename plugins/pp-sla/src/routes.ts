import {
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
