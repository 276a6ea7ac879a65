import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { PpGeneratedAgent } from '@internal/plugin-pp-common';
import { PpPluginFetchDeps, ppPluginFetch } from '@internal/plugin-pp-node';
import { agentEntity } from '../domain/agentEntity';

/** Reads the generated agents (`GET /agents/generated` of pp-orchestration). */
export type GeneratedAgentsSource = () => Promise<PpGeneratedAgent[]>;

/** The generated agents over HTTP, as this catalog module's plugin principal (a viewer). */
export function httpGeneratedAgents(
  deps: PpPluginFetchDeps,
): GeneratedAgentsSource {
  return async () => {
    const res = await ppPluginFetch(
      deps,
      'pp-orchestration',
      '/agents/generated',
      {
        timeoutMs: 10_000,
      },
    );
    if (!res.ok) {
      throw new Error(
        `pp-orchestration answered ${res.status}: ${(await res.text()).slice(
          0,
          300,
        )}`,
      );
    }
    return ((await res.json()) as { items: PpGeneratedAgent[] }).items;
  };
}

/** `github.com/<owner>/<name>` of a GitHub repository URL, if it is one. */
function githubSlug(url: string): string | undefined {
  const m = /^https:\/\/github\.com\/([^/]+)\/([^/.]+?)(?:\.git)?\/?$/.exec(
    url,
  );
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** The catalog entity of a generated agent: its ai-agent Component, located at its repository. */
export function generatedAgentEntity(agent: PpGeneratedAgent): Entity {
  const entity = agentEntity({
    ...agent,
    github_slug: githubSlug(agent.repository_url),
  });
  const location = `url:${agent.repository_url}`;
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        [ANNOTATION_LOCATION]: `pp-orchestration:${agent.agent_id}`,
        [ANNOTATION_ORIGIN_LOCATION]: `pp-orchestration:${agent.agent_id}`,
        [ANNOTATION_SOURCE_LOCATION]: location,
      },
    },
  };
}

/**
 * The catalog's registrar of generated agents (the PP template does not register them itself):
 * for every creation whose code was generated, its ai-agent Component, lifecycle `experimental`
 * until the creation is production ready, then `production`. A full mutation on connect and on
 * every `refresh` (scheduled every few seconds, and when told of a change); a failed read leaves
 * the catalog as it was.
 */
export class AgentEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private last = '';

  constructor(
    private readonly source: GeneratedAgentsSource,
    private readonly logger?: LoggerService,
  ) {}

  getProviderName() {
    return 'pp-agent-creations';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
  }

  /** Reads the generated agents and replaces the provider's entities when they changed. */
  async refresh(): Promise<number | undefined> {
    if (!this.connection) return undefined;
    let agents: PpGeneratedAgent[];
    try {
      agents = await this.source();
    } catch (error) {
      this.logger?.warn(`Generated agents not read: ${error}`);
      return undefined;
    }
    const entities = agents.map(generatedAgentEntity);
    const key = JSON.stringify(entities);
    if (key === this.last) return entities.length;
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: `pp-orchestration:${entity.metadata.name}`,
      })),
    });
    this.last = key;
    return entities.length;
  }
}
