/*
 * Operational readiness of an agent (spec Stage 6, issue #15): the platform-managed parameters
 * (rate limits, quotas, monitoring) are configuration defaults; an orchestrator may override them
 * per agent, always with a reason, within each parameter's bounds (`PP_READINESS_PARAMETERS`).
 *
 * Decided here where the spec is silent:
 * - An override change names only the parameters it changes (a number sets it, `null` goes back
 *   to the default); the others keep their value. Each change is a new version holding the whole
 *   override set after it, so the history shows what was in force when.
 * - A parameter's source is the latest version that changed it (who, when, why); a parameter no
 *   version changed, or whose latest change was `null`, is the configuration default.
 * - A change that changes nothing (every value already in force) is refused: nothing to audit.
 * - "6-month logs" is 183 days.
 */
import { InputError } from '@backstage/errors';
import {
  PP_READINESS_PARAMETERS,
  PpPlatformReadiness,
  PpReadinessOverrideRequest,
  PpReadinessParameterPath,
  ppPlatformReadinessSchema,
  ppReadinessParameterPath,
} from '@internal/plugin-pp-common';

/** The overrides in force: parameter path → value. */
export type ReadinessOverrides = Partial<
  Record<PpReadinessParameterPath, number>
>;

export interface ReadinessChange {
  path: PpReadinessParameterPath;
  /** null: back to the configuration default */
  value: number | null;
}

/** One stored override version. */
export interface ReadinessVersion {
  agent_id: string;
  version: number;
  /** the override set after this change */
  overrides: ReadinessOverrides;
  changes: ReadinessChange[];
  reason: string;
  created_by: string;
  created_by_id: string | null;
  created_at: Date;
}

/** The spec's values (Stage 6): 100 API calls/min, 50 K tokens/h, 5 executions, 2 GB, 2 CPU, 30 s, 6 months, 7 days. */
export const READINESS_SPEC_DEFAULTS: PpPlatformReadiness = {
  rate_limits: { api_calls_per_minute: 100, llm_tokens_per_hour: 50_000 },
  quotas: { concurrent_executions: 5, memory_gb: 2, cpu: 2 },
  monitoring: {
    check_interval_seconds: 30,
    log_retention_days: 183,
    metric_retention_days: 7,
  },
};

export function readParameter(
  values: PpPlatformReadiness,
  path: PpReadinessParameterPath,
): number {
  const [group, key] = path.split('.') as [keyof PpPlatformReadiness, string];
  return (values[group] as Record<string, number>)[key];
}

/** The effective values: the defaults with the overrides in force. */
export function effectiveValues(
  defaults: PpPlatformReadiness,
  overrides: ReadinessOverrides,
): PpPlatformReadiness {
  const out = structuredClone(defaults);
  for (const p of PP_READINESS_PARAMETERS) {
    const value = overrides[ppReadinessParameterPath(p)];
    if (value !== undefined) {
      (out[p.group] as Record<string, number>)[p.key] = value;
    }
  }
  return out;
}

/** The changes a request asks for, in parameter order (values were bounds-checked by its schema). */
export function requestedChanges(
  overrides: PpReadinessOverrideRequest['overrides'],
): ReadinessChange[] {
  const changes: ReadinessChange[] = [];
  for (const p of PP_READINESS_PARAMETERS) {
    const group = (overrides as Record<string, Record<string, unknown>>)[
      p.group
    ];
    if (!group || !(p.key in group)) continue;
    const value = group[p.key];
    if (value === undefined) continue;
    changes.push({
      path: ppReadinessParameterPath(p),
      value: value === null ? null : Number(value),
    });
  }
  return changes;
}

/**
 * Applies changes to the overrides in force. Throws InputError when nothing would change. A value
 * equal to the default is stored as an override all the same: the orchestrator pinned it.
 */
export function applyChanges(
  current: ReadinessOverrides,
  changes: readonly ReadinessChange[],
  defaults: PpPlatformReadiness,
): { overrides: ReadinessOverrides; changes: ReadinessChange[] } {
  const next: ReadinessOverrides = { ...current };
  const effective: ReadinessChange[] = [];
  for (const c of changes) {
    const p = PP_READINESS_PARAMETERS.find(
      x => ppReadinessParameterPath(x) === c.path,
    );
    if (!p) throw new InputError(`Unknown readiness parameter ${c.path}`);
    if (c.value !== null) {
      if (c.value < p.min || c.value > p.max) {
        throw new InputError(
          `${p.title} must be between ${p.min} and ${p.max} ${p.unit}`,
        );
      }
      if (p.integer && !Number.isInteger(c.value)) {
        throw new InputError(`${p.title} must be a whole number`);
      }
    }
    const before = current[c.path];
    if (c.value === null) {
      if (before === undefined) continue;
      delete next[c.path];
    } else {
      if (before === c.value) continue;
      next[c.path] = c.value;
    }
    effective.push(c);
  }
  if (!effective.length) {
    throw new InputError(
      'Nothing to change: every value asked for is already in force',
    );
  }
  // keeps the result valid as a whole (the manifest's shape)
  ppPlatformReadinessSchema.parse(effectiveValues(defaults, next));
  return { overrides: next, changes: effective };
}

/** Per parameter, the latest version that changed it (history newest first). */
export function attribution(
  history: readonly ReadinessVersion[],
): Map<PpReadinessParameterPath, ReadinessVersion> {
  const out = new Map<PpReadinessParameterPath, ReadinessVersion>();
  for (const v of history) {
    for (const c of v.changes) {
      if (!out.has(c.path)) out.set(c.path, v);
    }
  }
  return out;
}
