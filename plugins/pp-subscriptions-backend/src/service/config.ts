import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** The plugin's settings (README "Subscriptions"). */
export interface SubscriptionSettings {
  /** The cadence of a subscription that does not state one (CP `expected_runs_per_day` null). */
  defaultExpectedRunsPerDay: number;
  /** How often the score job runs; each run (re)writes the day's score. */
  scoreJobMinutes: number;
  /** Delay of the first score job run after start. */
  scoreJobInitialDelaySeconds: number;
}

export function subscriptionSettingsFromConfig(
  config: Config,
): SubscriptionSettings {
  const c = config.getOptionalConfig('pp.subscriptions');
  const cadence = c?.getOptionalNumber('defaultExpectedRunsPerDay') ?? 1;
  if (!(cadence > 0)) {
    throw new InputError(
      'pp.subscriptions.defaultExpectedRunsPerDay must be greater than 0',
    );
  }
  const minutes = c?.getOptionalNumber('scoreJob.frequencyMinutes') ?? 60;
  if (!(minutes >= 1)) {
    throw new InputError(
      'pp.subscriptions.scoreJob.frequencyMinutes must be at least 1',
    );
  }
  return {
    defaultExpectedRunsPerDay: cadence,
    scoreJobMinutes: minutes,
    scoreJobInitialDelaySeconds:
      c?.getOptionalNumber('scoreJob.initialDelaySeconds') ?? 30,
  };
}
