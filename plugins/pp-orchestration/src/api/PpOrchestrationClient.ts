import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  PpAgentCreateRequest,
  PpAgentCreation,
  PpAgentCreationPage,
  PpAgentCreationQuery,
  PpAgentReadiness,
  PpCicdPipeline,
  PpHandoff,
  PpHandoffCreateRequest,
  PpHttpClient,
  PpPage,
  PpReadinessOverrideRequest,
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

  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {
    this.http = new PpHttpClient({ pluginId: 'pp-orchestration', ...options });
  }

  generateAgain(agentId: string): Promise<PpAgentCreation> {
    return this.http.request(
      'POST',
      `/agents/${encodeURIComponent(agentId)}/generate`,
      { body: {} },
    );
  }

  async isInCatalog(agentId: string): Promise<boolean> {
    const base = await this.options.discoveryApi.getBaseUrl('catalog');
    const res = await this.options.fetchApi.fetch(
      `${base}/entities/by-name/component/default/${encodeURIComponent(
        agentId,
      )}`,
    );
    return res.ok;
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

  getReadiness(agentId: string): Promise<PpAgentReadiness> {
    return this.http.request(
      'GET',
      `/agents/${encodeURIComponent(agentId)}/readiness`,
    );
  }

  overrideReadiness(
    agentId: string,
    request: PpReadinessOverrideRequest,
  ): Promise<PpAgentReadiness> {
    return this.http.request(
      'PUT',
      `/agents/${encodeURIComponent(agentId)}/readiness`,
      { body: request },
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
