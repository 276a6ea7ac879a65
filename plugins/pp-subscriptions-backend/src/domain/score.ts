import type { PpSubscriptionBand } from '@internal/plugin-pp-common';

/** The window a score looks at: the 30 days ending with the scored day. */
export const SCORE_WINDOW_DAYS = 30;

/** Run counts of one subscription over the score window. */
export interface RunCounts {
  /** Every run created in the window, whatever its status. */
  total: number;
  succeeded: number;
  failed: number;
}

/** A health score and the three inputs it came from. */
export interface HealthScore {
  /** 0–100, rounded to one decimal. */
  score: number;
  band: PpSubscriptionBand;
  success_rate: number;
  error_rate: number;
  activity_score: number;
}

/**
 * The health score of a subscription (spec Stage 5):
 * `(0.5·success_rate + 0.3·(1 − error_rate) + 0.2·activity_score)·100`, where over the window
 * - success_rate = succeeded / total runs, error_rate = failed / total runs (running and canceled
 *   runs count in the total but in neither rate); with no runs both are 0;
 * - activity_score = min(1, (total / windowDays) / expectedRunsPerDay): runs per day against the
 *   subscription's cadence. An expected cadence of 0 or less counts any activity as full (1) and
 *   no activity as 0.
 */
export function healthScore(
  runs: RunCounts,
  expectedRunsPerDay: number,
  windowDays: number = SCORE_WINDOW_DAYS,
): HealthScore {
  const total = Math.max(0, runs.total);
  const successRate = total > 0 ? clamp01(runs.succeeded / total) : 0;
  const errorRate = total > 0 ? clamp01(runs.failed / total) : 0;
  let activity: number;
  if (expectedRunsPerDay > 0) {
    activity = clamp01(total / windowDays / expectedRunsPerDay);
  } else {
    activity = total > 0 ? 1 : 0;
  }
  const raw =
    (0.5 * successRate + 0.3 * (1 - errorRate) + 0.2 * activity) * 100;
  const score = Math.round(raw * 10) / 10;
  return {
    score,
    band: scoreBand(score),
    success_rate: round4(successRate),
    error_rate: round4(errorRate),
    activity_score: round4(activity),
  };
}

/** 80 and above green, 60–79.9 amber, below 60 red. */
export function scoreBand(score: number): PpSubscriptionBand {
  if (score >= 80) return 'green';
  if (score >= 60) return 'amber';
  return 'red';
}

function clamp01(n: number) {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

function round4(n: number) {
  return Math.round(n * 10_000) / 10_000;
}

/** The UTC day (YYYY-MM-DD) of a time. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The window of a scored day: [start, end) in UTC, `days` days ending at the end of `day`. */
export function scoreWindow(day: string, days: number = SCORE_WINDOW_DAYS) {
  const end = new Date(`${day}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const start = new Date(end);
  start.setUTCDate(start.getUTCDate() - days);
  return { start, end };
}
