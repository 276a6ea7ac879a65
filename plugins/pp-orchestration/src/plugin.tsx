import {
  ApiBlueprint,
  PageBlueprint,
  coreApis,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
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

/** AI agents (Components of type `ai-agent`) get a Creation tab. */
export function isAgentEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    String(entity.spec?.type ?? '') === 'ai-agent'
  );
}

/** `entity-content:pp-orchestration/creation`: the Creation tab of AI agents. */
export const ppOrchestrationEntityContent = EntityContentBlueprint.make({
  name: 'creation',
  params: {
    path: 'creation',
    title: 'Creation',
    filter: isAgentEntity,
    loader: () =>
      import('./components/EntityCreationContent').then(m => (
        <m.EntityCreationContent />
      )),
  },
});

/**
 * The Platform Portal's agent orchestration (spec Stage 6): the creations board, the "Create
 * agent" wizard with Genesis's verdict, and each creation's page (verdict, step timings against
 * budget, history, operational readiness) and the Creation tab of AI agents.
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
  extensions: [
    ppOrchestrationApi,
    ppOrchestrationPage,
    ppOrchestrationEntityContent,
  ],
});
