import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { PP_LOG_RETENTION_DAYS_DEFAULT } from '@internal/plugin-pp-common';
import { LogStore } from '../logs/types';
import { QueueCollectors } from './types';

const DAY_MS = 86_400_000;

/** `pp.health.logs.retentionDays` (default 180, the spec's 6 months) and queue metrics (7 days). */
export function healthDataRetention(config: Config) {
  return {
    logDays:
      config.getOptionalNumber('pp.health.logs.retentionDays') ??
      PP_LOG_RETENTION_DAYS_DEFAULT,
    queueDays: config.getOptionalNumber('pp.health.queues.retentionDays') ?? 7,
    queueIntervalSeconds:
      config.getOptionalNumber('pp.health.queues.intervalSeconds') ?? 30,
  };
}

/** One retention run: logs older than the log retention, queue snapshots older than theirs. */
export async function runHealthDataRetention(opts: {
  store: LogStore;
  collectors: QueueCollectors;
  config: Config;
  now?: Date;
}) {
  const now = opts.now ?? new Date();
  const { logDays, queueDays } = healthDataRetention(opts.config);
  const logs = await opts.store.prune(
    new Date(now.getTime() - logDays * DAY_MS),
  );
  const queueRows = await opts.collectors.prune(
    new Date(now.getTime() - queueDays * DAY_MS),
  );
  return { logs, queueRows };
}

/**
 * Scheduled (one runner at a time across instances): queue collection every
 * `pp.health.queues.intervalSeconds` (30), retention daily.
 */
export async function scheduleHealthDataTasks(opts: {
  scheduler: SchedulerService;
  collectors: QueueCollectors;
  store: LogStore;
  config: Config;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, collectors, store, config, logger } = opts;
  const { queueIntervalSeconds } = healthDataRetention(config);
  await scheduler.scheduleTask({
    id: 'pp-health-queue-metrics',
    frequency: { seconds: queueIntervalSeconds },
    timeout: { seconds: Math.max(60, queueIntervalSeconds * 2) },
    initialDelay: { seconds: 5 },
    fn: async () => {
      await collectors.collectAndStore();
    },
  });
  await scheduler.scheduleTask({
    id: 'pp-health-data-retention',
    frequency: { hours: 24 },
    timeout: { hours: 2 },
    initialDelay: { minutes: 2 },
    fn: async () => {
      const run = await runHealthDataRetention({ store, collectors, config });
      logger.info(
        `Health data retention: deleted ${run.logs} log lines and ${run.queueRows} queue metric rows`,
      );
    },
  });
}
