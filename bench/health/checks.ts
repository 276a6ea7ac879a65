/*
 * Health checks part of the benchmark: 6.7 M rows in `pp_health_checks` (13 services × one check
 * every 30 s × 180 days), the 5-minute rollups (`pp_health_rollups`) and the latest state
 * (`pp_service_status`) exactly as the plugin's `HealthStore.record` keeps them, then the overview
 * (`HealthStore.overview`, GET /pp/v1/health/overview) and a service's detail
 * (`HealthStore.detail`, GET /pp/v1/health/microservices/{id}?window=24h) through the plugin's code,
 * each next to raw SQL that computes the same figures in the database.
 */
import { Knex } from 'knex';
import { HealthStore } from '../../plugins/pp-health-backend/src/service/HealthStore';
// The spec's 13 monitored services.
import { PP_DEMO_LOG_SERVICES as SERVICES } from '../../plugins/pp-health-backend/src/logs/demoLogs';
import { HISTOGRAM_BOUNDS } from '../../plugins/pp-health-backend/src/service/rollups';
import { Comparison, bulkLoad, compare, progress } from './util';

const DAY_MS = 86_400_000;
const BUCKET_S = 300;

function histogramSql() {
  return HISTOGRAM_BOUNDS.map((upper, i) => {
    const lower = i === 0 ? null : HISTOGRAM_BOUNDS[i - 1];
    const conds = [
      'response_time_ms is not null',
      ...(lower === null ? [] : [`response_time_ms > ${lower}`]),
      ...(Number.isFinite(upper) ? [`response_time_ms <= ${upper}`] : []),
    ];
    return `count(*) filter (where ${conds.join(' and ')}) as h${i}`;
  }).join(',\n  ');
}

/**
 * Uptime % of one window in SQL: the partial first day from the 5-minute rollups ($since ..
 * $firstDay), whole days from pp_health_daily, over the active services.
 */
function uptimeSql(since: number, firstDay: number) {
  const active = `service_id in (select service_id from pp_service_status where active)`;
  const part = (col: string) =>
    `(select coalesce(sum(${col}), 0) from pp_health_rollups where bucket_start >= $${since} and bucket_start < $${firstDay} and ${active})`;
  const days = (col: string) =>
    `(select coalesce(sum(${col}), 0) from pp_health_daily where day >= $${firstDay} and ${active})`;
  return `round(100.0 * (${part('ok_checks')} + ${days(
    'ok_checks',
  )}) / nullif(${part('checks')} + ${days('checks')}, 0), 3)`;
}

/** The per-day table HealthStore.record keeps beside the rollups (overview uptime 7d/30d). */
async function fillDaily(knex: Knex, admin: any) {
  await knex.raw(`insert into pp_health_daily (service_id, day, checks, ok_checks)
    select service_id, date_trunc('day', bucket_start at time zone 'UTC') at time zone 'UTC', sum(checks), sum(ok_checks)
      from pp_health_rollups group by 1, 2`);
  await admin.query('analyze pp_health_daily');
}

export async function benchChecks(opts: {
  knex: Knex;
  pool: any;
  admin: any;
  scale: number;
  endMs: number;
  iterations: number;
}): Promise<Comparison[]> {
  const { knex, pool, admin, scale, endMs, iterations } = opts;
  for (const t of [
    'pp_health_checks',
    'pp_health_rollups',
    'pp_service_status',
    'pp_health_daily',
  ]) {
    if (!(await knex.schema.hasTable(t))) {
      console.log(
        `  health checks: the plugin's migrations have no ${t}; skipped`,
      );
      return [];
    }
  }
  const store = new HealthStore(knex);
  const now = new Date(endMs);
  const perService = Math.round(((180 * 86_400) / 30) * scale);
  const rows = perService * SERVICES.length;
  const [{ n }] = await knex('pp_health_checks').count({ n: '*' });
  if (Number(n) === 0) {
    // the services, as the catalog sync makes them
    await store.syncServices(
      SERVICES.map(id => ({
        service_id: id,
        entity_ref: `component:default/${id}`,
        title: id,
        description: null,
        owner: 'group:default/platform',
        health_check_url: `http://${id}.internal/health`,
      })),
      new Date(endMs - 180 * DAY_MS),
    );
    const chunk = 500_000;
    const took = await bulkLoad(admin, 'pp_health_checks', async () => {
      for (let from = 0; from < rows; from += chunk) {
        const to = Math.min(from + chunk, rows) - 1;
        // row g: service g % 13, the (g / 13)-th check back from the end, 30 s apart;
        // ~0.3 % down, ~1 % degraded, response times 20..420 ms (a few slow), error rates 0..4 %
        await knex.raw(
          `insert into pp_health_checks (service_id, source, status, response_time_ms, http_status, error_rate, error, checked_at)
           select (array[${SERVICES.map(s => `'${s}'`).join(
             ',',
           )}])[1 + (g % 13)], 'check',
             case when (g * 7919) % 331 = 0 then 'down' when (g * 7919) % 97 = 0 then 'degraded' else 'up' end,
             case when (g * 7919) % 331 = 0 then null when (g * 13) % 101 = 0 then 900 + (g % 1500) else 20 + (g * 31) % 400 end,
             case when (g * 7919) % 331 = 0 then 503 else 200 end,
             case when (g * 7919) % 331 = 0 then 1 else ((g * 17) % 400) / 10000.0 end,
             case when (g * 7919) % 331 = 0 then 'connect ECONNREFUSED' end,
             timestamptz 'epoch' + ((:end::bigint - (g / 13) * 30000) * interval '1 millisecond')
           from generate_series(:from::bigint, :to::bigint) g`,
          { end: endMs, from, to },
        );
        progress(
          `  pp_health_checks: ${(to + 1).toLocaleString(
            'en-US',
          )} / ${rows.toLocaleString('en-US')}`,
        );
      }
    });
    console.log(
      `\n  loaded ${rows.toLocaleString('en-US')} health checks: insert ${
        took.insertS
      } s, indexes ${took.indexS} s, analyze ${took.analyzeS} s`,
    );
    // the rollups and latest state HealthStore.record maintains, built in one pass
    let t = Date.now();
    await knex.raw(`insert into pp_health_rollups
      select service_id, to_timestamp(floor(extract(epoch from checked_at) / ${BUCKET_S}) * ${BUCKET_S}) as bucket_start,
        count(*), count(*) filter (where status <> 'down'), count(*) filter (where status = 'down'),
        count(response_time_ms), coalesce(sum(response_time_ms), 0), coalesce(max(response_time_ms), 0),
        coalesce(sum(error_rate), 0),
        ${histogramSql()}
      from pp_health_checks group by 1, 2`);
    await admin.query('analyze pp_health_rollups');
    await fillDaily(knex, admin);
    await knex.raw(`update pp_service_status s set status = l.status, last_seen_at = l.checked_at,
        last_response_ms = l.response_time_ms, updated_at = l.checked_at,
        last_ok_at = (select max(checked_at) from pp_health_checks c where c.service_id = s.service_id and c.status <> 'down')
      from (select distinct on (service_id) service_id, status, checked_at, response_time_ms
            from pp_health_checks order by service_id, checked_at desc) l
      where l.service_id = s.service_id`);
    const [{ r }] = await knex('pp_health_rollups').count({ r: '*' });
    console.log(
      `  built ${Number(r).toLocaleString(
        'en-US',
      )} rollup rows and the latest state in ${(
        (Date.now() - t) /
        1000
      ).toFixed(1)} s`,
    );
    t = Date.now();
  }

  const [{ d }] = await knex('pp_health_daily').count({ d: '*' });
  if (Number(d) === 0) await fillDaily(knex, admin);

  // Raw SQL computing the overview's figures in the database: status counts, uptime over
  // 24 h / 7 d / 30 d from the rollups, open alerts by severity, the 5 latest alerts.
  const bucket = (ms: number) =>
    new Date(Math.floor((endMs - ms) / (BUCKET_S * 1000)) * BUCKET_S * 1000);
  const overviewSql = {
    text: `select
      (select json_object_agg(status, n) from (select status, count(*) n from pp_service_status where active group by status) s) as statuses,
      json_build_object('24h', ${uptimeSql(1, 2)}, '7d', ${uptimeSql(
      3,
      4,
    )}, '30d', ${uptimeSql(5, 6)}) as uptime,
      (select json_object_agg(severity, n) from (select severity, count(*) n from pp_health_alerts where status = 'firing' group by severity) a) as open_alerts,
      (select json_agg(a) from (select * from pp_health_alerts order by case when status = 'firing' then 0 else 1 end, started_at desc, id desc limit 5) a) as recent`,
    values: [DAY_MS, 7 * DAY_MS, 30 * DAY_MS].flatMap(ms => [
      bucket(ms),
      new Date(Math.ceil(bucket(ms).getTime() / DAY_MS) * DAY_MS),
    ]),
  };
  // Raw SQL for a service's 24 h detail: the row, 30-minute series (p95 from the histogram is
  // left to the caller), the last 20 checks, its alerts.
  const detailSql = {
    text: `select
      (select row_to_json(s) from pp_service_status s where service_id = $1 and active) as service,
      (select json_agg(b order by b.at) from (
         select to_timestamp(floor(extract(epoch from bucket_start) / 1800) * 1800) as at,
           sum(checks) checks, sum(ok_checks) ok, sum(error_rate_sum) err, max(resp_max) max_ms,
           sum(h0) h0, sum(h1) h1, sum(h2) h2, sum(h3) h3, sum(h4) h4, sum(h5) h5, sum(h6) h6,
           sum(h7) h7, sum(h8) h8, sum(h9) h9, sum(h10) h10, sum(h11) h11
         from pp_health_rollups where service_id = $1 and bucket_start >= $2 group by 1) b) as series,
      (select json_agg(c) from (select * from pp_health_checks where service_id = $1
         order by checked_at desc, id desc limit 20) c) as recent_checks,
      (select json_agg(a) from (select * from pp_health_alerts where service_id = $1
         order by case when status = 'firing' then 0 else 1 end, started_at desc limit 20) a) as alerts`,
    values: ['payment-service', bucket(DAY_MS)],
  };

  const overview = await store.overview(now, 30);
  console.log(
    `  overview: ${overview.service_count} services, uptime 24h ${overview.uptime_percent['24h']} %, 7d ${overview.uptime_percent['7d']} %, 30d ${overview.uptime_percent['30d']} %`,
  );
  const raw = (await pool.query(overviewSql)).rows[0];
  console.log(`  raw SQL uptime: ${JSON.stringify(raw.uptime)}`);

  const results: Comparison[] = [];
  results.push(
    await compare(
      'health overview (HealthStore.overview, 13 services)',
      () => store.overview(now, 30),
      () => pool.query(overviewSql),
      iterations,
      50,
    ),
  );
  results.push(
    await compare(
      'service detail, 24 h (HealthStore.detail)',
      () => store.detail('payment-service', '24h', now),
      () => pool.query(detailSql),
      iterations,
    ),
  );
  results.push(
    await compare(
      'microservices list (HealthStore.listMicroservices)',
      () => store.listMicroservices(now),
      () =>
        pool.query({
          text: `select s.*, r.* from pp_service_status s left join lateral (
            select sum(checks) checks, sum(ok_checks) ok, sum(error_rate_sum) err, max(resp_max) max_ms,
              sum(h0) h0, sum(h1) h1, sum(h2) h2, sum(h3) h3, sum(h4) h4, sum(h5) h5, sum(h6) h6,
              sum(h7) h7, sum(h8) h8, sum(h9) h9, sum(h10) h10, sum(h11) h11
            from pp_health_rollups r where r.service_id = s.service_id and r.bucket_start >= $1) r on true
            where s.active order by s.service_id`,
          values: [bucket(DAY_MS)],
        }),
      iterations,
    ),
  );
  return results;
}
