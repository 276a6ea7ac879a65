import { PpAlertThreshold, PpAlertType } from '@internal/plugin-pp-common';

/** What each rule's threshold means: its title and the unit of `threshold_value`. */
export const THRESHOLD_META: Record<
  PpAlertType,
  { title: string; unit: PpAlertThreshold['unit'] }
> = {
  service_down: {
    title: 'Service down (no successful check or heartbeat)',
    unit: 'minutes',
  },
  high_error_rate: { title: 'High error rate', unit: 'percent' },
  queue_backlog: { title: 'Queue backlog (pending items)', unit: 'items' },
  high_cpu_memory: { title: 'High CPU or memory', unit: 'percent' },
  ingestion_failing: {
    title: 'Knowledge ingestion failing (failed runs in a row)',
    unit: 'runs',
  },
};

/**
 * Why `value` cannot be the threshold of rule `type`, or undefined when it can: percentages
 * (error rate, CPU/memory) are at most 100; the schema already keeps every value above 0.
 */
export function thresholdRangeProblem(
  type: PpAlertType,
  value: number | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  if (THRESHOLD_META[type].unit === 'percent' && value > 100) {
    return 'threshold_value: must be a percentage at most 100';
  }
  if (THRESHOLD_META[type].unit === 'runs' && !Number.isInteger(value)) {
    return 'threshold_value: must be a whole number of runs';
  }
  return undefined;
}
