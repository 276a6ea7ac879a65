import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The helpdesk queue, `/pp/helpdesk`; its ticket pages are `/pp/helpdesk/tickets/:ticketId`. */
export const rootRouteRef = createRouteRef();

/** One ticket's page. */
export const ticketRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/tickets/:ticketId',
});
