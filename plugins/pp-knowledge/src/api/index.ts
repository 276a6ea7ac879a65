import {
  DiscoveryApi,
  FetchApi,
  createApiRef,
} from '@backstage/frontend-plugin-api';
import {
  PpAgentKnowledge,
  PpHttpClient,
  PpKnowledgeConnectionTest,
  PpKnowledgeDiff,
  PpKnowledgeIndustry,
  PpKnowledgeRunPage,
  PpKnowledgeRun,
  PpKnowledgeSearch,
  PpKnowledgeSearchResult,
  PpKnowledgeSource,
  PpKnowledgeSourceCreate,
  PpKnowledgeSourceCreated,
  PpKnowledgeSourcePage,
  PpKnowledgeSourceQuery,
  PpKnowledgeSourceUpdate,
  PpKnowledgeUpload,
  PpKnowledgeVersionPage,
  PpRetuneRequest,
  PpRetuning,
  PpRetuningPage,
  PpRetuningStatus,
} from '@internal/plugin-pp-common';

/** The pp-knowledge backend as the portal uses it. @public */
export interface PpKnowledgeApi {
  /** Knowledge sources, filtered and paged. */
  listSources(query?: PpKnowledgeSourceQuery): Promise<PpKnowledgeSourcePage>;
  getSource(sourceId: string): Promise<PpKnowledgeSource>;
  /** Adds a source (industry managers and admins); a webhook source's secret is in the answer, once. */
  createSource(
    body: PpKnowledgeSourceCreate,
  ): Promise<PpKnowledgeSourceCreated>;
  /** Changes, pauses or resumes a source. */
  updateSource(
    sourceId: string,
    body: PpKnowledgeSourceUpdate,
  ): Promise<PpKnowledgeSource>;
  /** A test fetch of a source not saved yet (nothing is stored). */
  testConnection(
    body: PpKnowledgeSourceCreate,
  ): Promise<PpKnowledgeConnectionTest>;
  /** Starts a run of a source now. */
  runSource(sourceId: string): Promise<PpKnowledgeRun>;
  /** A source's runs, newest first. */
  listRuns(
    sourceId: string,
    query?: { limit?: number; offset?: number },
  ): Promise<PpKnowledgeRunPage>;
  /** A file for an upload source, ingested at once. */
  upload(sourceId: string, body: PpKnowledgeUpload): Promise<PpKnowledgeRun>;
  /** An industry's knowledge versions, newest first. */
  listVersions(
    industry: PpKnowledgeIndustry,
    query?: { limit?: number; offset?: number },
  ): Promise<PpKnowledgeVersionPage>;
  /** What changed between two versions (labels or ids; defaults: the newest and the one before). */
  diff(
    industry: PpKnowledgeIndustry,
    range?: { from?: string; to?: string },
  ): Promise<PpKnowledgeDiff>;
  search(
    industry: PpKnowledgeIndustry,
    body: PpKnowledgeSearch,
  ): Promise<PpKnowledgeSearchResult>;
  /** Proposes retuning an agent on a knowledge version. */
  retune(agentId: string, body: PpRetuneRequest): Promise<PpRetuning>;
  listRetunings(query?: {
    agent_id?: string;
    status?: PpRetuningStatus;
    industry?: PpKnowledgeIndustry;
    limit?: number;
    offset?: number;
  }): Promise<PpRetuningPage>;
  getRetuning(retuningId: string): Promise<PpRetuning>;
  /**
   * An admin approves a retuning Genesis approved; `version` (the one read) makes a stale
   * decision a 412 instead of deciding on what the admin did not see.
   */
  approveRetuning(
    retuningId: string,
    reason: string,
    version?: number,
  ): Promise<PpRetuning>;
  /** An admin declines a retuning Genesis approved (`version` as for approve). */
  declineRetuning(
    retuningId: string,
    reason: string,
    version?: number,
  ): Promise<PpRetuning>;
  /** The knowledge an agent runs on (its catalog Knowledge tab). */
  getAgentKnowledge(agentId: string): Promise<PpAgentKnowledge>;
}

/** @public */
export const ppKnowledgeApiRef = createApiRef<PpKnowledgeApi>({
  id: 'plugin.pp-knowledge',
});

const enc = encodeURIComponent;

/** `If-Match: "<version>"` for a write on what was read; none without a version. */
const ifMatch = (version?: number): Record<string, string> =>
  version === undefined ? {} : { 'If-Match': `"${version}"` };

/** The HTTP client of the pp-knowledge backend (`/api/pp-knowledge`, also `/pp/v1`). @public */
export class PpKnowledgeClient implements PpKnowledgeApi {
  private readonly http: PpHttpClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = new PpHttpClient({ pluginId: 'pp-knowledge', ...options });
  }

  listSources(query: PpKnowledgeSourceQuery = {}) {
    return this.http.request<PpKnowledgeSourcePage>(
      'GET',
      '/industry-knowledge/sources',
      { query: { ...query } },
    );
  }

  getSource(sourceId: string) {
    return this.http.request<PpKnowledgeSource>(
      'GET',
      `/industry-knowledge/sources/${enc(sourceId)}`,
    );
  }

  createSource(body: PpKnowledgeSourceCreate) {
    return this.http.request<PpKnowledgeSourceCreated>(
      'POST',
      '/industry-knowledge/sources',
      { body },
    );
  }

  updateSource(sourceId: string, body: PpKnowledgeSourceUpdate) {
    return this.http.request<PpKnowledgeSource>(
      'PUT',
      `/industry-knowledge/sources/${enc(sourceId)}`,
      { body },
    );
  }

  testConnection(body: PpKnowledgeSourceCreate) {
    return this.http.request<PpKnowledgeConnectionTest>(
      'POST',
      '/industry-knowledge/sources/test-connection',
      { body },
    );
  }

  runSource(sourceId: string) {
    return this.http.request<PpKnowledgeRun>(
      'POST',
      `/industry-knowledge/sources/${enc(sourceId)}/run`,
      { body: {} },
    );
  }

  listRuns(sourceId: string, query: { limit?: number; offset?: number } = {}) {
    return this.http.request<PpKnowledgeRunPage>(
      'GET',
      `/industry-knowledge/sources/${enc(sourceId)}/runs`,
      { query: { ...query } },
    );
  }

  upload(sourceId: string, body: PpKnowledgeUpload) {
    return this.http.request<PpKnowledgeRun>(
      'POST',
      `/industry-knowledge/sources/${enc(sourceId)}/upload`,
      { body },
    );
  }

  listVersions(
    industry: PpKnowledgeIndustry,
    query: { limit?: number; offset?: number } = {},
  ) {
    return this.http.request<PpKnowledgeVersionPage>(
      'GET',
      `/industry-knowledge/${enc(industry)}/versions`,
      { query: { ...query } },
    );
  }

  diff(
    industry: PpKnowledgeIndustry,
    range: { from?: string; to?: string } = {},
  ) {
    return this.http.request<PpKnowledgeDiff>(
      'GET',
      `/industry-knowledge/${enc(industry)}/diff`,
      { query: { ...range } },
    );
  }

  search(industry: PpKnowledgeIndustry, body: PpKnowledgeSearch) {
    return this.http.request<PpKnowledgeSearchResult>(
      'POST',
      `/industry-knowledge/${enc(industry)}/search`,
      { body },
    );
  }

  retune(agentId: string, body: PpRetuneRequest) {
    return this.http.request<PpRetuning>(
      'POST',
      `/agents/${enc(agentId)}/retune`,
      { body },
    );
  }

  listRetunings(query: Parameters<PpKnowledgeApi['listRetunings']>[0] = {}) {
    return this.http.request<PpRetuningPage>('GET', '/agent-retuning', {
      query: { ...query },
    });
  }

  getRetuning(retuningId: string) {
    return this.http.request<PpRetuning>(
      'GET',
      `/agent-retuning/${enc(retuningId)}`,
    );
  }

  approveRetuning(retuningId: string, reason: string, version?: number) {
    return this.http.request<PpRetuning>(
      'POST',
      `/agent-retuning/${enc(retuningId)}/approve`,
      { body: { reason }, headers: ifMatch(version) },
    );
  }

  declineRetuning(retuningId: string, reason: string, version?: number) {
    return this.http.request<PpRetuning>(
      'POST',
      `/agent-retuning/${enc(retuningId)}/decline`,
      { body: { reason }, headers: ifMatch(version) },
    );
  }

  getAgentKnowledge(agentId: string) {
    return this.http.request<PpAgentKnowledge>(
      'GET',
      `/agents/${enc(agentId)}/knowledge`,
    );
  }
}
