import {
  ApiBlueprint,
  PageBlueprint,
  coreApis,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import { PpOrchestrationClient, ppOrchestrationApiRef } from './api';
import { creationRouteRef, rootRouteRef } from './routes';

/** `api:pp-orchestration`: the HTTP client of the pp-orchestration backend. */
export const ppOrchestrationApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: ppOrchestrationApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new PpOrchestrationClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:pp-orchestration`: the board at `/pp/orchestration` and the creation pages under it. */
export const ppOrchestrationPage = PageBlueprint.make({
  params: {
    path: '/pp/orchestration',
    title: 'Orchestration',
    icon: <AccountTreeIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/OrchestrationPage').then(m => (
        <m.OrchestrationPage />
      )),
  },
});

/**
 * The Platform Portal's agent orchestration (spec Stage 6): the creations board, the "Create
 * agent" wizard with Genesis's verdict, and each creation's page (verdict, step timings against
 * budget, history).
 *
 * @public
 */
export const ppOrchestrationPlugin = createFrontendPlugin({
  pluginId: 'pp-orchestration',
  title: 'Orchestration',
  icon: <AccountTreeIcon fontSize="inherit" />,
  routes: {
    root: rootRouteRef,
    creation: creationRouteRef,
  },
  extensions: [ppOrchestrationApi, ppOrchestrationPage],
});
