import { PpServiceStatus } from '@internal/plugin-pp-common';

/**
 * The status of one bucket on a service's status timeline (README "Status timeline"), from its
 * rollup figures; first match wins:
 *
 * | # | condition                                                          | status   |
 * | - | ------------------------------------------------------------------ | -------- |
 * | 1 | no check or heartbeat in the bucket                                | unknown  |
 * | 2 | a check failed (or a heartbeat said down) in the bucket            | down     |
 * | 3 | its error rate is above the `high_error_rate` threshold (if on)    | degraded |
 * | 4 | otherwise                                                          | up       |
 *
 * `errorThresholdPercent` is the rule's threshold (percent), null when the rule is off.
 */
export function bucketTimelineStatus(
  bucket: { checks: number; down_checks: number; error_rate: number | null },
  errorThresholdPercent: number | null,
): PpServiceStatus {
  if (!bucket.checks) return 'unknown';
  if (bucket.down_checks > 0) return 'down';
  if (
    errorThresholdPercent !== null &&
    bucket.error_rate !== null &&
    bucket.error_rate * 100 > errorThresholdPercent
  ) {
    return 'degraded';
  }
  return 'up';
}
