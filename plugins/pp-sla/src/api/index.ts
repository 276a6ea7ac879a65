import {
  DiscoveryApi,
  FetchApi,
  createApiRef,
} from '@backstage/frontend-plugin-api';
import {
  PpHttpClient,
  PpOlaClock,
  PpOlaDefinition,
  PpOlaDefinitionCreate,
  PpPage,
  PpSlaBreach,
  PpSlaCompliance,
  PpSlaComplianceListItem,
  PpSlaCredit,
  PpSlaDefinition,
  PpSlaDefinitionCreate,
  PpSlaMaintenanceWindow,
} from '@internal/plugin-pp-common';

/** The pp-sla backend as the portal uses it. @public */
export interface PpSlaApi {
  listCompliance(query?: {
    status?: string;
    /** standard, premium or custom. */
    type?: string;
    /** Part of the agent id. */
    q?: string;
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
  /** SLA and OLA breaches, newest first. */
  listBreaches(query?: {
    agent_id?: string;
    kind?: 'sla' | 'ola';
    /** true: still breached; false: ended. */
    open?: boolean;
    limit?: number;
    offset?: number;
  }): Promise<PpPage<PpSlaBreach>>;
  /** Records a breach's root cause and the ticket about it (infrastructure engineers and admins). */
  updateBreach(
    breachId: string,
    body: { root_cause?: string | null; ticket_id?: string | null },
  ): Promise<PpSlaBreach>;
  /** Month-end SLA credits, newest month first (admins). */
  listCredits(query?: {
    limit?: number;
    offset?: number;
  }): Promise<PpPage<PpSlaCredit>>;
  /** The SLA credits as a CSV file (admins; the export is audited). */
  exportCredits(): Promise<Blob>;
  /** Every agent's SLA version in force (or one agent's versions), paged. */
  listDefinitions(query?: {
    agent_id?: string;
    limit?: number;
    offset?: number;
  }): Promise<PpPage<PpSlaDefinition>>;
  /** Maintenance windows of a service or an agent, newest first. */
  listMaintenance(query?: {
    service_id?: string;
    agent_id?: string;
    limit?: number;
    offset?: number;
  }): Promise<PpPage<PpSlaMaintenanceWindow>>;
  /** The OLAs, paged. */
  listOlas(query?: {
    limit?: number;
    offset?: number;
  }): Promise<PpPage<PpOlaDefinition>>;
  /** Defines an OLA between two teams (infrastructure engineers and admins). */
  createOla(body: PpOlaDefinitionCreate): Promise<PpOlaDefinition>;
  /** OLA clocks, nearest deadline first. */
  listOlaClocks(query?: {
    state?: PpOlaClock['state'];
    limit?: number;
    offset?: number;
  }): Promise<PpPage<PpOlaClock>>;
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

  listBreaches(query: Parameters<PpSlaApi['listBreaches']>[0] = {}) {
    return this.http.request('GET', '/sla/breaches', {
      query: { ...query },
    }) as Promise<PpPage<PpSlaBreach>>;
  }

  updateBreach(
    breachId: string,
    body: Parameters<PpSlaApi['updateBreach']>[1],
  ) {
    return this.http.request(
      'PUT',
      `/sla/breaches/${encodeURIComponent(breachId)}`,
      { body },
    ) as Promise<PpSlaBreach>;
  }

  listCredits(query: Parameters<PpSlaApi['listCredits']>[0] = {}) {
    return this.http.request('GET', '/sla/credits', {
      query: { ...query },
    }) as Promise<PpPage<PpSlaCredit>>;
  }

  /** The CSV as a Blob: the page saves it through an `<a download>`. */
  async exportCredits() {
    const response = await this.http.fetch('GET', '/sla/credits/export');
    return response.blob();
  }

  listDefinitions(query: Parameters<PpSlaApi['listDefinitions']>[0] = {}) {
    return this.http.request('GET', '/sla-definitions', {
      query: { ...query },
    }) as Promise<PpPage<PpSlaDefinition>>;
  }

  listMaintenance(query: Parameters<PpSlaApi['listMaintenance']>[0] = {}) {
    return this.http.request('GET', '/sla/maintenance-windows', {
      query: { ...query },
    }) as Promise<PpPage<PpSlaMaintenanceWindow>>;
  }

  listOlas(query: Parameters<PpSlaApi['listOlas']>[0] = {}) {
    return this.http.request('GET', '/ola-definitions', {
      query: { ...query },
    }) as Promise<PpPage<PpOlaDefinition>>;
  }

  createOla(body: PpOlaDefinitionCreate) {
    return this.http.request('POST', '/ola-definitions', {
      body,
    }) as Promise<PpOlaDefinition>;
  }

  listOlaClocks(query: Parameters<PpSlaApi['listOlaClocks']>[0] = {}) {
    return this.http.request('GET', '/ola/clocks', {
      query: { ...query },
    }) as Promise<PpPage<PpOlaClock>>;
  }
}
