import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PpMicroserviceDetail } from '@internal/plugin-pp-common';
import { PpPluginFetchDeps, ppPluginFetch } from '@internal/plugin-pp-node';

/** The health plugin's last check of an agent, as the handoff checklist needs it. */
export interface AgentHealthFacts {
  /** undefined: the health plugin does not know the agent, or could not be asked (unverifiable) */
  lastCheck(
    agentId: string,
  ): Promise<{ healthy: boolean; checked_at: Date } | undefined>;
}

/**
 * The health plugin over HTTP, as Backstage plugins call each other (never its tables): its
 * address from discovery and a plugin-to-plugin token of this plugin's service credentials, which
 * the health plugin's PP guard authorizes as this plugin's principal (a viewer). The agent is the
 * monitored service whose id is the agent id. Any failure (not monitored, health plugin down or
 * refusing) leaves the item unverifiable instead of failing the handoff.
 */
export class HttpAgentHealthFacts implements AgentHealthFacts {
  constructor(
    private readonly deps: PpPluginFetchDeps & { logger?: LoggerService },
  ) {}

  async lastCheck(agentId: string) {
    try {
      const res = await ppPluginFetch(
        this.deps,
        'pp-health',
        `/health/microservices/${encodeURIComponent(agentId)}`,
      );
      if (!res.ok) {
        if (res.status !== 404) {
          this.deps.logger?.warn(
            `Health of ${agentId} for its handoff: the health plugin answered ${res.status}`,
          );
        }
        return undefined;
      }
      const body = (await res.json()) as Partial<PpMicroserviceDetail>;
      const last = [...(body.recent_checks ?? [])]
        .filter(c => c.source === 'check')
        .sort((a, b) => Date.parse(b.checked_at) - Date.parse(a.checked_at))[0];
      if (!last) return undefined;
      return {
        healthy: last.status === 'up',
        checked_at: new Date(last.checked_at),
      };
    } catch (error) {
      this.deps.logger?.warn(
        `Health of ${agentId} for its handoff could not be read: ${error}`,
      );
      return undefined;
    }
  }
}
