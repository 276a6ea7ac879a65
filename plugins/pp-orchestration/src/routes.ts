import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The creations board, `/pp/orchestration`; one creation is `/pp/orchestration/:agentId`. */
export const rootRouteRef = createRouteRef();

/** One agent creation's page. */
export const creationRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:agentId',
});
