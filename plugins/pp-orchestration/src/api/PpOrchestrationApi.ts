import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  PpAgentCreateRequest,
  PpAgentCreation,
  PpAgentCreationPage,
  PpAgentCreationQuery,
  PpAgentReadiness,
  PpCicdPipeline,
  PpHandoff,
  PpHandoffCreateRequest,
  PpPage,
  PpReadinessOverrideRequest,
  PpUpgrade,
  PpUpgradeList,
  PpUpgradeStartRequest,
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
  /** Starts an approved agent's code generation again (after a failure). */
  generateAgain(agentId: string): Promise<PpAgentCreation>;
  /** Whether the agent's entity is in the catalog yet (the generated agents are registered). */
  isInCatalog(agentId: string): Promise<boolean>;
  /** The agent's CI/CD pipeline: the five stages of its latest run. */
  getPipeline(agentId: string): Promise<PpCicdPipeline>;
  /** The handoff review queue (infrastructure engineers, admins), nearest deadline first. */
  listHandoffs(query?: {
    status?: 'pending' | 'accepted' | 'rejected';
    limit?: number;
    offset?: number;
  }): Promise<PpPage<PpHandoff>>;
  /** Submits the handoff checklist of a CI-passed creation. */
  submitHandoff(request: PpHandoffCreateRequest): Promise<PpHandoff>;
  /** Accepts a handoff: the agent becomes production ready. */
  acceptHandoff(handoffId: string, notes?: string): Promise<PpHandoff>;
  /** Rejects a handoff with what to fix. */
  rejectHandoff(handoffId: string, reason: string): Promise<PpHandoff>;
  /** The agent's operational readiness parameters, each with its source. */
  getReadiness(agentId: string): Promise<PpAgentReadiness>;
  /** Overrides platform readiness parameters of the agent, with a reason. */
  overrideReadiness(
    agentId: string,
    request: PpReadinessOverrideRequest,
  ): Promise<PpAgentReadiness>;
  /** Starts a blue-green upgrade of a production-ready agent. */
  startUpgrade(
    agentId: string,
    request: PpUpgradeStartRequest,
  ): Promise<PpUpgrade>;
  /** An agent's upgrades, newest first. */
  listUpgrades(agentId: string): Promise<PpUpgradeList>;
  /** One upgrade: status, traffic split, gates, steps. */
  getUpgrade(upgradeId: string): Promise<PpUpgrade>;
  /** Aborts an upgrade in progress: all traffic back to the current version. */
  abortUpgrade(upgradeId: string, reason: string): Promise<PpUpgrade>;
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
