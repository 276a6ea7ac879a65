import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The subscription list, `/pp/subscriptions`; one subscription is `/pp/subscriptions/:subscriptionId`. */
export const rootRouteRef = createRouteRef();

/** One subscription's page. */
export const subscriptionRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:subscriptionId',
});

/** A helpdesk ticket's page (pp-helpdesk's `ticket` route), where incidents link to. */
export const helpdeskTicketRouteRef = createExternalRouteRef({
  params: ['ticketId'],
  defaultTarget: 'pp-helpdesk.ticket',
});
