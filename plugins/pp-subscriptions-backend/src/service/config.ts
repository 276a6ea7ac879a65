import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { IncidentRules, SPEC_INCIDENT_RULES } from '../domain/incidents';

/** The plugin's settings (README "Subscriptions"). */
export interface SubscriptionSettings {
  /** The cadence of a subscription that does not state one (CP `expected_runs_per_day` null). */
  defaultExpectedRunsPerDay: number;
  /** How often the score job runs; each run (re)writes the day's score. */
  scoreJobMinutes: number;
  /** Delay of the first score job run after start. */
  scoreJobInitialDelaySeconds: number;
  /** The incident monitor (README "Incidents"). */
  incidents: {
    enabled: boolean;
    frequencyMinutes: number;
    initialDelaySeconds: number;
    rules: IncidentRules;
  };
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
  const inc = c?.getOptionalConfig('incidents');
  const incidentMinutes = inc?.getOptionalNumber('frequencyMinutes') ?? 10;
  if (!(incidentMinutes >= 1)) {
    throw new InputError(
      'pp.subscriptions.incidents.frequencyMinutes must be at least 1',
    );
  }
  return {
    incidents: {
      enabled: inc?.getOptionalBoolean('enabled') ?? true,
      frequencyMinutes: incidentMinutes,
      initialDelaySeconds: inc?.getOptionalNumber('initialDelaySeconds') ?? 90,
      rules: SPEC_INCIDENT_RULES,
    },
    defaultExpectedRunsPerDay: cadence,
    scoreJobMinutes: minutes,
    scoreJobInitialDelaySeconds:
      c?.getOptionalNumber('scoreJob.initialDelaySeconds') ?? 30,
  };
}
