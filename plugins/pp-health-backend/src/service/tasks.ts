import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  PP_ALERT_SEVERITIES,
  PpAlertSeverity,
} from '@internal/plugin-pp-common';
import { AlertEvaluator } from './alerts';
import { runChecks } from './checker';
import { CatalogService, HealthStore } from '../database/HealthStore';

const DAY_MS = 86_400_000;

export interface HealthSettings {
  checkIntervalSeconds: number;
  checkTimeoutMs: number;
  degradedResponseMs: number;
  retentionDays: number;
  alertIntervalSeconds: number;
  /** Alert severities also emailed (when SMTP is configured); default all. */
  alertEmailSeverities: PpAlertSeverity[];
}

/** `pp.health.*` with the spec's defaults (checks every 30 s, 180 days of raw checks). */
export function healthSettings(config: Config): HealthSettings {
  const checkIntervalSeconds =
    config.getOptionalNumber('pp.health.checkIntervalSeconds') ?? 30;
  return {
    checkIntervalSeconds,
    checkTimeoutMs:
      config.getOptionalNumber('pp.health.checkTimeoutMs') ?? 5000,
    degradedResponseMs:
      config.getOptionalNumber('pp.health.degradedResponseMs') ?? 2000,
    retentionDays: config.getOptionalNumber('pp.health.retentionDays') ?? 180,
    alertIntervalSeconds:
      config.getOptionalNumber('pp.health.alertIntervalSeconds') ??
      checkIntervalSeconds,
    alertEmailSeverities: alertEmailSeverities(config),
  };
}

function alertEmailSeverities(config: Config): PpAlertSeverity[] {
  const key = 'pp.health.alerts.emailSeverities';
  const listed = config.getOptionalStringArray(key);
  if (!listed) return [...PP_ALERT_SEVERITIES];
  for (const s of listed) {
    if (!(PP_ALERT_SEVERITIES as readonly string[]).includes(s)) {
      throw new Error(
        `${key}: '${s}' is not an alert severity (${PP_ALERT_SEVERITIES.join(
          ', ',
        )})`,
      );
    }
  }
  return listed as PpAlertSeverity[];
}

/** Deletes raw checks and server metrics older than the retention (rollups are kept). */
export async function runHealthRetention(
  store: HealthStore,
  retentionDays: number,
  now: Date,
) {
  return store.prune(new Date(now.getTime() - retentionDays * DAY_MS));
}

/** Checks, alert evaluation and retention, each one runner at a time across instances. */
export async function scheduleHealthTasks(opts: {
  scheduler: SchedulerService;
  store: HealthStore;
  evaluator: AlertEvaluator;
  loadServices: () => Promise<CatalogService[]>;
  logger: LoggerService;
  settings: HealthSettings;
  now: () => Date;
  /**
   * Demo mode: the seeded demo services are not checked (their catalog URLs do not resolve; the
   * demo generator sends their heartbeats); every other service is.
   */
  isDemoService?: (serviceId: string) => boolean;
}) {
  const { scheduler, store, evaluator, logger, settings, now } = opts;
  await scheduler.scheduleTask({
    id: 'pp-health-checks',
    frequency: { seconds: settings.checkIntervalSeconds },
    timeout: { seconds: Math.max(60, settings.checkIntervalSeconds * 2) },
    initialDelay: { seconds: 5 },
    fn: async () => {
      await runChecks({
        store,
        loadServices: opts.loadServices,
        logger,
        check: {
          timeoutMs: settings.checkTimeoutMs,
          degradedResponseMs: settings.degradedResponseMs,
        },
        now,
        skip: opts.isDemoService,
      });
    },
  });
  await scheduler.scheduleTask({
    id: 'pp-health-alerts',
    frequency: { seconds: settings.alertIntervalSeconds },
    timeout: { seconds: Math.max(60, settings.alertIntervalSeconds * 2) },
    initialDelay: { seconds: 20 },
    fn: async () => {
      await evaluator.evaluate(now());
    },
  });
  await scheduler.scheduleTask({
    id: 'pp-health-retention',
    frequency: { hours: 24 },
    timeout: { hours: 2 },
    initialDelay: { minutes: 3 },
    fn: async () => {
      const r = await runHealthRetention(store, settings.retentionDays, now());
      logger.info(
        `Health retention: deleted ${r.checks} raw checks and ${r.metrics} server metric rows`,
      );
    },
  });
}
