/*
 * The blue-green rollout engine (spec Stage 6 "Agent Upgrades", Stage 8 "Deployment" and
 * "Rollback Conditions") as a pure state machine:
 *
 *   pending → deploying (green) → smoke_testing → canary (10 %, watched 1 h) → promoting (100 %)
 *           → completed (blue kept as standby)
 *   any step before completed → rolled_back (the target aborts: all traffic back on blue)
 *
 * `nextStep(rollout, observation, now)` looks at what the caller observed (the target's status,
 * smoke test results, the green side's metrics) and returns the new rollout and ONE action for
 * the caller to carry out: on the `DeploymentTarget` (deploy, set weight, promote, abort), run
 * the smoke tests, or wait. The caller (a job) calls it again on its next tick.
 *
 * It is not tied to agent upgrades: a `RolloutChange` is any change with a baseline (an upgrade,
 * a knowledge retuning) and its plan carries the gates, so the knowledge plugin's retuning reuses
 * it with `RETUNING_GATES` and, for a canary strategy, more traffic steps.
 *
 * Decided here where the spec is silent:
 * - Each gate is judged on the green side's metrics; a gate whose metric (or, for a gate relative
 *   to the baseline, whose baseline) is missing is inconclusive: it does not roll back, but it
 *   does not let the rollout go on either. If the watch ends without a conclusive passing
 *   analysis, the rollout waits `analysis_grace_ms` (15 min) for one, then rolls back.
 * - "Accuracy drops > 5 %" is relative to the baseline (0.90 → below 0.855 fails).
 * - A canary step's watch starts when the target shows its weight (the hour is an hour of real
 *   traffic on green), not when the weight was asked for.
 * - Timeouts: green ready within 15 min, smoke tests within 10 min, a weight change or the
 *   promotion shown by the target within 10 min; past them, roll back. Blue stays on standby 7 days (Stage 8's "rollback ready").
 * - Actions are idempotent and given again when the target does not show them: `deploy` while the
 *   target shows another green version, `set_weight` while the canary weight differs.
 * - A target that reports `aborted` on its own (someone aborted the Rollout) ends the rollout as
 *   rolled back without a further abort.
 * - Gates are checked while promoting too: traffic on green is still the change under watch.
 */

import type { DeploymentTargetStatus } from './deploymentTarget';

// --- Changes, plans, gates ---------------------------------------------------------------

/** A change to roll out: what runs now (blue), what should (green), and blue's baseline metrics. */
export interface RolloutChange {
  kind: 'upgrade' | 'retuning';
  /** the agent (or other subject) the change is for */
  subject: string;
  /** the `DeploymentTarget` ref */
  target_ref: string;
  from_version: string;
  to_version: string;
  /** blue's metrics before the change: `error_rate` (0–1), `p95_ms`, `accuracy` (0–1), … */
  baseline: Readonly<Record<string, number>>;
}

export type GateRule =
  /** fails when the metric is above `limit` */
  | { metric: string; kind: 'max'; limit: number; title: string }
  /** fails when the metric is above `factor` × its baseline */
  | {
      metric: string;
      kind: 'max_ratio_to_baseline';
      factor: number;
      title: string;
    }
  /** fails when the metric is below its baseline by more than `fraction` of it */
  | {
      metric: string;
      kind: 'max_drop_from_baseline';
      fraction: number;
      title: string;
    };

/** The spec's analysis gates of an upgrade: error rate > 5 %, p95 > 2× baseline. */
export const UPGRADE_GATES: readonly GateRule[] = [
  { metric: 'error_rate', kind: 'max', limit: 0.05, title: 'Error rate' },
  {
    metric: 'p95_ms',
    kind: 'max_ratio_to_baseline',
    factor: 2,
    title: 'Response time (p95)',
  },
];

/** Stage 8's rollback conditions of a retuning: the upgrade's, accuracy drop > 5 %, complaints > 3. */
export const RETUNING_GATES: readonly GateRule[] = [
  ...UPGRADE_GATES,
  {
    metric: 'accuracy',
    kind: 'max_drop_from_baseline',
    fraction: 0.05,
    title: 'Accuracy',
  },
  { metric: 'complaints', kind: 'max', limit: 3, title: 'Customer complaints' },
];

export interface RolloutPlan {
  /** the traffic steps before 100 %, each watched `watch_ms`: blue-green is [10] */
  canary_weights: readonly number[];
  watch_ms: number;
  gates: readonly GateRule[];
  /** fewer samples than this in the green side's metrics: no judgement yet */
  min_samples: number;
  deploy_timeout_ms: number;
  smoke_timeout_ms: number;
  analysis_grace_ms: number;
  /** a weight change or the promotion not shown by the target within this: roll back */
  traffic_timeout_ms: number;
  standby_ms: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Stage 6's blue-green upgrade: 10 % for 1 h, then 100 %. */
export const BLUE_GREEN_PLAN: RolloutPlan = {
  canary_weights: [10],
  watch_ms: HOUR,
  gates: UPGRADE_GATES,
  min_samples: 1,
  deploy_timeout_ms: 15 * MINUTE,
  smoke_timeout_ms: 10 * MINUTE,
  analysis_grace_ms: 15 * MINUTE,
  traffic_timeout_ms: 10 * MINUTE,
  standby_ms: 7 * 24 * HOUR,
};

// --- The rollout ---------------------------------------------------------------------------

export type RolloutPhase =
  | 'pending'
  | 'deploying'
  | 'smoke_testing'
  | 'canary'
  | 'promoting'
  | 'completed'
  | 'rolled_back';

export const FINAL_ROLLOUT_PHASES: readonly RolloutPhase[] = [
  'completed',
  'rolled_back',
];

export type GateOutcome = 'pass' | 'fail' | 'inconclusive';

export interface GateResult {
  metric: string;
  title: string;
  outcome: GateOutcome;
  value: number | null;
  /** the value the metric may not pass (for a drop: may not fall below) */
  threshold: number | null;
  /** a sentence for a failed or inconclusive gate */
  reason?: string;
}

export interface RolloutHistoryEntry {
  at: Date;
  from: RolloutPhase;
  to: RolloutPhase;
  action: RolloutAction['type'];
  note?: string;
}

export interface Rollout {
  id: string;
  change: RolloutChange;
  plan: RolloutPlan;
  phase: RolloutPhase;
  phase_since: Date;
  /** index in `plan.canary_weights` while in canary */
  step_index: number;
  /** the end of the current canary step's watch; null until the target shows the step's weight */
  watch_until: Date | null;
  last_analysis: GateResult[] | null;
  rollback_reason: string | null;
  completed_at: Date | null;
  /** until when blue stays on standby after completion */
  standby_until: Date | null;
  history: readonly RolloutHistoryEntry[];
}

/** What the caller saw since the last step. Leave out what it did not look at. */
export interface RolloutObservation {
  target?: DeploymentTargetStatus;
  /** the smoke tests' results against green */
  smoke?: { passed: number; failed: number; failures?: readonly string[] };
  /** the green side's metrics since it took traffic */
  metrics?: { samples: number; values: Readonly<Record<string, number>> };
}

export type RolloutAction =
  | { type: 'deploy'; version: string }
  | { type: 'run_smoke_tests' }
  | { type: 'set_weight'; weight: number }
  | { type: 'promote' }
  | { type: 'abort'; reason: string }
  | { type: 'wait'; until: Date | null; reason: string }
  | { type: 'none' };

export interface RolloutStep {
  rollout: Rollout;
  action: RolloutAction;
  /** the gates judged in this step, when metrics were observed */
  analysis?: GateResult[];
}

/** A new rollout of `change` in `pending`. */
export function newRollout(
  id: string,
  change: RolloutChange,
  now: Date,
  plan: RolloutPlan = BLUE_GREEN_PLAN,
): Rollout {
  if (
    plan.canary_weights.length === 0 ||
    plan.canary_weights.some(
      (w, i) =>
        !(w > 0 && w < 100) || (i > 0 && w <= plan.canary_weights[i - 1]),
    )
  ) {
    throw new Error(
      'A rollout plan needs increasing canary weights between 0 and 100 (exclusive)',
    );
  }
  return {
    id,
    change,
    plan,
    phase: 'pending',
    phase_since: now,
    step_index: 0,
    watch_until: null,
    last_analysis: null,
    rollback_reason: null,
    completed_at: null,
    standby_until: null,
    history: [],
  };
}

const pct = (v: number) => `${Math.round(v * 10_000) / 100} %`;
const fmt = (metric: string, v: number) =>
  metric.endsWith('_rate') || metric === 'accuracy' ? pct(v) : `${v}`;

/** Judges the gates on the green side's metric values against the change's baseline. */
export function evaluateGates(
  gates: readonly GateRule[],
  baseline: Readonly<Record<string, number>>,
  values: Readonly<Record<string, number>>,
): GateResult[] {
  return gates.map(g => {
    const value = Number.isFinite(values[g.metric]) ? values[g.metric] : null;
    const base = Number.isFinite(baseline[g.metric])
      ? baseline[g.metric]
      : null;
    let threshold: number | null;
    if (g.kind === 'max') threshold = g.limit;
    else if (base === null) threshold = null;
    else if (g.kind === 'max_ratio_to_baseline') threshold = base * g.factor;
    else threshold = base * (1 - g.fraction);
    const common = { metric: g.metric, title: g.title, value, threshold };
    if (value === null) {
      return {
        ...common,
        outcome: 'inconclusive',
        reason: `${g.title}: nothing measured on green yet`,
      };
    }
    if (threshold === null) {
      return {
        ...common,
        outcome: 'inconclusive',
        reason: `${g.title}: no baseline to compare with`,
      };
    }
    const failed =
      g.kind === 'max_drop_from_baseline'
        ? value < threshold
        : value > threshold;
    if (!failed) return { ...common, outcome: 'pass' };
    let reason: string;
    if (g.kind === 'max') {
      reason = `${g.title} ${fmt(g.metric, value)} is above ${fmt(
        g.metric,
        g.limit,
      )}`;
    } else if (g.kind === 'max_ratio_to_baseline') {
      reason = `${g.title} ${fmt(g.metric, value)} is more than ${
        g.factor
      }× the baseline ${fmt(g.metric, base!)}`;
    } else {
      reason = `${g.title} ${fmt(g.metric, value)} dropped more than ${pct(
        g.fraction,
      )} below the baseline ${fmt(g.metric, base!)}`;
    }
    return { ...common, outcome: 'fail', reason };
  });
}

function moved(
  r: Rollout,
  to: RolloutPhase,
  action: RolloutAction,
  now: Date,
  patch: Partial<Rollout> = {},
  note?: string,
): RolloutStep {
  const entry: RolloutHistoryEntry = {
    at: now,
    from: r.phase,
    to,
    action: action.type,
    ...(note ? { note } : {}),
  };
  return {
    rollout: {
      ...r,
      ...patch,
      phase: to,
      phase_since: to === r.phase ? patch.phase_since ?? r.phase_since : now,
      history: [...r.history, entry],
    },
    action,
  };
}

function rollBack(r: Rollout, reason: string, now: Date, abort = true) {
  return moved(
    r,
    'rolled_back',
    abort ? { type: 'abort', reason } : { type: 'none' },
    now,
    { rollback_reason: reason, watch_until: null },
    reason,
  );
}

const waitFor = (
  r: Rollout,
  until: Date | null,
  reason: string,
): RolloutStep => ({ rollout: r, action: { type: 'wait', until, reason } });

/** A plan's duration in words: whole minutes, else seconds (short plans, e.g. in the e2e). */
const span = (ms: number) =>
  ms % MINUTE === 0
    ? `${ms / MINUTE} minutes`
    : `${Math.round(ms / 1000)} seconds`;

const after = (d: Date, ms: number) => new Date(d.getTime() + ms);

/**
 * One step of the engine: the rollout after what was observed, and the action to carry out.
 * Never changes its input; a final rollout answers `none`.
 */
export function nextStep(
  rollout: Rollout,
  observation: RolloutObservation,
  now: Date,
): RolloutStep {
  const r = rollout;
  const { plan, change } = r;
  const target = observation.target;

  if (FINAL_ROLLOUT_PHASES.includes(r.phase)) {
    return { rollout: r, action: { type: 'none' } };
  }
  // an abort counts once the target runs this change's green: while deploying, an `aborted`
  // left from an earlier rollout is still shown until the deploy lands (then it is given again)
  if (
    target?.phase === 'aborted' &&
    r.phase !== 'pending' &&
    (r.phase !== 'deploying' || target.green_version === change.to_version)
  ) {
    return rollBack(
      r,
      `The deployment target aborted the rollout${
        target.message ? `: ${target.message}` : ''
      }`,
      now,
      false,
    );
  }

  // the analysis, whenever metrics come with the observation once green takes traffic
  let analysis: GateResult[] | undefined;
  if (
    (r.phase === 'canary' || r.phase === 'promoting') &&
    observation.metrics &&
    observation.metrics.samples >= plan.min_samples
  ) {
    analysis = evaluateGates(
      plan.gates,
      change.baseline,
      observation.metrics.values,
    );
    const failed = analysis.filter(a => a.outcome === 'fail');
    if (failed.length) {
      const step = rollBack(
        { ...r, last_analysis: analysis },
        `Analysis gates failed: ${failed.map(f => f.reason).join('; ')}`,
        now,
      );
      return { ...step, analysis };
    }
  }
  const withAnalysis = (step: RolloutStep): RolloutStep =>
    analysis
      ? {
          ...step,
          rollout: { ...step.rollout, last_analysis: analysis },
          analysis,
        }
      : step;

  switch (r.phase) {
    case 'pending':
      return moved(
        r,
        'deploying',
        { type: 'deploy', version: change.to_version },
        now,
      );

    case 'deploying': {
      if (target?.phase === 'degraded') {
        return rollBack(
          r,
          `Green ${change.to_version} is degraded${
            target.message ? `: ${target.message}` : ''
          }`,
          now,
        );
      }
      if (target?.green_ready && target.green_version === change.to_version) {
        return moved(r, 'smoke_testing', { type: 'run_smoke_tests' }, now);
      }
      const deadline = after(r.phase_since, plan.deploy_timeout_ms);
      if (now > deadline) {
        return rollBack(
          r,
          `Green ${change.to_version} was not ready within ${span(
            plan.deploy_timeout_ms,
          )}`,
          now,
        );
      }
      if (target && target.green_version !== change.to_version) {
        // the target does not show the deploy (lost, or the caller died before it): again
        return {
          rollout: r,
          action: { type: 'deploy', version: change.to_version },
        };
      }
      return waitFor(
        r,
        deadline,
        `waiting for green ${change.to_version} to be ready`,
      );
    }

    case 'smoke_testing': {
      const smoke = observation.smoke;
      if (smoke) {
        if (smoke.failed > 0 || smoke.passed === 0) {
          const which = smoke.failures?.length
            ? `: ${smoke.failures.join('; ')}`
            : '';
          return rollBack(
            r,
            `Smoke tests failed (${smoke.failed} of ${
              smoke.passed + smoke.failed
            })${which}`,
            now,
          );
        }
        const weight = plan.canary_weights[0];
        return moved(
          r,
          'canary',
          { type: 'set_weight', weight },
          now,
          { step_index: 0, watch_until: null },
          `smoke tests passed (${smoke.passed})`,
        );
      }
      const deadline = after(r.phase_since, plan.smoke_timeout_ms);
      if (now > deadline) {
        return rollBack(
          r,
          `No smoke test results within ${span(plan.smoke_timeout_ms)}`,
          now,
        );
      }
      return waitFor(r, deadline, 'waiting for the smoke test results');
    }

    case 'canary': {
      const weight = plan.canary_weights[r.step_index];
      if (!r.watch_until) {
        // phase_since is the step's start: set again for each canary step
        if (target && target.weight === weight) {
          const until = after(now, plan.watch_ms);
          return withAnalysis(
            waitFor(
              { ...r, watch_until: until },
              until,
              `watching green at ${weight} % until ${until.toISOString()}`,
            ),
          );
        }
        const deadline = after(r.phase_since, plan.traffic_timeout_ms);
        if (now > deadline) {
          return rollBack(
            r,
            `The traffic shift to ${weight} % was not confirmed within ${span(
              plan.traffic_timeout_ms,
            )}`,
            now,
          );
        }
        if (target) {
          return withAnalysis({
            rollout: r,
            action: { type: 'set_weight', weight },
          });
        }
        return withAnalysis(
          waitFor(
            r,
            deadline,
            `waiting for the target to route ${weight} % to green`,
          ),
        );
      }
      const watchUntil = r.watch_until;
      if (now < watchUntil) {
        if (target && target.weight !== weight) {
          // the target drifted (or the weight was not applied): apply it again
          return withAnalysis({
            rollout: r,
            action: { type: 'set_weight', weight },
          });
        }
        return withAnalysis(
          waitFor(
            r,
            watchUntil,
            `watching green at ${weight} % until ${watchUntil.toISOString()}`,
          ),
        );
      }
      const conclusive = analysis && analysis.every(a => a.outcome === 'pass');
      if (!conclusive) {
        const grace = after(watchUntil, plan.analysis_grace_ms);
        if (now > grace) {
          const why = analysis
            ? analysis
                .filter(a => a.outcome !== 'pass')
                .map(a => a.reason)
                .join('; ')
            : 'no metrics observed';
          return rollBack(
            r,
            `No conclusive analysis within ${span(
              plan.analysis_grace_ms,
            )} after the watch: ${why}`,
            now,
          );
        }
        return withAnalysis(
          waitFor(r, grace, 'waiting for a conclusive analysis of the watch'),
        );
      }
      const next = r.step_index + 1;
      if (next < plan.canary_weights.length) {
        const nextWeight = plan.canary_weights[next];
        return withAnalysis(
          moved(
            r,
            'canary',
            { type: 'set_weight', weight: nextWeight },
            now,
            { step_index: next, watch_until: null, phase_since: now },
            `gates passed at ${weight} %`,
          ),
        );
      }
      return withAnalysis(
        moved(
          r,
          'promoting',
          { type: 'promote' },
          now,
          { watch_until: null },
          `gates passed at ${weight} %`,
        ),
      );
    }

    case 'promoting': {
      if (target && target.weight === 100 && target.phase === 'healthy') {
        return withAnalysis(
          moved(
            r,
            'completed',
            { type: 'none' },
            now,
            { completed_at: now, standby_until: after(now, plan.standby_ms) },
            `all traffic on ${change.to_version}; ${change.from_version} kept as standby`,
          ),
        );
      }
      const deadline = after(r.phase_since, plan.traffic_timeout_ms);
      if (now > deadline) {
        return rollBack(
          r,
          `The promotion to 100 % was not confirmed within ${span(
            plan.traffic_timeout_ms,
          )}`,
          now,
        );
      }
      return withAnalysis(
        waitFor(r, deadline, 'waiting for the promotion to 100 %'),
      );
    }

    default:
      return { rollout: r, action: { type: 'none' } };
  }
}

/** An operator's abort of a rollout in progress: rolled back with the reason. Final ones refuse. */
export function abortRollout(
  rollout: Rollout,
  reason: string,
  now: Date,
): RolloutStep | { error: string } {
  if (FINAL_ROLLOUT_PHASES.includes(rollout.phase)) {
    return {
      error: `The rollout is ${rollout.phase}: there is nothing to abort`,
    };
  }
  if (!reason.trim()) return { error: 'Aborting a rollout needs a reason' };
  return rollBack(rollout, `Aborted: ${reason.trim()}`, now);
}

/** The share of traffic on green the rollout means to have now. */
export function intendedWeight(rollout: Rollout): number {
  switch (rollout.phase) {
    case 'canary':
      return rollout.plan.canary_weights[rollout.step_index];
    case 'promoting':
    case 'completed':
      return 100;
    default:
      return 0;
  }
}
