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
import AssessmentIcon from '@material-ui/icons/Assessment';
import { PpSlaClient, ppSlaApiRef } from './api';
import { agentRouteRef, helpdeskTicketRouteRef, rootRouteRef } from './routes';
import { hasSlaCard } from './entity';

/** `api:pp-sla`: the HTTP client of the pp-sla backend. */
export const ppSlaApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: ppSlaApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new PpSlaClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:pp-sla`: the compliance dashboard at `/pp/sla` and the agent pages under it. */
export const ppSlaPage = PageBlueprint.make({
  params: {
    path: '/pp/sla',
    title: 'SLA compliance',
    icon: <AssessmentIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () => import('./components/SlaPage').then(m => <m.SlaPage />),
  },
});

/** `entity-card:pp-sla/sla`: the SLA card on the overview of an AI agent or a monitored service. */
export const ppSlaEntityCard = EntityCardBlueprint.make({
  name: 'sla',
  params: {
    filter: hasSlaCard,
    loader: () =>
      import('./components/EntitySlaCard').then(m => <m.EntitySlaCard />),
  },
});

/** `entity-content:pp-sla/sla`: the SLA tab of an AI agent or a monitored service. */
export const ppSlaEntityContent = EntityContentBlueprint.make({
  name: 'sla',
  params: {
    path: 'sla',
    title: 'SLA',
    filter: hasSlaCard,
    loader: () =>
      import('./components/EntitySlaContent').then(m => <m.EntitySlaContent />),
  },
});

/**
 * The Platform Portal's SLA compliance (spec Stage 7): the dashboard of agents with an SLA and
 * each agent's 30-day compliance, breaches and maintenance windows.
 *
 * @public
 */
export const ppSlaPlugin = createFrontendPlugin({
  pluginId: 'pp-sla',
  title: 'SLA compliance',
  icon: <AssessmentIcon fontSize="inherit" />,
  routes: { root: rootRouteRef, agent: agentRouteRef },
  externalRoutes: { helpdeskTicket: helpdeskTicketRouteRef },
  extensions: [ppSlaApi, ppSlaPage, ppSlaEntityCard, ppSlaEntityContent],
});
