/*
 * DEMO DATA — seed/dev module only. Runs when `pp.demo.enabled` and `pp.health.demo.enabled` are both
 * on (`pp.health.demo.enabled` defaults to on with the demo; production turns pp.demo off). It sends heartbeats for the catalog's
 * seeded demo services (demoPolicy.ts; never a service registered later) through the same
 * HealthCommands.acceptHeartbeat the HTTP route uses, labelled `data_source: 'demo'`, with one
 * service flapping, so the dashboard and alerts are alive on first start.
 */
import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { HealthCommands } from '../service/HealthCommands';
import { healthDemoConfigured, isDemoService } from './demoPolicy';

export function healthDemoEnabled(config: Config): boolean {
  return healthDemoConfigured(config);
}

/** How often the demo generator sends each demo service's heartbeat. */
export const DEMO_HEARTBEAT_SECONDS = 30;

/** Deterministic pseudo-random in [0,1) from a string and a number. */
function noise(seed: string, n: number): number {
  let h = 2166136261 ^ n;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  }
  h = Math.imul(h ^ (h >>> 13), 0x5bd1e995);
  return ((h ^ (h >>> 15)) >>> 0) / 4294967296;
}

/** The service that flaps: the configured one, else the first in the list. */
export function flappingServiceId(config: Config, serviceIds: string[]) {
  return (
    config.getOptionalString('pp.health.demo.flappingService') ??
    (serviceIds.includes('notification-service')
      ? 'notification-service'
      : serviceIds[0])
  );
}

/**
 * `pp.health.demo.skipServices`: demo services the generator leaves alone, so their figures come
 * only from their own heartbeats (e.g. an end-to-end journey that reports for one of them).
 */
export function demoSkippedServices(config: Config): ReadonlySet<string> {
  return new Set(
    config.getOptionalStringArray('pp.health.demo.skipServices') ?? [],
  );
}

/** One round of demo heartbeats at `at` (for every active demo service not skipped). */
export async function sendDemoHeartbeats(
  service: HealthCommands,
  flapping: string | undefined,
  at: Date,
  signal?: AbortSignal,
  skip: ReadonlySet<string> = new Set(),
) {
  const services = (await service.store.activeServices()).filter(
    s => isDemoService(s.service_id) && !skip.has(s.service_id),
  );
  const tick = Math.floor(at.getTime() / 30_000);
  for (const s of services) {
    if (signal?.aborted) return;
    const r = noise(s.service_id, tick);
    // The flapping service has an incident every 30 minutes: 7 minutes with 30 % of requests failing
    // (long enough for the 5-minutes error-rate rule to fire), then 3 minutes down (no successful
    // heartbeat: the service-down rule fires), then it recovers and both alerts resolve. The status
    // is derived from these figures, so it is degraded, then down, then up again.
    const minuteOfThirty = Math.floor(at.getTime() / 60_000) % 30;
    const isFlapping = s.service_id === flapping;
    const down = isFlapping && minuteOfThirty >= 27;
    const erroring = isFlapping && minuteOfThirty >= 20 && !down;
    // the others stay below the 5 % error-rate threshold: their status is up
    let status: 'up' | 'degraded' | 'down' = 'up';
    let errorRate = Math.round(r * r * 0.04 * 1000) / 1000;
    if (down) {
      status = 'down';
      errorRate = 1;
    } else if (erroring) {
      status = 'degraded';
      errorRate = Math.round((0.28 + r * 0.04) * 1000) / 1000;
    }
    const body = {
      service_id: s.service_id,
      status,
      response_time_ms: Math.round(40 + r * 180 + (isFlapping ? 300 : 0)),
      error_rate: errorRate,
      cpu_percent: Math.round(20 + r * 45 + (erroring || down ? 25 : 0)),
      memory_percent: Math.round(35 + noise(s.entity_ref, tick) * 35),
      disk_percent: Math.round(40 + noise(s.title, 1) * 30),
      timestamp: at.toISOString(),
    };
    await service.acceptHeartbeat(s.entity_ref, body, { dataSource: 'demo' });
  }
}

/**
 * 24 h of heartbeats every 7 minutes (not a divisor of the 30-minute incident cycle), so charts and
 * uptime have history on first start. It resumes after the newest recorded check: a backfill cut
 * off by a shutdown (`signal`) is finished by the next run, and a complete one writes nothing more.
 */
export async function backfillDemoHistory(
  service: HealthCommands,
  flapping: string | undefined,
  logger: LoggerService,
  opts: {
    hours?: number;
    stepMinutes?: number;
    signal?: AbortSignal;
    /** The time the history leads up to (default: the service's clock now). */
    now?: Date;
    /** demo services left alone (`pp.health.demo.skipServices`) */
    skip?: ReadonlySet<string>;
  } = {},
) {
  const { hours = 24, stepMinutes = 7, signal, skip } = opts;
  const step = stepMinutes * 60_000;
  const now = (opts.now ?? service.now()).getTime();
  // Before the catalog has been read there is no demo service to write for: rounds counted now
  // would write nothing (and claim a backfill); the next run, with the services, does it.
  const services = await service.store.activeServices();
  if (!services.some(s => isDemoService(s.service_id))) return 0;
  const latest = await service.store.latestCheckAt({ data_source: 'demo' });
  let start = now - hours * 3_600_000 + 60_000;
  if (latest) start = Math.max(start, latest.getTime() + step);
  // The history ends one live interval before now: its last point is never closer to the live
  // heartbeats than they are to each other (it would read as a heartbeat sent twice).
  const end = now - DEMO_HEARTBEAT_SECONDS * 1000;
  let rounds = 0;
  for (let t = start; t < end; t += step) {
    // the backend is stopping (or the run timed out): the next run goes on from here
    if (signal?.aborted) {
      logger.info(`DEMO: backfill stopped after ${rounds} rounds`);
      return rounds;
    }
    await sendDemoHeartbeats(service, flapping, new Date(t), signal, skip);
    rounds++;
  }
  if (rounds)
    logger.info(`DEMO: backfilled ${rounds} rounds of health heartbeats`);
  return rounds;
}

/** Schedules the demo heartbeats (every 30 s) when enabled. */
export async function scheduleDemoHealth(opts: {
  config: Config;
  scheduler: SchedulerService;
  service: HealthCommands;
  logger: LoggerService;
}) {
  if (!healthDemoEnabled(opts.config)) return false;
  opts.logger.warn(
    'DEMO: generating health heartbeats (pp.health.demo.enabled)',
  );
  await opts.scheduler.scheduleTask({
    id: 'pp-health-demo-heartbeats',
    frequency: { seconds: DEMO_HEARTBEAT_SECONDS },
    timeout: { seconds: 60 },
    initialDelay: { seconds: 3 },
    // the scheduler aborts the signal on shutdown and on timeout: stop writing then
    fn: signal => demoHeartbeatRound({ ...opts, signal }),
  });
  return true;
}

/**
 * One run of the demo heartbeat task: the history when it is missing, then one heartbeat per demo
 * service, stamped with the run's START. (Stamped after a backfill that took 20 s, a heartbeat sat
 * 10 s from the next run's: it read as a heartbeat sent twice.)
 */
export async function demoHeartbeatRound(opts: {
  config: Config;
  service: HealthCommands;
  logger: LoggerService;
  signal?: AbortSignal;
}) {
  const at = opts.service.now();
  const services = await opts.service.store.activeServices();
  const flapping = flappingServiceId(
    opts.config,
    services.map(s => s.service_id),
  );
  const skip = demoSkippedServices(opts.config);
  await backfillDemoHistory(opts.service, flapping, opts.logger, {
    signal: opts.signal,
    now: at,
    skip,
  });
  await sendDemoHeartbeats(opts.service, flapping, at, opts.signal, skip);
}
