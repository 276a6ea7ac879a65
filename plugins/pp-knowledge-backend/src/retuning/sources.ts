import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ppAgentNameFromId } from '@internal/plugin-pp-common';
import type {
  RetuningAgent,
  RetuningAgents,
  RetuningComplaints,
} from './ports';
import { PpPluginFetchDeps, ppPluginFetch } from '@internal/plugin-pp-node';

/** The catalog as the retuning reads it (the catalog service's `getEntityByRef`). */
export interface RetuningCatalog {
  getEntityByRef(
    ref: string,
    options: { credentials: BackstageCredentials },
  ): Promise<
    | {
        metadata: {
          name: string;
          title?: string;
          labels?: Record<string, string>;
          annotations?: Record<string, string>;
        };
      }
    | undefined
  >;
}

const INDUSTRIES = ['marketing', 'education', 'sales'];

/** The agent's annotation naming the catalog entities of its evaluation services. */
export const EVALUATION_SERVICE_ANNOTATION = 'pp.waooaw.com/evaluation-service';

/** A catalog ref in its full lower-case form (kind `component` and namespace `default` when left out). */
export function normalEntityRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref.trim(), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    }),
  ).toLocaleLowerCase('en-US');
}

/** Who may report an agent's accuracy (see `RetuningAgent.evaluation_reporters`). */
function evaluationReporters(
  agentId: string,
  serviceId: string,
  annotation?: string,
): string[] {
  const refs = [
    `component:default/${agentId}`,
    `component:default/${serviceId}`,
    ...(annotation ?? '').split(',').filter(r => r.trim()),
  ].map(normalEntityRef);
  return [...new Set(refs)];
}

/**
 * Agents from the catalog (`component:default/<agent_id>`, type ai-agent): the title as its name,
 * the `pp.waooaw.com/industry` label as its industry, `pp.waooaw.com/service-id` (else the agent
 * id) as its health service. Without a catalog, or when the catalog cannot be read, the name comes
 * from the id (`ppAgentNameFromId`) and the industry from the request.
 */
export class CatalogRetuningAgents implements RetuningAgents {
  constructor(
    private readonly deps: {
      catalog?: RetuningCatalog;
      auth?: AuthService;
      logger?: LoggerService;
    },
  ) {}

  private fallback(agentId: string): RetuningAgent {
    return {
      agent_id: agentId,
      name: ppAgentNameFromId(agentId),
      industry: null,
      entity_ref: `component:default/${agentId}`,
      service_id: agentId,
      evaluation_reporters: evaluationReporters(agentId, agentId),
    };
  }

  async get(agentId: string): Promise<RetuningAgent | undefined> {
    const { catalog, auth } = this.deps;
    if (!catalog || !auth) return this.fallback(agentId);
    let entity;
    try {
      entity = await catalog.getEntityByRef(`component:default/${agentId}`, {
        credentials: await auth.getOwnServiceCredentials(),
      });
    } catch (error) {
      this.deps.logger?.warn(
        `Retuning: the catalog could not be read for ${agentId}: ${error}`,
      );
      return this.fallback(agentId);
    }
    if (!entity) return undefined;
    const label = entity.metadata.labels?.['pp.waooaw.com/industry'];
    const annotations = entity.metadata.annotations ?? {};
    const serviceId = annotations['pp.waooaw.com/service-id'] || agentId;
    return {
      agent_id: agentId,
      name: entity.metadata.title || ppAgentNameFromId(agentId),
      industry: label && INDUSTRIES.includes(label) ? label : null,
      entity_ref: `component:default/${agentId}`,
      service_id: serviceId,
      evaluation_reporters: evaluationReporters(
        agentId,
        serviceId,
        annotations[EVALUATION_SERVICE_ANNOTATION],
      ),
    };
  }
}

/**
 * Complaints: the helpdesk's tickets about the agent's entity created since green took traffic,
 * read over HTTP as the pp-knowledge plugin principal (`GET /tickets?entity_ref=&created_from=`,
 * paged). A helpdesk that cannot be read gives undefined: the complaints gate is inconclusive.
 */
export class HttpRetuningComplaints implements RetuningComplaints {
  constructor(
    private readonly deps: PpPluginFetchDeps & { logger?: LoggerService },
  ) {}

  async since(entityRef: string, since: Date): Promise<number | undefined> {
    try {
      let count = 0;
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const q = new URLSearchParams({
          entity_ref: entityRef,
          created_from: since.toISOString(),
          limit: '200',
        });
        if (cursor) q.set('cursor', cursor);
        const res = await ppPluginFetch(
          this.deps,
          'pp-helpdesk',
          `/tickets?${q}`,
          { timeoutMs: 10_000 },
        );
        if (!res.ok) {
          this.deps.logger?.warn(
            `Retuning complaints about ${entityRef}: the helpdesk answered ${res.status}`,
          );
          return undefined;
        }
        const body = (await res.json()) as {
          items?: Array<{ created_at?: string; entity_ref?: string | null }>;
          next_cursor?: string | null;
        };
        for (const t of body.items ?? []) {
          if (
            t.entity_ref === entityRef &&
            t.created_at &&
            Date.parse(t.created_at) >= since.getTime()
          ) {
            count++;
          }
        }
        cursor = body.next_cursor ?? undefined;
        if (!cursor) break;
      }
      return count;
    } catch (error) {
      this.deps.logger?.warn(
        `Retuning complaints about ${entityRef} could not be read: ${error}`,
      );
      return undefined;
    }
  }
}
