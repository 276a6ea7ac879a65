import { PpAlertType } from '@internal/plugin-pp-common';
import { THRESHOLD_META, thresholdRangeProblem } from './thresholds';

describe('thresholdRangeProblem', () => {
  it.each<[PpAlertType, number | undefined, string | undefined]>([
    ['high_error_rate', 100, undefined],
    ['high_error_rate', 100.5, 'must be a percentage at most 100'],
    ['high_cpu_memory', 80, undefined],
    ['high_cpu_memory', 250, 'must be a percentage at most 100'],
    ['service_down', 250, undefined], // minutes
    ['queue_backlog', 50_000, undefined], // items
    ['ingestion_failing', 3, undefined], // failed runs in a row
    ['ingestion_failing', 2.5, 'must be a whole number of runs'],
    ['high_error_rate', undefined, undefined], // not changed
  ])('%s = %s', (type, value, problem) => {
    const got = thresholdRangeProblem(type, value);
    expect(got && got.replace(/^threshold_value: /, '')).toBe(problem);
  });

  it('knows every rule', () => {
    expect(Object.keys(THRESHOLD_META).sort()).toEqual([
      'high_cpu_memory',
      'high_error_rate',
      'ingestion_failing',
      'queue_backlog',
      'service_down',
    ]);
  });
});
