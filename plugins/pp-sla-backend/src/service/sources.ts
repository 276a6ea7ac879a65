import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  PpAgentCustomerContacts,
  PpHealthDay,
} from '@internal/plugin-pp-common';
import { PpPluginFetchDeps, ppPluginFetch } from '@internal/plugin-pp-node';

/** A helpdesk ticket as the SLA needs it. */
export interface TicketFacts {
  key: string;
  title: string;
  priority: string;
  entity_ref: string | null;
  created_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
}

/** An orchestration handoff as the OLA clocks need it. */
export interface HandoffFacts {
  id: string;
  agent_id: string;
  status: 'pending' | 'accepted' | 'rejected';
  submitted_at: Date;
  decided_at: Date | null;
}

/**
 * What the SLA plugin reads from the other PP plugins, never from their tables: the health
 * plugin's daily read model, the helpdesk's tickets, orchestration's handoffs and the
 * subscriptions' agent. `undefined` from a read means "could not be read" (a day is then left
 * as it was, never computed as "no downtime").
 */
export interface SlaSources {
  healthDays(
    serviceId: string,
    from: string,
    to: string,
  ): Promise<PpHealthDay[] | undefined>;
  tickets(filter: {
    entityRef?: string;
    priority?: string;
    since: Date;
  }): Promise<TicketFacts[] | undefined>;
  handoffs(): Promise<HandoffFacts[] | undefined>;
  subscriptionAgent(subscriptionId: string): Promise<string | undefined>;
  /**
   * The agents' catalog titles by agent id (one catalog read); an agent the catalog does not
   * know, or a catalog that cannot be read, is missing from the map.
   */
  agentNames(agentIds: readonly string[]): Promise<Map<string, string>>;
  /** The contacts of the agent's live subscriptions (subscriptions plugin); undefined: not read. */
  customerContacts(
    agentId: string,
  ): Promise<PpAgentCustomerContacts | undefined>;
  /** Creates a maintenance silence in the health plugin; its id, or undefined. */
  createMaintenanceSilence(input: {
    service_id: string;
    starts_at: string;
    ends_at: string;
    reason: string;
  }): Promise<string | undefined>;
}

const date = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);

/**
 * The other plugins over HTTP with this plugin's service credentials (a plugin-to-plugin token),
 * which their PP guards authorize as the pp-sla plugin principal (infrastructure engineer and
 * viewer: health and tickets read, the handoff queue, subscriptions read, maintenance silences);
 * the catalog through Backstage's catalog service (`catalogServiceRef`) with the same credentials.
 */
export class HttpSlaSources implements SlaSources {
  constructor(
    private readonly deps: PpPluginFetchDeps & {
      logger: LoggerService;
      catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
    },
  ) {}

  private async call(
    pluginId: string,
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<any | undefined> {
    try {
      const res = await ppPluginFetch(this.deps, pluginId, path, {
        ...init,
        timeoutMs: 15_000,
      });
      if (!res.ok) {
        if (res.status !== 404) {
          this.deps.logger.warn(
            `SLA: ${pluginId} answered ${res.status} to ${
              init.method ?? 'GET'
            } ${path}`,
          );
        }
        return undefined;
      }
      return await res.json();
    } catch (error) {
      this.deps.logger.warn(`SLA: ${pluginId} ${path} not read: ${error}`);
      return undefined;
    }
  }

  async healthDays(serviceId: string, from: string, to: string) {
    const body = await this.call(
      'pp-health',
      `/health/microservices/${encodeURIComponent(
        serviceId,
      )}/daily?from=${from}&to=${to}`,
    );
    return body?.days as PpHealthDay[] | undefined;
  }

  async tickets(filter: {
    entityRef?: string;
    priority?: string;
    since: Date;
  }) {
    const out: TicketFacts[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const q = new URLSearchParams({ limit: '200' });
      if (filter.entityRef) q.set('entity_ref', filter.entityRef);
      if (filter.priority) q.set('priority', filter.priority);
      // only the days being computed (the queue is in SLA due order, not by creation)
      q.set('created_from', filter.since.toISOString());
      if (cursor) q.set('cursor', cursor);
      const body = await this.call('pp-helpdesk', `/tickets?${q}`);
      if (!body) return undefined;
      for (const t of body.items ?? []) {
        const created = new Date(t.created_at);
        if (created < filter.since) continue;
        let resolved: Date | null = null;
        if (
          t.priority === 'critical' &&
          (t.status === 'resolved' || t.status === 'closed')
        ) {
          const full = await this.call(
            'pp-helpdesk',
            `/tickets/${encodeURIComponent(t.key)}`,
          );
          resolved = date(full?.resolved_at) ?? date(full?.closed_at);
        }
        out.push({
          key: String(t.key),
          title: String(t.title),
          priority: String(t.priority),
          entity_ref: t.entity_ref ?? null,
          created_at: created,
          first_response_at: date(t.sla?.first_response_at),
          resolved_at: resolved,
        });
      }
      cursor = body.next_cursor ?? undefined;
      if (!cursor) break;
    }
    return out;
  }

  async handoffs() {
    const out: HandoffFacts[] = [];
    for (const status of ['pending', 'accepted', 'rejected']) {
      for (let offset = 0; offset < 10_000; offset += 200) {
        const body = await this.call(
          'pp-orchestration',
          `/agent-handoff?status=${status}&limit=200&offset=${offset}`,
        );
        if (!body) return undefined;
        for (const h of body.items ?? []) {
          out.push({
            id: String(h.handoff_id),
            agent_id: String(h.agent_id),
            status: h.status,
            submitted_at: new Date(h.ola.submitted_at),
            decided_at: date(h.decided_at),
          });
        }
        if ((body.items ?? []).length < 200) break;
      }
    }
    return out;
  }

  async agentNames(agentIds: readonly string[]) {
    const ids = [...new Set(agentIds)];
    const names = new Map<string, string>();
    if (!ids.length) return names;
    try {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        {
          entityRefs: ids.map(id => `component:default/${id}`),
          fields: ['metadata.name', 'metadata.title'],
        },
        { credentials: await this.deps.auth.getOwnServiceCredentials() },
      );
      for (const e of items) {
        const { name, title } = e?.metadata ?? {};
        if (typeof name === 'string' && typeof title === 'string' && title) {
          names.set(name, title);
        }
      }
    } catch (error) {
      this.deps.logger.warn(
        `SLA: the catalog could not be read for the agents' names (${
          (error as Error).message
        }); their ids are shown in words`,
      );
    }
    return names;
  }

  async subscriptionAgent(subscriptionId: string) {
    const body = await this.call(
      'pp-subscriptions',
      `/subscriptions/${encodeURIComponent(subscriptionId)}`,
    );
    return body?.agent_id ? String(body.agent_id) : undefined;
  }

  async customerContacts(agentId: string) {
    const body = await this.call(
      'pp-subscriptions',
      `/subscriptions/agents/${encodeURIComponent(agentId)}/customer-contacts`,
    );
    if (!body || !Array.isArray(body.items)) return undefined;
    return {
      agent_id: agentId,
      agent_name: typeof body.agent_name === 'string' ? body.agent_name : null,
      items: (body.items as any[])
        .filter(i => typeof i?.contact_email === 'string')
        .map(i => ({
          subscription_id: String(i.subscription_id),
          customer_name: String(i.customer_name),
          contact_email: String(i.contact_email),
        })),
    };
  }

  async createMaintenanceSilence(input: {
    service_id: string;
    starts_at: string;
    ends_at: string;
    reason: string;
  }) {
    const body = await this.call('pp-health', '/health/silences', {
      method: 'POST',
      body: { kind: 'maintenance', ...input },
    });
    return body?.id ? String(body.id) : undefined;
  }
}
