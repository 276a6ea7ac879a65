import type { RootConfigService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  PP_READINESS_PARAMETERS,
  PpAgentReadiness,
  PpPlatformReadiness,
  PpReadinessOverrideRequest,
  ppPlatformReadinessSchema,
  ppReadinessParameterPath,
} from '@internal/plugin-pp-common';
import type { PpPrincipal } from '@internal/plugin-pp-node';
import type { CreationStore } from '../database/CreationStore';
import type { ReadinessStore } from '../database/ReadinessStore';
import {
  READINESS_SPEC_DEFAULTS,
  ReadinessVersion,
  applyChanges,
  attribution,
  effectiveValues,
  readParameter,
  requestedChanges,
} from '../domain/readiness';
import type { CustomerSettingsReader } from './CustomerSettings';
import type { PeopleNames } from './peopleNames';

/** Config key of each parameter under `pp.orchestration.readiness`. */
const CONFIG_KEYS: Record<string, string> = {
  'rate_limits.api_calls_per_minute': 'rateLimits.apiCallsPerMinute',
  'rate_limits.llm_tokens_per_hour': 'rateLimits.llmTokensPerHour',
  'quotas.concurrent_executions': 'quotas.concurrentExecutions',
  'quotas.memory_gb': 'quotas.memoryGb',
  'quotas.cpu': 'quotas.cpu',
  'monitoring.check_interval_seconds': 'monitoring.checkIntervalSeconds',
  'monitoring.log_retention_days': 'monitoring.logRetentionDays',
  'monitoring.metric_retention_days': 'monitoring.metricRetentionDays',
};

/**
 * The platform defaults: `pp.orchestration.readiness.*`, each falling back to the spec's value.
 * A configured value outside the parameter's bounds stops the plugin at start-up.
 */
export function readReadinessDefaults(
  config: RootConfigService,
): PpPlatformReadiness {
  const out = structuredClone(READINESS_SPEC_DEFAULTS);
  for (const p of PP_READINESS_PARAMETERS) {
    const key = `pp.orchestration.readiness.${
      CONFIG_KEYS[ppReadinessParameterPath(p)]
    }`;
    const value = config.getOptionalNumber(key);
    if (value === undefined) continue;
    if (
      value < p.min ||
      value > p.max ||
      (p.integer && !Number.isInteger(value))
    ) {
      throw new Error(
        `${key} must be ${p.integer ? 'a whole number ' : ''}between ${
          p.min
        } and ${p.max} (${p.unit}); it is ${value}`,
      );
    }
    (out[p.group] as Record<string, number>)[p.key] = value;
  }
  return ppPlatformReadinessSchema.parse(out);
}

const HISTORY_LIMIT = 100;

/**
 * An agent's operational readiness: the platform values (defaults and the agent's overrides),
 * each with its source, and the customers' settings read from the Customer Portal through the
 * subscriptions plugin.
 */
export class Readiness {
  constructor(
    private readonly deps: {
      store: ReadinessStore;
      creations: Pick<CreationStore, 'getByAgentId'>;
      defaults: PpPlatformReadiness;
      customer?: CustomerSettingsReader;
      names?: PeopleNames;
      now?: () => Date;
    },
  ) {}

  private async requireAgent(agentId: string) {
    const creation = await this.deps.creations.getByAgentId(agentId);
    if (!creation) throw new NotFoundError(`No agent creation ${agentId}`);
    return creation;
  }

  /**
   * The platform values the agent's deployment manifest carries (`deploy/manifest.yaml`);
   * undefined for an agent PP has no creation of.
   */
  async effectiveReadiness(
    agentId: string,
  ): Promise<PpPlatformReadiness | undefined> {
    if (!(await this.deps.creations.getByAgentId(agentId))) return undefined;
    const [latest] = await this.deps.store.history(agentId, 1);
    return effectiveValues(this.deps.defaults, latest?.overrides ?? {});
  }

  async get(agentId: string): Promise<PpAgentReadiness> {
    await this.requireAgent(agentId);
    const history = await this.deps.store.history(agentId, HISTORY_LIMIT);
    const customer = this.deps.customer
      ? await this.deps.customer.forAgent(agentId)
      : {
          ok: false as const,
          message:
            'No Customer Portal connection is configured, so the customers’ settings are not shown.',
        };
    return this.view(agentId, history, customer);
  }

  async override(
    agentId: string,
    request: {
      overrides: PpReadinessOverrideRequest['overrides'];
      reason: string;
    },
    by: PpPrincipal,
  ): Promise<{ readiness: PpAgentReadiness; version: ReadinessVersion }> {
    const creation = await this.requireAgent(agentId);
    if (creation.status === 'genesis_rejected') {
      // a rejected agent never runs: nothing of it may move on, its limits included
      throw new ConflictError(
        `${creation.agent_name} was rejected by Genesis, which is final: its operational readiness cannot be changed`,
      );
    }
    const [latest] = await this.deps.store.history(agentId, 1);
    const { overrides, changes } = applyChanges(
      latest?.overrides ?? {},
      requestedChanges(request.overrides),
      this.deps.defaults,
    );
    const version: ReadinessVersion = {
      agent_id: agentId,
      version: (latest?.version ?? 0) + 1,
      overrides,
      changes,
      reason: request.reason.trim(),
      created_by: by.ref,
      created_by_id: by.kind === 'bootstrap' ? null : by.id,
      created_at: this.deps.now?.() ?? new Date(),
    };
    if (!(await this.deps.store.append(version))) {
      throw new ConflictError(
        `The readiness of ${agentId} was changed meanwhile; reload it and try again`,
      );
    }
    return { readiness: await this.get(agentId), version };
  }

  private async view(
    agentId: string,
    history: ReadinessVersion[],
    customer: Awaited<ReturnType<CustomerSettingsReader['forAgent']>>,
  ): Promise<PpAgentReadiness> {
    const latest = history[0];
    const overrides = latest?.overrides ?? {};
    const platform = effectiveValues(this.deps.defaults, overrides);
    const names = this.deps.names
      ? await this.deps.names(history.map(v => v.created_by))
      : {};
    const source = (v: ReadinessVersion) => ({
      version: v.version,
      by: v.created_by,
      by_name: names[v.created_by] ?? null,
      at: v.created_at.toISOString(),
      reason: v.reason,
    });
    const byPath = attribution(history);
    return {
      agent_id: agentId,
      platform,
      parameters: PP_READINESS_PARAMETERS.map(p => {
        const path = ppReadinessParameterPath(p);
        const overridden = overrides[path] !== undefined;
        const v = overridden ? byPath.get(path) : undefined;
        return {
          group: p.group,
          key: p.key,
          title: p.title,
          unit: p.unit,
          value: readParameter(platform, path),
          default: readParameter(this.deps.defaults, path),
          min: p.min,
          max: p.max,
          integer: p.integer,
          source: overridden
            ? ('override' as const)
            : ('config_default' as const),
          ...(v ? { override: source(v) } : {}),
        };
      }),
      version: latest?.version ?? 0,
      history: history.map(v => ({ ...source(v), changes: v.changes })),
      customer: customer.ok
        ? {
            status: 'available',
            source: customer.settings.source,
            message: null,
            subscriptions: customer.settings.subscriptions,
          }
        : {
            status: 'unavailable',
            source: null,
            message: customer.message,
            subscriptions: [],
          },
    };
  }
}
