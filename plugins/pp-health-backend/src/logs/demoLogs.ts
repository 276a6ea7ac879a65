/*
 * DEMO DATA (seed/dev only). Log lines for the embedded default (`pp.demo.enabled`), so the Logs
 * tab has something to search on a fresh machine. Never used outside the demo.
 */
import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { PpLogLevel } from '@internal/plugin-pp-common';
import { PP_DEMO_SERVICE_IDS } from '../demo/demoPolicy';
import { LogLine, LogStore } from './types';

/** The seeded demo services: the only ones the demo writes lines for. */
export const PP_DEMO_LOG_SERVICES = PP_DEMO_SERVICE_IDS;

const TEMPLATES: Array<[PpLogLevel, string]> = [
  ['info', 'GET /api/v1/health 200 in {n} ms'],
  ['info', 'POST /api/v1/subscriptions 201 in {n} ms for customer cus_{c}'],
  ['info', 'Temporal workflow agent-run-{c} completed in {n} ms'],
  ['info', 'processed {n} events from queue agent-events'],
  ['info', 'invoice inv_{c} generated for customer cus_{c}'],
  ['info', 'trial started for customer cus_{c} (7 days)'],
  ['debug', 'cache hit for key subscription:{c} (ttl 300s)'],
  ['warn', 'slow query on subscriptions took {n} ms (threshold 500 ms)'],
  [
    'warn',
    'retrying call to orchestration-service after timeout (attempt 2 of 3)',
  ],
  [
    'error',
    'upstream timeout after {n} ms calling payment gateway for cus_{c}',
  ],
  ['error', 'card declined for customer cus_{c}: insufficient funds'],
];

/** A small deterministic generator: the same demo on every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** 32 random bits as 8 hex digits. */
const hex32 = (rnd: () => number) =>
  Math.floor(rnd() * 2 ** 32)
    .toString(16)
    .padStart(8, '0');

/**
 * DEMO: one line per service every `everyMs` over the `windowMs` before `now` (default: 7 days,
 * one every 30 minutes). The same seed gives the same lines.
 */
export function demoLogLines(opts: {
  now: Date;
  windowMs?: number;
  everyMs?: number;
  seed?: number;
}): LogLine[] {
  const rnd = random(opts.seed ?? 20261125);
  const windowMs = opts.windowMs ?? 7 * 86_400_000;
  const step = opts.everyMs ?? 30 * 60_000;
  const end = opts.now.getTime();
  const lines: LogLine[] = [];
  for (let t = end - windowMs + step; t <= end; t += step) {
    for (const service of PP_DEMO_LOG_SERVICES) {
      const [level, template] = TEMPLATES[Math.floor(rnd() * TEMPLATES.length)];
      const c = String(1000 + Math.floor(rnd() * 9000));
      const n = String(5 + Math.floor(rnd() * 1500));
      lines.push({
        service_id: service,
        level,
        message: template.replace(/\{c\}/g, c).replace(/\{n\}/g, n),
        timestamp: new Date(t - Math.floor(rnd() * step)),
        trace_id: rnd() < 0.3 ? `${hex32(rnd)}${hex32(rnd)}` : null,
        attributes: { demo: true },
        data_source: 'demo',
      });
    }
  }
  return lines;
}

/** DEMO: fills an empty log store once (a store that holds lines is left alone). */
export async function seedDemoLogs(opts: {
  store: LogStore;
  logger: LoggerService;
  now?: Date;
}): Promise<number> {
  const existing = await opts.store.query({ limit: 1 });
  if (existing.items.length) return 0;
  const lines = demoLogLines({ now: opts.now ?? new Date() });
  const stored = await opts.store.ingest(lines);
  opts.logger.info(`DEMO: seeded ${stored} demo log lines`);
  return stored;
}

/**
 * DEMO: seeds an empty store, then sends a line per service every minute (through the store's
 * ingest, like `POST /health/logs`), so recent time ranges have lines too.
 */
export async function scheduleDemoLogs(opts: {
  scheduler: SchedulerService;
  store: LogStore;
  logger: LoggerService;
  now?: () => Date;
}): Promise<void> {
  const now = opts.now ?? (() => new Date());
  await seedDemoLogs({ store: opts.store, logger: opts.logger, now: now() });
  await opts.scheduler.scheduleTask({
    id: 'pp-health-demo-logs',
    frequency: { minutes: 1 },
    timeout: { seconds: 30 },
    initialDelay: { seconds: 60 },
    fn: async () => {
      const at = now();
      await opts.store.ingest(
        demoLogLines({
          now: at,
          windowMs: 60_000,
          everyMs: 60_000,
          seed: at.getTime(),
        }),
      );
    },
  });
}
