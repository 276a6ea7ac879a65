import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { IncidentRules, SPEC_INCIDENT_RULES } from '../domain/incidents';
import type { CpApiSettings } from '../cp/HttpCustomerPortalPort';
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
  /** The incident monitor (README "Incidents"). */
  incidents: {
    enabled: boolean;
    frequencyMinutes: number;
    initialDelaySeconds: number;
    rules: IncidentRules;
  };
  /** CP's API for PP's writes (`pp.customerPortal.api`); absent: not configured. */
  cpApi?: CpApiSettings;
  /** Attempts of a force-cancel before it is given up (failed). */
  forceCancelMaxAttempts: number;
  exports: ExportSettings;
}

/** `pp.customerPortal.api`: CP's API, where the CP port sends PP's writes. */
export function cpApiSettingsFromConfig(
  config: Config,
): CpApiSettings | undefined {
  const c = config.getOptionalConfig('pp.customerPortal.api');
  const baseUrl = c?.getOptionalString('baseUrl');
  if (!c || !baseUrl) return undefined;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InputError('pp.customerPortal.api.baseUrl must be a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      'pp.customerPortal.api.baseUrl must be an http(s) URL',
    );
  }
  const token = c.getOptionalString('token');
  if (!token) {
    throw new InputError(
      'pp.customerPortal.api.token is required with pp.customerPortal.api.baseUrl',
    );
  }
  const timeoutSeconds = c.getOptionalNumber('timeoutSeconds') ?? 10;
  if (!(timeoutSeconds > 0 && timeoutSeconds <= 120)) {
    throw new InputError(
      'pp.customerPortal.api.timeoutSeconds must be between 0 and 120',
    );
  }
  return { baseUrl, token, timeoutMs: Math.round(timeoutSeconds * 1000) };
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
  const maxAttempts = c?.getOptionalNumber('forceCancel.maxAttempts') ?? 8;
  if (!(Number.isInteger(maxAttempts) && maxAttempts >= 1)) {
    throw new InputError(
      'pp.subscriptions.forceCancel.maxAttempts must be a whole number of at least 1',
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
    cpApi: cpApiSettingsFromConfig(config),
    forceCancelMaxAttempts: maxAttempts,
  };
}
