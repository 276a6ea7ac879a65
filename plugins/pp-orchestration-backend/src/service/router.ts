import {
  PpGuard,
  createPpApiRouter,
  ppAuditErrors,
} from '@internal/plugin-pp-node';
import { ppAgentCreationSchema } from '@internal/plugin-pp-common';
import { OrchestrationApi } from './orchestrationApi';
import { PipelineHandoffApi } from './pipelineHandoffApi';
import { addPipelineHandoffRoutes } from './pipelineHandoffRoutes';
import { CreationListApi, mountCreationList } from './creationList';

/**
 * HTTP of the Agent Orchestration block of the contract, relative to /pp/v1: the creation slice
 * (create, creation status), the CI/CD pipeline and the handoff (`pipelineHandoffRoutes.ts`).
 */
export async function createRouter(options: {
  api: OrchestrationApi;
  guard: PpGuard;
  /** the CI/CD pipeline and handoff routes (`pipelineHandoffRoutes.ts`) */
  pipelineHandoff?: PipelineHandoffApi;
  /** the portal's creations board (`GET /agents/creations`) */
  list?: CreationListApi;
}) {
  const { api, guard } = options;
  const routes = createPpApiRouter({
    pluginId: 'pp-orchestration',
    title: 'Agent orchestration',
    guard,
  });

  routes.post('/agents/create', {
    command: api.create,
    summary: 'Request a new agent (Genesis validates it at once)',
    description:
      'Records the creation and runs the Genesis gate in the same request: the answer is the creation `genesis_approved` (code generation comes next) or `genesis_rejected` with one reason per failed rule (customer sovereignty, data privacy, transparency, least privilege). A rejection is final: no role, admin included, can move the creation on. The requester is notified of the verdict.',
    status: 201,
    response: ppAgentCreationSchema,
  });
  routes.get('/agents/{agent_id}/creation-status', {
    command: api.creationStatus,
    summary: 'An agent creation’s state, Genesis verdict, step timings',
    description:
      'Its status, the moves allowed next, the Genesis verdict, every step attempt against the spec’s budget (Genesis 5 min, code generation 15 min, CI 35 min, handoff 2 days) with `overdue` flags, and the history.',
    response: ppAgentCreationSchema,
  });

  if (options.pipelineHandoff) {
    addPipelineHandoffRoutes(routes, options.pipelineHandoff);
  }
  // the portal's board: its own file, beside the contract routes
  if (options.list) mountCreationList(routes, options.list);

  routes.router.use(ppAuditErrors(guard));
  return routes;
}
