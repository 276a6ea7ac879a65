import type {
  PpSlaMetric,
  PpSlaStatus,
  PpSlaTargets,
} from '@internal/plugin-pp-common';
import { PP_SLA_METRIC_LABELS } from '@internal/plugin-pp-common';

/**
 * The SLA formulas, pure: uptime from down minutes minus maintenance, metric checks with the 10 %
 * rule, a day's and a window's status, breach runs from daily rows, the credit table.
 */

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

export interface Interval {
  start: Date;
  end: Date;
}

/** Minutes of `[a, b)` covered by the union of `windows` (overlapping windows count once). */
export function coveredMinutes(a: Date, b: Date, windows: Interval[]): number {
  const parts = windows
    .map(w => ({
      s: Math.max(a.getTime(), w.start.getTime()),
      e: Math.min(b.getTime(), w.end.getTime()),
    }))
    .filter(p => p.e > p.s)
    .sort((x, y) => x.s - y.s);
  let total = 0;
  let curS = -Infinity;
  let curE = -Infinity;
  for (const p of parts) {
    if (p.s > curE) {
      if (curE > curS) total += curE - curS;
      curS = p.s;
      curE = p.e;
    } else curE = Math.max(curE, p.e);
  }
  if (curE > curS) total += curE - curS;
  return total / MINUTE;
}

/** A stretch of downtime: `minutes` of it inside `[start, start + span)` (a 5-minute bucket). */
export interface DownBucket {
  start: Date;
  /** down minutes in the bucket (5 × down checks ÷ checks) */
  minutes: number;
  /** the bucket's length in minutes (5) */
  spanMinutes?: number;
}

/**
 * Down minutes outside maintenance: each bucket's down minutes are scaled by the share of the
 * bucket that lies outside every maintenance window (a bucket wholly inside one counts 0).
 */
export function downMinutesOutside(
  buckets: DownBucket[],
  maintenance: Interval[],
): number {
  let total = 0;
  for (const b of buckets) {
    const span = b.spanMinutes ?? 5;
    const end = new Date(b.start.getTime() + span * MINUTE);
    const inside = coveredMinutes(b.start, end, maintenance);
    total += b.minutes * ((span - inside) / span);
  }
  return total;
}

/**
 * Uptime % of a period of `totalMinutes`, `maintenanceMinutes` of which are maintenance and
 * `downMinutes` (outside maintenance) down:
 *   (total − maintenance − down) ÷ (total − maintenance) × 100.
 * A period wholly in maintenance has no uptime (null). E.g. 30 days (43 200 min) with a 50-minute
 * outage: 43 150 ÷ 43 200 = 99.884259… %.
 */
export function uptimePercent(
  totalMinutes: number,
  maintenanceMinutes: number,
  downMinutes: number,
): number | null {
  const counted = totalMinutes - maintenanceMinutes;
  if (counted <= 0) return null;
  const down = Math.min(Math.max(downMinutes, 0), counted);
  return ((counted - down) / counted) * 100;
}

/** Rounds a percentage for display (4 decimals: 99.8843). */
export const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/** Whether a metric must stay above (uptime) or below (the rest) its target. */
export const METRIC_DIRECTION: Record<PpSlaMetric, 'min' | 'max'> = {
  uptime: 'min',
  response_time_p95: 'max',
  error_rate: 'max',
  support_response: 'max',
  critical_resolution: 'max',
};

export const METRIC_UNIT: Record<PpSlaMetric, 'ms' | 'percent' | 'hours'> = {
  uptime: 'percent',
  response_time_p95: 'ms',
  error_rate: 'percent',
  support_response: 'hours',
  critical_resolution: 'hours',
};

export function targetOf(targets: PpSlaTargets, metric: PpSlaMetric): number {
  switch (metric) {
    case 'uptime':
      return targets.uptime_percent;
    case 'response_time_p95':
      return targets.response_time_p95_ms;
    case 'error_rate':
      return targets.error_rate_percent;
    case 'support_response':
      return targets.support_response_hours;
    default:
      return targets.critical_resolution_hours;
  }
}

/** A margin without binary noise (99.9 + 0.01 is 99.91000000000001). */
const clean = (v: number) => Math.round(v * 1e9) / 1e9;

export type MetricCheck = 'met' | 'near' | 'missed' | 'no_data';

/**
 * A value against its target.
 *
 * "Within 10 % of the target" (the warning rule), precisely:
 * - an upper-bound metric (p95, error rate, support response, critical resolution; the target is
 *   met while value < target) is `near` when 0.9 × target ≤ value < target: less than 10 % of the
 *   target left. p95 target 2000 ms: 1800 ms is near, 1799 ms is not; 2000 ms is missed.
 * - uptime (met while value ≥ target) is measured on its error budget, the downtime it allows
 *   (100 − target): `near` when more than 90 % of the budget is used, i.e.
 *   target ≤ value < target + 0.1 × (100 − target). Target 99.9 %: 99.90 ≤ uptime < 99.91 is
 *   near, 99.91 is not. (10 % of 99.9 itself would make 89.91 % "near", which says nothing.)
 */
export function checkMetric(
  metric: PpSlaMetric,
  value: number | null | undefined,
  target: number,
): MetricCheck {
  if (value === null || value === undefined || Number.isNaN(value))
    return 'no_data';
  if (METRIC_DIRECTION[metric] === 'min') {
    if (value < target) return 'missed';
    return value < clean(target + 0.1 * (100 - target)) ? 'near' : 'met';
  }
  if (value >= target) return 'missed';
  return value >= clean(0.9 * target) ? 'near' : 'met';
}

/**
 * The status from the metrics' checks: `breach` when any target is missed; `warning` when none
 * is missed and at least one is within 10 % of its target (the spec's "1–2 metrics"; three or
 * more near targets are a warning too, nothing short of a miss is a breach); `compliant` when
 * every metric with data is met clear of its margin; `no_data` when no metric has data.
 */
export function statusOf(checks: MetricCheck[]): PpSlaStatus {
  if (checks.includes('missed')) return 'breach';
  if (checks.every(c => c === 'no_data')) return 'no_data';
  if (checks.includes('near')) return 'warning';
  return 'compliant';
}

/** The figures of one agent's day, as the daily job computes them. */
export interface DayFigures {
  /** UTC day start */
  day: Date;
  /** minutes of the day counted (1440; less for today, up to now) */
  total_minutes: number;
  maintenance_minutes: number;
  /** down minutes outside maintenance */
  down_minutes: number;
  /** whether the health plugin had checks of the service that day */
  has_health: boolean;
  p95_response_ms: number | null;
  /** percent */
  error_rate_percent: number | null;
  checks: number;
  /** Σ error rates (fractions) of the day's checks, for the window's weighted mean */
  error_rate_sum: number;
  /** the slowest first response (h) of support tickets created that day; null: none */
  support_response_hours: number | null;
  /** the slowest resolution (h) of critical tickets opened that day; null: none */
  critical_resolution_hours: number | null;
  /** the first and last down bucket outside maintenance (breach start and end) */
  first_down_at: Date | null;
  last_down_end: Date | null;
}

export function dayValues(d: DayFigures): Record<PpSlaMetric, number | null> {
  return {
    uptime: d.has_health
      ? uptimePercent(d.total_minutes, d.maintenance_minutes, d.down_minutes)
      : null,
    response_time_p95: d.p95_response_ms,
    error_rate: d.error_rate_percent,
    support_response: d.support_response_hours,
    critical_resolution: d.critical_resolution_hours,
  };
}

export function dayChecks(
  d: DayFigures,
  targets: PpSlaTargets,
): Record<PpSlaMetric, MetricCheck> {
  const values = dayValues(d);
  return Object.fromEntries(
    (Object.keys(values) as PpSlaMetric[]).map(m => [
      m,
      checkMetric(m, values[m], targetOf(targets, m)),
    ]),
  ) as Record<PpSlaMetric, MetricCheck>;
}

/** A stored daily row with the targets of the definition version it was computed against. */
export interface DailyRow extends DayFigures {
  targets: PpSlaTargets;
  definition_version: number;
}

export interface WindowMetric {
  metric: PpSlaMetric;
  label: string;
  target: number;
  unit: 'ms' | 'percent' | 'hours';
  value: number | null;
  met: boolean | null;
  near_target: boolean;
  compliance_percent: number | null;
}

/**
 * The rolling window over daily rows (each against the definition version of its day, so a new
 * version never rewrites the past), judged against `targets` (the version in force now):
 * - uptime: Σ counted minutes and Σ down minutes of all days — the window's exact uptime %;
 * - p95: the worst daily p95 (daily histograms are not kept, so the window's p95 is bounded by it);
 * - error rate: the check-weighted mean;
 * - support response and critical resolution: the slowest of the window.
 * compliance_percent per metric: share of days with data meeting their day's target; overall:
 * share of days with any data on which no target was missed.
 */
export function windowCompliance(rows: DailyRow[], targets: PpSlaTargets) {
  const health = rows.filter(r => r.has_health);
  const total = health.reduce((a, r) => a + r.total_minutes, 0);
  const maint = health.reduce((a, r) => a + r.maintenance_minutes, 0);
  const down = health.reduce((a, r) => a + r.down_minutes, 0);
  const checks = health.reduce((a, r) => a + r.checks, 0);
  const errSum = health.reduce((a, r) => a + r.error_rate_sum, 0);
  const maxOf = (vals: Array<number | null>) => {
    const v = vals.filter((x): x is number => x !== null);
    return v.length ? Math.max(...v) : null;
  };
  const values: Record<PpSlaMetric, number | null> = {
    uptime: health.length ? uptimePercent(total, maint, down) : null,
    response_time_p95: maxOf(rows.map(r => r.p95_response_ms)),
    error_rate: checks ? (errSum / checks) * 100 : null,
    support_response: maxOf(rows.map(r => r.support_response_hours)),
    critical_resolution: maxOf(rows.map(r => r.critical_resolution_hours)),
  };
  const perDay = rows.map(r => dayChecks(r, r.targets));
  const metrics: WindowMetric[] = (Object.keys(values) as PpSlaMetric[]).map(
    metric => {
      const target = targetOf(targets, metric);
      const check = checkMetric(metric, values[metric], target);
      const judged = perDay.map(c => c[metric]).filter(c => c !== 'no_data');
      return {
        metric,
        label: PP_SLA_METRIC_LABELS[metric],
        target,
        unit: METRIC_UNIT[metric],
        value: displayValue(metric, values[metric]),
        met: check === 'no_data' ? null : check !== 'missed',
        near_target: check === 'near',
        compliance_percent: judged.length
          ? round4(
              (judged.filter(c => c !== 'missed').length / judged.length) * 100,
            )
          : null,
      };
    },
  );
  const judgedDays = perDay.filter(c =>
    Object.values(c).some(v => v !== 'no_data'),
  );
  const overall = judgedDays.length
    ? round4(
        (judgedDays.filter(c => !Object.values(c).includes('missed')).length /
          judgedDays.length) *
          100,
      )
    : null;
  const status = statusOf(
    metrics.map(m => checkMetric(m.metric, values[m.metric], m.target)),
  );
  return { metrics, overall, status, values };
}

function displayValue(metric: PpSlaMetric, v: number | null): number | null {
  if (v === null) return null;
  if (metric === 'uptime' || metric === 'error_rate') return round4(v);
  return Math.round(v * 100) / 100;
}

/** A sentence for a status. */
export function statusReason(
  status: PpSlaStatus,
  metrics: WindowMetric[],
): string {
  const names = (ms: WindowMetric[]) =>
    ms.map(m => m.label.toLowerCase()).join(', ');
  if (status === 'breach')
    return `Target missed: ${names(metrics.filter(m => m.met === false))}.`;
  if (status === 'warning')
    return `Within 10 % of the target: ${names(
      metrics.filter(m => m.near_target),
    )}.`;
  if (status === 'no_data')
    return 'No health data or tickets for this agent yet.';
  return 'Every target is met.';
}

export interface DetectedBreach {
  metric: PpSlaMetric;
  started_at: Date;
  /** null: still breached on the last day */
  ended_at: Date | null;
  target: number;
  /** the worst value of the run */
  value: number;
}

/**
 * Breaches from consecutive daily rows (oldest first): a run of days on which a metric missed its
 * day's target is one breach. Uptime's start and end are the first down bucket's start and the
 * last down bucket's end of the run (outside maintenance); the other metrics' are the run's first
 * day start and last day end. A run that reaches `lastDay` (the day being computed, still going)
 * has no end yet.
 */
export function detectBreaches(
  rows: DailyRow[],
  lastDay: Date,
): DetectedBreach[] {
  const out: DetectedBreach[] = [];
  const metrics = Object.keys(METRIC_DIRECTION) as PpSlaMetric[];
  for (const metric of metrics) {
    let run: DailyRow[] = [];
    const close = (open: boolean) => {
      if (!run.length) return;
      const first = run[0];
      const last = run[run.length - 1];
      const values = run.map(r => dayValues(r)[metric]!);
      const worst =
        METRIC_DIRECTION[metric] === 'min'
          ? Math.min(...values)
          : Math.max(...values);
      out.push({
        metric,
        started_at:
          metric === 'uptime' && first.first_down_at
            ? first.first_down_at
            : first.day,
        ended_at: open ? null : runEnd(metric, last),
        target: targetOf(last.targets, metric),
        value: worst,
      });
      run = [];
    };
    let prev: DailyRow | undefined;
    for (const r of rows) {
      const missed = dayChecks(r, r.targets)[metric] === 'missed';
      const consecutive = prev && r.day.getTime() - prev.day.getTime() === DAY;
      if (missed) {
        if (run.length && !consecutive) close(false);
        run.push(r);
      } else close(false);
      prev = r;
    }
    const last = run[run.length - 1];
    close(!!last && last.day.getTime() >= lastDay.getTime());
  }
  return out.sort((a, b) => a.started_at.getTime() - b.started_at.getTime());
}

function runEnd(metric: PpSlaMetric, last: DailyRow): Date {
  if (metric === 'uptime' && last.last_down_end) return last.last_down_end;
  return new Date(last.day.getTime() + DAY);
}

/**
 * A breach's severity: `critical` when the value misses by more than the target's whole margin
 * (uptime: more than twice the downtime budget used; others: at least twice the target), `major`
 * otherwise.
 */
export function breachSeverity(
  metric: PpSlaMetric,
  value: number,
  target: number,
): 'major' | 'critical' {
  if (METRIC_DIRECTION[metric] === 'min') {
    return 100 - value > 2 * (100 - target) ? 'critical' : 'major';
  }
  return value >= 2 * target ? 'critical' : 'major';
}

/** One step of the credit table: a month whose uptime is below `below` % earns `percent`. */
export interface CreditStep {
  below: number;
  percent: number;
}

/** The spec's example table (config `pp.sla.creditTable` replaces it). */
export const DEFAULT_CREDIT_TABLE: CreditStep[] = [
  { below: 99.9, percent: 10 },
  { below: 99.0, percent: 25 },
  { below: 95.0, percent: 50 },
];

/**
 * The credit % for a month's uptime: the largest percent among the steps whose `below` the uptime
 * is under (99.5 → 10, 98 → 25, 90 → 50); 0 when uptime is at or above every step.
 */
export function creditPercent(uptime: number, table: CreditStep[]): number {
  return table
    .filter(s => uptime < s.below)
    .reduce((a, s) => Math.max(a, s.percent), 0);
}

/** `amount × percent ÷ 100`, to the cent; null without a credit base. */
export function creditAmount(
  base: number | null,
  percent: number,
): number | null {
  if (base === null) return null;
  return Math.round(base * percent) / 100;
}

/** UTC day start of an instant. */
export function utcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY) * DAY);
}

export const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/** The UTC month before `at`: its first instant, the next month's first instant, `YYYY-MM`. */
export function previousMonth(at: Date) {
  const start = new Date(
    Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1),
  );
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  return { start, end, key: start.toISOString().slice(0, 7) };
}
