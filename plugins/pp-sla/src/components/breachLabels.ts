import {
  PP_SLA_METRIC_LABELS,
  PpSlaBreach,
  PpSlaMetric,
} from '@internal/plugin-pp-common';
import { formatMetric, formatMinutes } from './labels';

const MINUTE = 60_000;

const METRIC_UNITS: Record<string, 'ms' | 'percent' | 'hours'> = {
  uptime: 'percent',
  response_time_p95: 'ms',
  error_rate: 'percent',
  support_response: 'hours',
  critical_resolution: 'hours',
};

/** A breach's metric in words: "Uptime", "Response time (p95)", "OLA commitment". */
export function breachMetricName(metric: string): string {
  if (metric === 'ola') return 'OLA commitment';
  return PP_SLA_METRIC_LABELS[metric as PpSlaMetric] ?? 'Another metric';
}

export const BREACH_SEVERITY_LABELS: Record<PpSlaBreach['severity'], string> = {
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};

/** A breach's worst value against its target, in the metric's unit: "96.5 % (target ≥ 99.9 %)". */
export function breachValueText(
  b: Pick<PpSlaBreach, 'metric' | 'value' | 'target'>,
): string {
  if (b.value === null) return '—';
  if (b.metric === 'ola') {
    const took = formatMinutes(Math.round(b.value));
    return b.target === null
      ? took
      : `${took} (commitment ${formatMinutes(b.target)})`;
  }
  const unit = METRIC_UNITS[b.metric] ?? 'percent';
  const value = formatMetric(unit, b.value);
  if (b.target === null) return value;
  const bound = b.metric === 'uptime' ? '≥' : '<';
  return `${value} (target ${bound} ${formatMetric(unit, b.target)})`;
}

/** How long a breach has been running at `now`: "1 h 12 min", "less than a minute". */
export function runningFor(startedAt: string, now: number): string {
  const minutes = Math.floor((now - Date.parse(startedAt)) / MINUTE);
  if (minutes < 1) return 'less than a minute';
  return formatMinutes(minutes);
}
