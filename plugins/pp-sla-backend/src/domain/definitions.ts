import type { PpSlaTargets, PpSlaType } from '@internal/plugin-pp-common';
import { InputError } from '@backstage/errors';

/** The spec's targets (Stage 7): the standard template unless config says otherwise. */
export const SPEC_TARGETS: PpSlaTargets = {
  response_time_p95_ms: 2000,
  uptime_percent: 99.9,
  error_rate_percent: 1,
  support_response_hours: 4,
  critical_resolution_hours: 4,
};

/** The templates (`pp.sla.templates.standard` / `.premium`). */
export interface SlaTemplates {
  standard: PpSlaTargets;
  premium: PpSlaTargets;
}

export const DEFAULT_TEMPLATES: SlaTemplates = {
  standard: SPEC_TARGETS,
  premium: {
    response_time_p95_ms: 1000,
    uptime_percent: 99.95,
    error_rate_percent: 0.5,
    support_response_hours: 1,
    critical_resolution_hours: 2,
  },
};

/**
 * A definition's targets: standard and premium are their templates (targets in the request are
 * refused, the template is the agreement); custom starts from standard and overrides any target.
 */
export function resolveTargets(
  type: PpSlaType,
  overrides: Partial<PpSlaTargets> | undefined,
  templates: SlaTemplates,
): PpSlaTargets {
  if (type !== 'custom') {
    if (overrides && Object.keys(overrides).length) {
      throw new InputError(
        `A ${type} SLA takes its targets from the ${type} template; choose custom to set targets`,
      );
    }
    return { ...templates[type] };
  }
  if (!overrides || !Object.keys(overrides).length) {
    throw new InputError('A custom SLA overrides at least one target');
  }
  return { ...templates.standard, ...overrides };
}

export interface VersionedDefinition {
  version: number;
  effective_from: Date;
  effective_to: Date | null;
}

/**
 * The version in force at `at`: the latest whose effective_from ≤ at and which was not superseded
 * by then. Past days keep the version of their day, so a new version never rewrites them.
 */
export function definitionAt<T extends VersionedDefinition>(
  versions: T[],
  at: Date,
): T | undefined {
  return versions
    .filter(
      v =>
        v.effective_from.getTime() <= at.getTime() &&
        (!v.effective_to || v.effective_to.getTime() > at.getTime()),
    )
    .sort((a, b) => b.version - a.version)[0];
}

/**
 * A new version's effective start: never before the current version's start (that would rewrite
 * compliance already computed against it).
 */
export function assertEffectiveFrom(
  current: VersionedDefinition | undefined,
  effectiveFrom: Date,
) {
  if (current && effectiveFrom.getTime() < current.effective_from.getTime()) {
    throw new InputError(
      'A new SLA version cannot take effect before the version in force did: past compliance is never rewritten',
    );
  }
}
