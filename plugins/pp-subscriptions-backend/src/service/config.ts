import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import os from 'node:os';
import path from 'node:path';

/** Where and how long run exports are kept (README "Exports"). */
export interface ExportSettings {
  /** The directory of export files; shared by every instance of a multi-instance deployment. */
  directory: string;
  /** Hours a finished export's file is kept before the exports job deletes it. */
  expiryHours: number;
  /** The most runs a PDF report lists (the CSV has them all). */
  pdfMaxRuns: number;
  /** Exports one instance makes at the same time; more wait queued. */
  maxConcurrent: number;
}

/** The plugin's settings (README "Subscriptions"). */
export interface SubscriptionSettings {
  /** The cadence of a subscription that does not state one (CP `expected_runs_per_day` null). */
  defaultExpectedRunsPerDay: number;
  /** How often the score job runs; each run (re)writes the day's score. */
  scoreJobMinutes: number;
  /** Delay of the first score job run after start. */
  scoreJobInitialDelaySeconds: number;
  exports: ExportSettings;
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
  const e = c?.getOptionalConfig('exports');
  const positive = (key: string, fallback: number, integer = true) => {
    const value = e?.getOptionalNumber(key) ?? fallback;
    if (!(value > 0) || (integer && !Number.isInteger(value))) {
      throw new InputError(
        `pp.subscriptions.exports.${key} must be a positive ${
          integer ? 'whole number' : 'number'
        }`,
      );
    }
    return value;
  };
  const exports: ExportSettings = {
    directory: path.resolve(
      e?.getOptionalString('directory') ??
        path.join(os.tmpdir(), 'pp-subscription-exports'),
    ),
    expiryHours: positive('expiryHours', 24, false),
    pdfMaxRuns: positive('pdfMaxRuns', 2000),
    maxConcurrent: positive('maxConcurrent', 2),
  };
  return {
    exports,
    defaultExpectedRunsPerDay: cadence,
    scoreJobMinutes: minutes,
    scoreJobInitialDelaySeconds:
      c?.getOptionalNumber('scoreJob.initialDelaySeconds') ?? 30,
  };
}
