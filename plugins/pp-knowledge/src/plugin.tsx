import {
  ApiBlueprint,
  PageBlueprint,
  coreApis,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import LibraryBooksIcon from '@material-ui/icons/LibraryBooks';
import { PpKnowledgeClient, ppKnowledgeApiRef } from './api';
import { retuningRouteRef, rootRouteRef, sourceRouteRef } from './routes';
import { isAiAgent } from './entity';

/** `api:pp-knowledge`: the HTTP client of the pp-knowledge backend. */
export const ppKnowledgeApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: ppKnowledgeApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new PpKnowledgeClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:pp-knowledge`: an industry's knowledge at `/pp/knowledge`, its changes, search and retuning. */
export const ppKnowledgePage = PageBlueprint.make({
  params: {
    path: '/pp/knowledge',
    // the sidebar's entry: "Industry knowledge" does not fit it
    title: 'Knowledge',
    icon: <LibraryBooksIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/KnowledgePage').then(m => <m.KnowledgePage />),
  },
});

/** `entity-content:pp-knowledge/knowledge`: the Knowledge tab of an AI agent. */
export const ppKnowledgeEntityContent = EntityContentBlueprint.make({
  name: 'knowledge',
  params: {
    path: 'knowledge',
    title: 'Knowledge',
    filter: isAiAgent,
    loader: () =>
      import('./components/EntityKnowledgeContent').then(m => (
        <m.EntityKnowledgeContent />
      )),
  },
});

/**
 * The Platform Portal's industry knowledge (spec Stage 8): each industry's sources and their runs,
 * what changed between knowledge versions, search, agent retuning proposals and the Knowledge tab
 * of AI agents.
 *
 * @public
 */
export const ppKnowledgePlugin = createFrontendPlugin({
  pluginId: 'pp-knowledge',
  title: 'Industry knowledge',
  icon: <LibraryBooksIcon fontSize="inherit" />,
  routes: {
    root: rootRouteRef,
    source: sourceRouteRef,
    retuning: retuningRouteRef,
  },
  extensions: [ppKnowledgeApi, ppKnowledgePage, ppKnowledgeEntityContent],
});
