import {
  ApiBlueprint,
  PageBlueprint,
  SubPageBlueprint,
  coreApis,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import FavoriteIcon from '@material-ui/icons/Favorite';
import { PpHealthClient, ppHealthApiRef } from './api';
import {
  alertsRouteRef,
  logsRouteRef,
  queuesRouteRef,
  rootRouteRef,
  servicesRouteRef,
  thresholdsRouteRef,
} from './routes';
import { isMonitoredService } from './components/EntityHealthContent';

/** `api:pp-health`: the HTTP client of the pp-health backend. */
export const ppHealthApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: ppHealthApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new PpHealthClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:pp-health`: `/pp/health`, whose tabs are the sub-pages below. */
export const ppHealthPage = PageBlueprint.make({
  params: {
    path: '/pp/health',
    title: 'Health',
    icon: <FavoriteIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
  },
});

type TabContents = typeof import('./components/HealthTabs');

const tab = <TName extends string>(
  name: TName,
  title: string,
  routeRef: typeof servicesRouteRef,
  render: (m: TabContents) => JSX.Element,
) =>
  SubPageBlueprint.make({
    name,
    params: {
      path: name,
      title,
      routeRef,
      loader: () => import('./components/HealthTabs').then(render),
    },
  });

/** `sub-page:pp-health/services`: overview cards and services; `services/:serviceId` the detail. */
export const ppHealthServicesTab = tab(
  'services',
  'Overview',
  servicesRouteRef,
  m => <m.ServicesTabContent />,
);
export const ppHealthQueuesTab = tab('queues', 'Queues', queuesRouteRef, m => (
  <m.QueuesTabContent />
));
export const ppHealthLogsTab = tab('logs', 'Logs', logsRouteRef, m => (
  <m.LogsTabContent />
));
export const ppHealthAlertsTab = tab('alerts', 'Alerts', alertsRouteRef, m => (
  <m.AlertsTabContent />
));
export const ppHealthThresholdsTab = tab(
  'thresholds',
  'Thresholds',
  thresholdsRouteRef,
  m => <m.ThresholdsTabContent />,
);

/** `entity-content:pp-health/health`: the Health tab of each service's catalog page. */
export const ppHealthEntityContent = EntityContentBlueprint.make({
  name: 'health',
  params: {
    path: 'health',
    title: 'Health',
    filter: isMonitoredService,
    loader: () =>
      import('./components/EntityHealthContent').then(m => (
        <m.EntityHealthContent />
      )),
  },
});

/** `entity-card:pp-health/health`: the Health card on a service's overview. */
export const ppHealthEntityCard = EntityCardBlueprint.make({
  name: 'health',
  params: {
    filter: isMonitoredService,
    loader: () =>
      import('./components/EntityHealthCard').then(m => <m.EntityHealthCard />),
  },
});

/**
 * The Platform Portal's health monitoring (Stage 2).
 *
 * @public
 */
export const ppHealthPlugin = createFrontendPlugin({
  pluginId: 'pp-health',
  title: 'Health',
  icon: <FavoriteIcon fontSize="inherit" />,
  routes: {
    root: rootRouteRef,
    services: servicesRouteRef,
    queues: queuesRouteRef,
    logs: logsRouteRef,
    alerts: alertsRouteRef,
    thresholds: thresholdsRouteRef,
  },
  extensions: [
    ppHealthApi,
    ppHealthPage,
    ppHealthServicesTab,
    ppHealthQueuesTab,
    ppHealthLogsTab,
    ppHealthAlertsTab,
    ppHealthThresholdsTab,
    ppHealthEntityContent,
    ppHealthEntityCard,
  ],
});
