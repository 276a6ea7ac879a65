import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  PpAlertThresholdList,
  PpPage,
  PpSlaDefinition,
} from '@internal/plugin-pp-common';
import {
  PpPluginFetchDeps,
  ppAnswerSentence,
  ppPluginFetch,
} from '@internal/plugin-pp-node';

/**
 * What PP found out about one checklist item: `verified` (the fact holds), `contradicted` (it does
 * not: the item fails whatever the evidence says) or `unknown` (PP could not tell: the evidence
 * decides), with a sentence saying which and why.
 */
export interface FactReading {
  state: 'verified' | 'contradicted' | 'unknown';
  sentence: string;
}

/** "Alert thresholds configured" for an agent. */
export interface AlertThresholdFacts {
  forAgent(agentId: string): Promise<FactReading>;
}

/** "On-call engineer assigned" for an agent. */
export interface OnCallFacts {
  forAgent(agentId: string): Promise<FactReading>;
}

/**
 * "SLA defined and agreed" for an agent: `HttpSlaFacts` asks the SLA/OLA plugin
 * (`GET /pp/v1/sla-definitions?agent_id=`); without that plugin, `noSlaPlugin`.
 */
export interface SlaFacts {
  forAgent(agentId: string): Promise<FactReading>;
}

/** The alert rules of the health plugin that apply to every monitored service. */
export const SERVICE_ALERT_RULES = [
  'service_down',
  'high_error_rate',
  'high_cpu_memory',
] as const;

/**
 * The health plugin over HTTP with this plugin's service credentials. Its alert thresholds are
 * global rules, one per alert type, applied to every service it monitors: there are no per-agent
 * thresholds. So "configured for the agent" means: the health plugin monitors the agent (a
 * service whose id is the agent id) AND the rules that watch a service (service down, high error
 * rate, high CPU or memory) are enabled. Not monitored or a rule disabled contradicts the item;
 * a health plugin that cannot be read leaves it unknown.
 */
export class HttpAlertThresholdFacts implements AlertThresholdFacts {
  constructor(
    private readonly deps: PpPluginFetchDeps & { logger?: LoggerService },
  ) {}

  async forAgent(agentId: string): Promise<FactReading> {
    try {
      const service = await ppPluginFetch(
        this.deps,
        'pp-health',
        `/health/microservices/${encodeURIComponent(agentId)}`,
      );
      // The health plugin monitors catalog services; a new agent is not among them until it is
      // registered as one. PP cannot tell then: the evidence decides (a contradiction would block
      // every handoff of an agent the health plugin does not watch yet).
      if (service.status === 404) {
        return {
          state: 'unknown',
          sentence:
            'The health plugin does not monitor this agent yet, so PP cannot tell which alert rules apply to it; the evidence decides.',
        };
      }
      if (!service.ok)
        return this.unreadable(agentId, await ppAnswerSentence(service));
      const res = await ppPluginFetch(
        this.deps,
        'pp-health',
        '/health/alert-thresholds',
      );
      if (!res.ok) return this.unreadable(agentId, await ppAnswerSentence(res));
      const { items } = (await res.json()) as PpAlertThresholdList;
      const rules = SERVICE_ALERT_RULES.map(type =>
        items?.find(r => r.alert_type === type),
      );
      if (rules.some(r => !r)) {
        return this.unreadable(
          agentId,
          'did not list every service alert rule',
        );
      }
      const off = rules.filter(r => !r!.enabled).map(r => r!.title);
      if (off.length) {
        return {
          state: 'contradicted',
          sentence: `The health plugin monitors this agent, but its ${off.join(
            ' and ',
          )} alert ${off.length === 1 ? 'rule is' : 'rules are'} turned off.`,
        };
      }
      return {
        state: 'verified',
        sentence:
          'The health plugin monitors this agent with its service alert rules (service down, high error rate, high CPU or memory) turned on; the thresholds are the same for every service.',
      };
    } catch (error) {
      return this.unreadable(agentId, `could not be reached (${error})`);
    }
  }

  private unreadable(agentId: string, why: string): FactReading {
    this.deps.logger?.warn(
      `Alert thresholds of ${agentId} for its handoff: the health plugin ${why}`,
    );
    return {
      state: 'unknown',
      sentence:
        'PP could not read the health plugin’s alert rules, so the evidence decides.',
    };
  }
}

/** The annotation of a catalog Group naming who is on call for its services. */
export const ON_CALL_ANNOTATION = 'pp.waooaw.com/on-call';

/** The catalog, as the on-call reader needs it (`catalogServiceRef`). */
export interface CatalogEntities {
  getEntityByRef(
    ref: string,
    options: {
      credentials: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>;
    },
  ): Promise<Entity | undefined>;
}

/**
 * The catalog with this plugin's service credentials: the agent's entity is the Component named
 * by the agent id; its owner (`spec.owner`) must be a Group whose `pp.waooaw.com/on-call`
 * annotation names who is on call (an e-mail address or the rotation's link). No such annotation
 * (or an owner that is not a group) contradicts the item; an agent not in the catalog yet, or a
 * catalog that cannot be read, leaves it unknown.
 */
export class CatalogOnCallFacts implements OnCallFacts {
  constructor(
    private readonly deps: {
      catalog: CatalogEntities;
      auth: AuthService;
      logger?: LoggerService;
    },
  ) {}

  async forAgent(agentId: string): Promise<FactReading> {
    try {
      const credentials = await this.deps.auth.getOwnServiceCredentials();
      const entity = await this.deps.catalog.getEntityByRef(
        `component:default/${agentId}`,
        { credentials },
      );
      if (!entity) {
        return {
          state: 'unknown',
          sentence:
            'The agent is not in the catalog yet, so PP cannot see its owner team; the evidence decides.',
        };
      }
      const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
      if (typeof owner !== 'string' || !owner.trim()) {
        return {
          state: 'contradicted',
          sentence: 'The agent’s catalog entry names no owner team.',
        };
      }
      const ownerRef = parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
      if (ownerRef.kind.toLocaleLowerCase('en-US') !== 'group') {
        return {
          state: 'contradicted',
          sentence:
            'The agent’s owner in the catalog is a person, not a team, so no on-call rotation is named.',
        };
      }
      const group = await this.deps.catalog.getEntityByRef(
        stringifyEntityRef(ownerRef),
        { credentials },
      );
      if (!group) {
        return {
          state: 'contradicted',
          sentence: `The agent’s owner team (${ownerRef.name}) is not in the catalog.`,
        };
      }
      const team = group.metadata.title ?? group.metadata.name;
      const onCall = group.metadata.annotations?.[ON_CALL_ANNOTATION]?.trim();
      if (!onCall) {
        return {
          state: 'contradicted',
          sentence: `The owner team ${team} names no on-call engineer in the catalog.`,
        };
      }
      return {
        state: 'verified',
        sentence: `The owner team ${team} names its on-call engineer in the catalog (${onCall}).`,
      };
    } catch (error) {
      this.deps.logger?.warn(
        `On-call of ${agentId} for its handoff could not be read: ${error}`,
      );
      return {
        state: 'unknown',
        sentence:
          'PP could not read the catalog, so the evidence decides who is on call.',
      };
    }
  }
}

/**
 * No SLA/OLA plugin is installed: PP cannot check an SLA, and says so. The SLA/OLA plugin
 * replaces this with a reader of its own.
 */
export const noSlaPlugin: SlaFacts = {
  async forAgent() {
    return {
      state: 'unknown',
      sentence:
        'No SLA/OLA plugin is installed, so PP cannot check the SLA; the evidence decides.',
    };
  },
};

/**
 * The SLA/OLA plugin over HTTP with this plugin's service credentials: the agent's SLA definition
 * in force now verifies the item (with its targets in the sentence); none — or only one that takes
 * effect later — contradicts it: the infrastructure engineers cannot accept an agent whose SLA is
 * not defined. A plugin that is not installed (404) says so like `noSlaPlugin`; one that cannot
 * be read leaves the item unknown.
 */
export class HttpSlaFacts implements SlaFacts {
  constructor(
    private readonly deps: PpPluginFetchDeps & {
      logger?: LoggerService;
      now?: () => Date;
    },
  ) {}

  async forAgent(agentId: string): Promise<FactReading> {
    let res: Response;
    try {
      res = await ppPluginFetch(
        this.deps,
        'pp-sla',
        `/sla-definitions?agent_id=${encodeURIComponent(agentId)}&limit=100`,
      );
    } catch (error) {
      return this.unreadable(agentId, `could not be reached (${error})`);
    }
    if (res.status === 404) return noSlaPlugin.forAgent(agentId);
    if (!res.ok) return this.unreadable(agentId, await ppAnswerSentence(res));
    const { items } = (await res.json()) as PpPage<PpSlaDefinition>;
    const now = (this.deps.now?.() ?? new Date()).getTime();
    const inForce = (items ?? []).find(
      d =>
        Date.parse(d.effective_from) <= now &&
        (!d.effective_to || Date.parse(d.effective_to) > now),
    );
    if (!inForce) {
      const later = (items ?? []).find(d => Date.parse(d.effective_from) > now);
      return {
        state: 'contradicted',
        sentence: later
          ? `The agent’s SLA takes effect only on ${later.effective_from.slice(
              0,
              10,
            )}; none is in force yet.`
          : 'No SLA is defined for this agent yet: an agent orchestrator defines it on the SLA page.',
      };
    }
    const t = inForce.targets;
    return {
      state: 'verified',
      sentence: `A ${inForce.type} SLA (version ${
        inForce.version
      }) is in force since ${inForce.effective_from.slice(
        0,
        10,
      )}: response time (p95) under ${
        t.response_time_p95_ms
      } ms, uptime at least ${t.uptime_percent} %, error rate under ${
        t.error_rate_percent
      } %.`,
    };
  }

  private unreadable(agentId: string, why: string): FactReading {
    this.deps.logger?.warn(
      `SLA of ${agentId} for its handoff: the SLA/OLA plugin ${why}`,
    );
    return {
      state: 'unknown',
      sentence:
        'PP could not read the SLA/OLA plugin, so the evidence decides whether the SLA is defined.',
    };
  }
}
