import {
  DiscoveryApi,
  FetchApi,
  createApiRef,
} from '@backstage/frontend-plugin-api';
import {
  PpHttpClient,
  PpPage,
  PpSlaCompliance,
  PpSlaComplianceListItem,
  PpSlaDefinition,
  PpSlaDefinitionCreate,
  PpSlaMaintenanceWindow,
} from '@internal/plugin-pp-common';

/** The pp-sla backend as the portal uses it. @public */
export interface PpSlaApi {
  listCompliance(query?: {
    status?: string;
    sort?: string;
    order?: 'asc' | 'desc';
    limit?: number;
    offset?: number;
  }): Promise<PpPage<PpSlaComplianceListItem>>;
  getCompliance(agentId: string): Promise<PpSlaCompliance>;
  /** A new SLA definition version for an agent (agent orchestrators and admins). */
  createDefinition(body: PpSlaDefinitionCreate): Promise<PpSlaDefinition>;
  /** Schedules a maintenance window (infrastructure engineers and admins). */
  createMaintenance(body: {
    agent_id?: string;
    service_id?: string;
    starts_at: string;
    ends_at: string;
    reason: string;
  }): Promise<PpSlaMaintenanceWindow>;
}

/** @public */
export const ppSlaApiRef = createApiRef<PpSlaApi>({ id: 'plugin.pp-sla' });

/** The HTTP client of the pp-sla backend (`/api/pp-sla`, also `/pp/v1`). @public */
export class PpSlaClient implements PpSlaApi {
  private readonly http: PpHttpClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = new PpHttpClient({ pluginId: 'pp-sla', ...options });
  }

  listCompliance(query: Parameters<PpSlaApi['listCompliance']>[0] = {}) {
    return this.http.request('GET', '/sla/compliance', {
      query: { ...query },
    }) as Promise<PpPage<PpSlaComplianceListItem>>;
  }

  getCompliance(agentId: string) {
    return this.http.request(
      'GET',
      `/agents/${encodeURIComponent(agentId)}/sla-compliance`,
    ) as Promise<PpSlaCompliance>;
  }

  createDefinition(body: PpSlaDefinitionCreate) {
    return this.http.request('POST', '/sla-definitions', {
      body,
    }) as Promise<PpSlaDefinition>;
  }

  createMaintenance(body: Parameters<PpSlaApi['createMaintenance']>[0]) {
    return this.http.request('POST', '/sla/maintenance-windows', {
      body,
    }) as Promise<PpSlaMaintenanceWindow>;
  }
}
