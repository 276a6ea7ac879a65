import {
  ApiBlueprint,
  PageBlueprint,
  coreApis,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import CardMembershipIcon from '@material-ui/icons/CardMembership';
import { PpSubscriptionsClient, ppSubscriptionsApiRef } from './api';
import {
  helpdeskTicketRouteRef,
  rootRouteRef,
  subscriptionRouteRef,
} from './routes';

/** `api:pp-subscriptions`: the HTTP client of the pp-subscriptions backend. */
export const ppSubscriptionsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: ppSubscriptionsApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new PpSubscriptionsClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:pp-subscriptions`: the list at `/pp/subscriptions` and the subscription pages under it. */
export const ppSubscriptionsPage = PageBlueprint.make({
  params: {
    path: '/pp/subscriptions',
    title: 'Subscriptions',
    icon: <CardMembershipIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/SubscriptionsPage').then(m => (
        <m.SubscriptionsPage />
      )),
  },
});

/** AI agents (Components of type `ai-agent`) get a Subscriptions tab. */
export function isAgentEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    String(entity.spec?.type ?? '') === 'ai-agent'
  );
}

/** `entity-content:pp-subscriptions/subscriptions`: the Subscriptions tab of AI agents. */
export const ppSubscriptionsEntityContent = EntityContentBlueprint.make({
  name: 'subscriptions',
  params: {
    path: 'subscriptions',
    title: 'Subscriptions',
    filter: isAgentEntity,
    loader: () =>
      import('./components/EntitySubscriptionsContent').then(m => (
        <m.EntitySubscriptionsContent />
      )),
  },
});

/**
 * The Platform Portal's subscription management (spec Stage 5): the health-scored list, the
 * subscription pages (score, charts, errors, actions, incidents, run forensics, exports,
 * force-cancel) and the Subscriptions tab of AI agents.
 *
 * @public
 */
export const ppSubscriptionsPlugin = createFrontendPlugin({
  pluginId: 'pp-subscriptions',
  title: 'Subscriptions',
  icon: <CardMembershipIcon fontSize="inherit" />,
  routes: {
    root: rootRouteRef,
    subscription: subscriptionRouteRef,
  },
  externalRoutes: {
    helpdeskTicket: helpdeskTicketRouteRef,
  },
  extensions: [
    ppSubscriptionsApi,
    ppSubscriptionsPage,
    ppSubscriptionsEntityContent,
  ],
});
