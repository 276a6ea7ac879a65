import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  PpAgentCreateRequest,
  PpAgentCreation,
  PpAgentCreationPage,
  PpAgentCreationQuery,
  PpCicdPipeline,
  PpHandoff,
  PpHandoffCreateRequest,
  PpHttpClient,
  PpPage,
  PpUpgrade,
  PpUpgradeList,
  PpUpgradeStartRequest,
} from '@internal/plugin-pp-common';
import { PpOrchestrationApi } from './PpOrchestrationApi';

/**
 * The HTTP client of the pp-orchestration backend (`/api/pp-orchestration`, also `/pp/v1`). The
 * only place that knows its URLs.
 *
 * @public
 */
export class PpOrchestrationClient implements PpOrchestrationApi {
  private readonly http: PpHttpClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = new PpHttpClient({ pluginId: 'pp-orchestration', ...options });
  }

  listCreations(
    query: PpAgentCreationQuery = {},
  ): Promise<PpAgentCreationPage> {
    return this.http.request('GET', '/agents/creations', {
      query: { ...query },
    });
  }

  createAgent(request: PpAgentCreateRequest): Promise<PpAgentCreation> {
    return this.http.request('POST', '/agents/create', { body: request });
  }

  getCreation(agentId: string): Promise<PpAgentCreation> {
    return this.http.request(
      'GET',
      `/agents/${encodeURIComponent(agentId)}/creation-status`,
    );
  }

  getPipeline(agentId: string): Promise<PpCicdPipeline> {
    return this.http.request(
      'GET',
      `/agents/${encodeURIComponent(agentId)}/cicd-pipeline`,
    );
  }

  listHandoffs(
    query: {
      status?: 'pending' | 'accepted' | 'rejected';
      limit?: number;
      offset?: number;
    } = {},
  ): Promise<PpPage<PpHandoff>> {
    return this.http.request('GET', '/agent-handoff', { query: { ...query } });
  }

  submitHandoff(request: PpHandoffCreateRequest): Promise<PpHandoff> {
    return this.http.request('POST', '/agent-handoff', { body: request });
  }

  acceptHandoff(handoffId: string, notes?: string): Promise<PpHandoff> {
    return this.http.request(
      'POST',
      `/agent-handoff/${encodeURIComponent(handoffId)}/accept`,
      { body: notes ? { notes } : {} },
    );
  }

  rejectHandoff(handoffId: string, reason: string): Promise<PpHandoff> {
    return this.http.request(
      'POST',
      `/agent-handoff/${encodeURIComponent(handoffId)}/reject`,
      { body: { reason } },
    );
  }

  startUpgrade(
    agentId: string,
    request: PpUpgradeStartRequest,
  ): Promise<PpUpgrade> {
    return this.http.request(
      'POST',
      `/agents/${encodeURIComponent(agentId)}/upgrades`,
      { body: request },
    );
  }

  listUpgrades(agentId: string): Promise<PpUpgradeList> {
    return this.http.request(
      'GET',
      `/agents/${encodeURIComponent(agentId)}/upgrades`,
    );
  }

  getUpgrade(upgradeId: string): Promise<PpUpgrade> {
    return this.http.request(
      'GET',
      `/upgrades/${encodeURIComponent(upgradeId)}`,
    );
  }

  abortUpgrade(upgradeId: string, reason: string): Promise<PpUpgrade> {
    return this.http.request(
      'POST',
      `/upgrades/${encodeURIComponent(upgradeId)}/abort`,
      { body: { reason } },
    );
  }
}
