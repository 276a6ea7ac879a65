import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The knowledge sources of an industry, `/pp/knowledge` (`?industry=education`). */
export const rootRouteRef = createRouteRef();

/** One knowledge source: its runs, log, run now, pause and upload. */
export const sourceRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/sources/:sourceId',
});

/** One retuning proposal: Genesis' verdict, the admin's decision, the rollout. */
export const retuningRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/retuning/:retuningId',
});
