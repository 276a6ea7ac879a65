import type { PpSlaTargets, PpSlaTrendDay } from '@internal/plugin-pp-common';
import { formatMetric } from './labels';

/** The daily figures the dashboard's sparklines and the agent page's charts draw. */
export type SlaTrendMetric = 'uptime' | 'p95' | 'error_rate';

export interface SlaTrendMetricInfo {
  /** How people read it, e.g. "Uptime". */
  label: string;
  key: 'uptime_percent' | 'p95_response_ms' | 'error_rate_percent';
  unit: 'percent' | 'ms';
  /** Higher is better (uptime: the target is a floor) or lower is (a ceiling). */
  better: 'higher' | 'lower';
  target: (t: PpSlaTargets) => number;
}

export const SLA_TREND_METRICS: Record<SlaTrendMetric, SlaTrendMetricInfo> = {
  uptime: {
    label: 'Uptime',
    key: 'uptime_percent',
    unit: 'percent',
    better: 'higher',
    target: t => t.uptime_percent,
  },
  p95: {
    label: 'p95 response time',
    key: 'p95_response_ms',
    unit: 'ms',
    better: 'lower',
    target: t => t.response_time_p95_ms,
  },
  error_rate: {
    label: 'Error rate',
    key: 'error_rate_percent',
    unit: 'percent',
    better: 'lower',
    target: t => t.error_rate_percent,
  },
};

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** `2026-11-10` → `10 Nov` (UTC days, as the job stores them). */
export function shortDay(day: string): string {
  const [, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]}`;
}

/** Every UTC day from `from` to `to` (YYYY-MM-DD), oldest first. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** Whether a day's value misses the target (a floor for uptime, a ceiling for the others). */
export function misses(
  info: SlaTrendMetricInfo,
  value: number | null,
  target: number,
): boolean {
  if (value === null) return false;
  return info.better === 'higher' ? value < target : value >= target;
}

/**
 * The sentence of a metric's daily trend for screen readers (and the sparkline's hover title):
 * first → last and the worst day; with a target, how many days missed it.
 */
export function trendSentence(
  metric: SlaTrendMetric,
  days: ReadonlyArray<Pick<PpSlaTrendDay, 'day' | SlaTrendMetricInfo['key']>>,
  target?: number,
): string {
  const info = SLA_TREND_METRICS[metric];
  const known = days.flatMap(d => {
    const v = d[info.key];
    return v === null ? [] : [{ day: d.day, value: v }];
  });
  if (!known.length) {
    return `${info.label}: no daily figure in the last 30 days.`;
  }
  const f = (v: number) => formatMetric(info.unit, v);
  const first = known[0];
  const last = known[known.length - 1];
  const worst = known.reduce((w, d) =>
    (info.better === 'higher' ? d.value < w.value : d.value > w.value) ? d : w,
  );
  let text =
    known.length === 1
      ? `${info.label} on ${shortDay(first.day)}: ${f(first.value)}.`
      : `${info.label} per day from ${shortDay(first.day)} to ${shortDay(
          last.day,
        )}: ${f(first.value)} at first, ${f(last.value)} on the last day, ${
          info.better === 'higher' ? 'lowest' : 'highest'
        } ${f(worst.value)} on ${shortDay(worst.day)}.`;
  if (target !== undefined) {
    const missed = known.filter(d => misses(info, d.value, target)).length;
    const bound = info.better === 'higher' ? 'at least' : 'below';
    text += ` Target ${bound} ${f(target)}: ${
      missed === 0
        ? 'met every day'
        : `missed on ${missed} of ${known.length} ${
            known.length === 1 ? 'day' : 'days'
          }`
    }.`;
  }
  return text;
}
