import {
  ApiBlueprint,
  PageBlueprint,
  coreApis,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import HeadsetMicIcon from '@material-ui/icons/HeadsetMic';
import { PpHelpdeskClient, ppHelpdeskApiRef } from './api';
import { rootRouteRef, ticketRouteRef } from './routes';

/** `api:pp-helpdesk`: the HTTP client of the pp-helpdesk backend. */
export const ppHelpdeskApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: ppHelpdeskApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new PpHelpdeskClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:pp-helpdesk`: the queue at `/pp/helpdesk` and the ticket pages under it. */
export const ppHelpdeskPage = PageBlueprint.make({
  params: {
    path: '/pp/helpdesk',
    title: 'Helpdesk',
    icon: <HeadsetMicIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/HelpdeskPage').then(m => <m.HelpdeskPage />),
  },
});

/** Services and AI agents get a Tickets tab. */
export function isTicketEntity(entity: Entity): boolean {
  const type = String(entity.spec?.type ?? '');
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    (type === 'service' || type === 'ai-agent')
  );
}

/** `entity-content:pp-helpdesk/tickets`: the Tickets tab of services and AI agents. */
export const ppHelpdeskEntityContent = EntityContentBlueprint.make({
  name: 'tickets',
  params: {
    path: 'tickets',
    title: 'Tickets',
    filter: isTicketEntity,
    loader: () =>
      import('./components/EntityTicketsContent').then(m => (
        <m.EntityTicketsContent />
      )),
  },
});

/** `entity-card:pp-helpdesk/open-tickets`: the Open tickets card on the overview. */
export const ppHelpdeskEntityCard = EntityCardBlueprint.make({
  name: 'open-tickets',
  params: {
    filter: isTicketEntity,
    loader: () =>
      import('./components/EntityTicketsContent/EntityTicketsCard').then(m => (
        <m.EntityTicketsCard />
      )),
  },
});

/**
 * The Platform Portal helpdesk: the ticket queue, ticket pages and the Tickets tab of services
 * and AI agents.
 *
 * @public
 */
export const ppHelpdeskPlugin = createFrontendPlugin({
  pluginId: 'pp-helpdesk',
  title: 'Helpdesk',
  icon: <HeadsetMicIcon fontSize="inherit" />,
  routes: {
    root: rootRouteRef,
    ticket: ticketRouteRef,
  },
  extensions: [
    ppHelpdeskApi,
    ppHelpdeskPage,
    ppHelpdeskEntityContent,
    ppHelpdeskEntityCard,
  ],
});
