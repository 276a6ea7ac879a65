import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  PpAgentCreateRequest,
  PpAgentCreation,
  PpAgentCreationPage,
  PpAgentCreationQuery,
} from '@internal/plugin-pp-common';

/**
 * The pp-orchestration backend as the orchestration UI uses it. Every method rejects with a
 * `ResponseError` from `@backstage/errors` when the server answers with an error status.
 *
 * @public
 */
export interface PpOrchestrationApi {
  /** The creations board: filters, sort, pages. */
  listCreations(query?: PpAgentCreationQuery): Promise<PpAgentCreationPage>;
  /** Requests an agent: Genesis decides in the same call (approved or rejected). */
  createAgent(request: PpAgentCreateRequest): Promise<PpAgentCreation>;
  /** One creation: state, Genesis verdict, step timings, history. */
  getCreation(agentId: string): Promise<PpAgentCreation>;
}

/**
 * The {@link PpOrchestrationApi} of the pp-orchestration plugin.
 *
 * @public
 */
export const ppOrchestrationApiRef = createApiRef<PpOrchestrationApi>().with({
  id: 'plugin.pp-orchestration.api',
  pluginId: 'pp-orchestration',
});
