import {
  GateResult,
  RETUNING_GATES,
  Rollout,
  RolloutPlan,
  BLUE_GREEN_PLAN,
  evaluateGates,
} from '@internal/plugin-pp-node';

/*
 * After the rollout completed (all traffic on the retuned green, blue on standby 7 days), the
 * retuning is watched: post-deployment checks at 1 h, 24 h and 7 d after completion (spec Stage 8
 * "Monitoring"). Each judges the rollout engine's `RETUNING_GATES` on what was measured then:
 * error rate > 5 %, p95 > 2× baseline, complaints > 3, accuracy drop > 5 % against blue.
 *
 * - A failed gate rolls the retuning back (the target aborts: blue, still on standby, takes the
 *   traffic again) with the failed gates' sentences as the reason.
 * - A check whose metrics are missing is `inconclusive`: recorded with its reasons, it does not
 *   roll back (nothing measured is not a failure) and does not hold the retuning either.
 * - When the 7 d check is done without a failure, the retuning is completed.
 */

export type PostCheckAfter = '1h' | '24h' | '7d';

const HOUR = 3_600_000;
export const POST_CHECK_OFFSETS: ReadonlyArray<{
  after: PostCheckAfter;
  ms: number;
}> = [
  { after: '1h', ms: HOUR },
  { after: '24h', ms: 24 * HOUR },
  { after: '7d', ms: 7 * 24 * HOUR },
];

export interface PostCheck {
  after: PostCheckAfter;
  due_at: Date;
  checked_at: Date | null;
  outcome: 'pending' | 'pass' | 'fail' | 'inconclusive';
  gates: GateResult[];
}

/** The three checks, due after the rollout's completion. */
export function planPostChecks(completedAt: Date): PostCheck[] {
  return POST_CHECK_OFFSETS.map(o => ({
    after: o.after,
    due_at: new Date(completedAt.getTime() + o.ms),
    checked_at: null,
    outcome: 'pending',
    gates: [],
  }));
}

/** The first pending check that is due at `now`, if any. */
export function duePostCheck(
  checks: readonly PostCheck[],
  now: Date,
): PostCheck | undefined {
  return checks.find(c => c.outcome === 'pending' && c.due_at <= now);
}

/** When the next pending check is due (null: none left). */
export function nextPostCheckAt(checks: readonly PostCheck[]): Date | null {
  return checks.find(c => c.outcome === 'pending')?.due_at ?? null;
}

export type PostCheckDecision =
  | { type: 'roll_back'; checks: PostCheck[]; reason: string }
  | { type: 'complete'; checks: PostCheck[] }
  | { type: 'continue'; checks: PostCheck[] };

/**
 * Judges the due check on the metrics measured now against the baseline: the checks with it done,
 * and what follows (roll back, complete after the 7 d check, or wait for the next one).
 */
export function judgePostCheck(
  checks: readonly PostCheck[],
  due: PostCheckAfter,
  baseline: Readonly<Record<string, number>>,
  values: Readonly<Record<string, number>>,
  now: Date,
  gates = RETUNING_GATES,
): PostCheckDecision {
  const results = evaluateGates(gates, baseline, values);
  const failed = results.filter(r => r.outcome === 'fail');
  let outcome: PostCheck['outcome'] = 'inconclusive';
  if (failed.length) outcome = 'fail';
  else if (results.every(r => r.outcome === 'pass')) outcome = 'pass';
  const next = checks.map(c =>
    c.after === due
      ? { ...c, checked_at: now, outcome, gates: results }
      : { ...c },
  );
  if (failed.length) {
    return {
      type: 'roll_back',
      checks: next,
      reason: `The ${due} post-deployment check failed: ${failed
        .map(f => f.reason)
        .join('; ')}`,
    };
  }
  if (next.every(c => c.outcome !== 'pending')) {
    return { type: 'complete', checks: next };
  }
  return { type: 'continue', checks: next };
}

/** The retuning's rollout plan: blue-green (10 % for the watch), or canary (10, 25, 50 %), with RETUNING_GATES. */
export function retuningPlan(
  strategy: 'blue_green' | 'canary',
  base: RolloutPlan = BLUE_GREEN_PLAN,
): RolloutPlan {
  return {
    ...base,
    gates: RETUNING_GATES,
    canary_weights: strategy === 'canary' ? [10, 25, 50] : [10],
  };
}

// --- the engine's Rollout as JSON ----------------------------------------------------------

const d = (v: unknown) => (v ? new Date(String(v)) : null);

/** The engine's rollout as stored (dates as ISO strings). */
export function rolloutToJson(r: Rollout): string {
  return JSON.stringify(r);
}

/** The stored rollout back, its dates as Dates. */
export function rolloutFromJson(json: string | object): Rollout {
  const r = (typeof json === 'string' ? JSON.parse(json) : json) as any;
  return {
    ...r,
    phase_since: d(r.phase_since)!,
    watch_until: d(r.watch_until),
    completed_at: d(r.completed_at),
    standby_until: d(r.standby_until),
    history: (r.history ?? []).map((h: any) => ({ ...h, at: d(h.at)! })),
  };
}

export function postChecksToJson(checks: readonly PostCheck[]): string {
  return JSON.stringify(checks);
}

export function postChecksFromJson(json: string | object | null): PostCheck[] {
  if (!json) return [];
  const list = (typeof json === 'string' ? JSON.parse(json) : json) as any[];
  return list.map(c => ({
    ...c,
    due_at: d(c.due_at)!,
    checked_at: d(c.checked_at),
  }));
}
