import {
  ppHealthDailyQuerySchema,
  ppHealthDailySchema,
  ppHealthReadPermission,
  PpHealthDay,
} from '@internal/plugin-pp-common';
import { PpApiRouter, ppCommand, toIso } from '@internal/plugin-pp-node';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { z } from 'zod';
import {
  HISTOGRAM_COLUMNS,
  ROLLUP_BUCKET_MS,
  addRow,
  emptyAggregate,
  histogramQuantile,
} from './rollups';

const DAY_MS = 86_400_000;
const BUCKET_MINUTES = ROLLUP_BUCKET_MS / 60_000;

/**
 * A service's health per UTC day from its 5-minute rollups: the read model the SLA plugin's
 * daily compliance job uses (`GET /health/microservices/{service_id}/daily?from=&to=`). Down
 * minutes of a bucket are 5 × down checks ÷ checks; the buckets with any are listed so maintenance
 * windows can be taken out.
 */
export async function healthDaily(
  db: Knex,
  serviceId: string,
  from: string,
  to: string,
): Promise<{ service_id: string; days: PpHealthDay[] }> {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS);
  if (end <= start) throw new InputError('to must not be before from');
  if (end.getTime() - start.getTime() > 190 * DAY_MS) {
    throw new InputError('At most 190 days at a time');
  }
  const rows = await db('pp_health_rollups')
    .where({ service_id: serviceId })
    .andWhere('bucket_start', '>=', start)
    .andWhere('bucket_start', '<', end)
    .orderBy('bucket_start')
    .select(
      'bucket_start',
      'checks',
      'down_checks',
      'resp_max',
      'resp_count',
      'resp_sum',
      'error_rate_sum',
      'ok_checks',
      ...HISTOGRAM_COLUMNS,
    );
  const byDay = new Map<
    string,
    { agg: ReturnType<typeof emptyAggregate>; day: PpHealthDay }
  >();
  for (const r of rows) {
    const at = toIso(r.bucket_start)!;
    const key = at.slice(0, 10);
    let entry = byDay.get(key);
    if (!entry) {
      entry = {
        agg: emptyAggregate(),
        day: {
          day: key,
          checks: 0,
          down_checks: 0,
          observed_minutes: 0,
          down_minutes: 0,
          p95_response_ms: null,
          error_rate_sum: 0,
          down_buckets: [],
        },
      };
      byDay.set(key, entry);
    }
    addRow(entry.agg, r);
    const checks = Number(r.checks) || 0;
    const down = Number(r.down_checks) || 0;
    if (checks > 0) entry.day.observed_minutes += BUCKET_MINUTES;
    if (checks > 0 && down > 0) {
      const minutes = (BUCKET_MINUTES * down) / checks;
      entry.day.down_minutes += minutes;
      entry.day.down_buckets.push({ start: at, minutes });
    }
  }
  const days = [...byDay.values()].map(({ agg, day }) => ({
    ...day,
    checks: agg.checks,
    down_checks: agg.down_checks,
    error_rate_sum: agg.error_rate_sum,
    p95_response_ms: histogramQuantile(agg.hist, 0.95, agg.resp_max),
  }));
  return { service_id: serviceId, days };
}

/** Mounts the daily read on the plugin's documented router. */
export function addHealthDailyRoute(routes: PpApiRouter, db: Knex) {
  const command = ppCommand({
    name: 'pp.health.read',
    permission: ppHealthReadPermission,
    input: ppHealthDailyQuerySchema.extend({
      service_id: z.string().min(1).max(100),
    }),
    run: (_ctx, { service_id, from, to }) =>
      healthDaily(db, service_id, from, to),
  });
  routes.get('/health/microservices/{service_id}/daily', {
    command,
    summary: 'A service’s health per UTC day (uptime, p95, error rate)',
    description:
      'From the 5-minute rollups: per day the checks, down checks, down minutes (5 min × down ÷ checks per bucket) with the buckets they fell in, the p95 response time and the sum of error rates. The SLA plugin’s daily compliance job reads it.',
    response: ppHealthDailySchema,
  });
}
