import { ppAgentNameFromId } from '@internal/plugin-pp-common';
import type {
  PpSlaMetricCompliance,
  PpSlaStatus,
} from '@internal/plugin-pp-common';

export const STATUS_LABELS: Record<PpSlaStatus, string> = {
  compliant: 'Compliant',
  warning: 'Warning',
  breach: 'Breach',
  no_data: 'No data yet',
};

/** A metric's value or target with its unit, as people read it. */
export function formatMetric(
  unit: PpSlaMetricCompliance['unit'],
  value: number | null,
): string {
  if (value === null) return '—';
  if (unit === 'ms') return `${Math.round(value)} ms`;
  if (unit === 'hours') return `${value} h`;
  // two decimals at most: 99.8843 → 99.88 (an SLA's uptime reads in hundredths)
  return `${Math.round(value * 100) / 100} %`;
}

export function targetText(m: PpSlaMetricCompliance): string {
  const bound = m.metric === 'uptime' ? '≥' : '<';
  return `${bound} ${formatMetric(m.unit, m.target)}`;
}

/** `outage-agent` → `Outage agent`: agent ids as words. */
export const agentName = ppAgentNameFromId;

export function formatMinutes(m: number | null): string {
  if (m === null) return 'ongoing';
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}
