import { randomUUID } from 'node:crypto';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  PpAlert,
  PpAlertThreshold,
  PpAlertType,
  PpReportedAlertType,
  PpHealthCheck,
  PpHealthDataSource,
  PpHealthOverview,
  PpHealthSeriesPoint,
  PpHealthSparkPoint,
  PpHealthSparklines,
  PpHealthWindow,
  PpMicroservice,
  PpMicroserviceDetail,
  PpSilence,
} from '@internal/plugin-pp-common';
import {
  PpPrincipal,
  clampPage,
  isPostgres,
  readPpChangeMark,
  toIso,
} from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { OpenAlert } from '../domain/alertRules';
import { PlannedSilence, silenceView } from '../domain/silences';
import { THRESHOLD_META } from '../domain/thresholds';
import {
  HISTOGRAM_COLUMNS,
  ROLLUP_BUCKET_MS,
  ROLLUP_SUM_COLUMNS,
  addRow,
  bucketStart,
  emptyAggregate,
  figures,
  histogramIndex,
} from '../service/rollups';
import {
  DEFAULT_SAMPLE_SECONDS,
  deriveServiceStatus,
  measureServiceConditions,
  sampleErrorRates,
} from '../service/conditions';
import { bucketTimelineStatus } from '../domain/timeline';
import {
  AlertFilter,
  CatalogService,
  HealthAlertTransaction,
  HealthRecord,
  HealthStore,
  MicroserviceFilter,
  MonitoredService,
  SilenceRecord,
  ThresholdPatch,
} from './HealthStore';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The overview shows windows starting within this long. */
const UPCOMING_SILENCE_MS = 7 * DAY_MS;

/** Runs the health migrations (their own knex migrations table). */
export async function migrateHealth(db: Knex) {
  await db.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-pp-health-backend',
      'migrations',
    ),
    tableName: 'pp_health_knex_migrations',
  });
}

export const WINDOWS: Record<PpHealthWindow, { ms: number; bucketMs: number }> =
  {
    '1h': { ms: HOUR_MS, bucketMs: 5 * 60_000 },
    '6h': { ms: 6 * HOUR_MS, bucketMs: 15 * 60_000 },
    '24h': { ms: DAY_MS, bucketMs: 30 * 60_000 },
    '7d': { ms: 7 * DAY_MS, bucketMs: 3 * HOUR_MS },
    '30d': { ms: 30 * DAY_MS, bucketMs: 12 * HOUR_MS },
  };

const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

export function alertFromRow(row: any): PpAlert {
  return {
    id: String(row.id),
    alert_type: row.alert_type,
    severity: row.severity,
    status: row.status,
    service_id: row.service_id,
    subject: row.subject ?? null,
    message: row.message,
    value: num(row.value),
    threshold: num(row.threshold),
    started_at: toIso(row.started_at)!,
    resolved_at: toIso(row.resolved_at),
    updated_at: toIso(row.updated_at)!,
    silenced: Boolean(row.silence_id),
    silence_id: row.silence_id ?? null,
    acknowledgement: row.acknowledged_at
      ? {
          by: {
            id: row.acknowledged_by_id,
            name: row.acknowledged_by_name,
            email: row.acknowledged_by_email ?? null,
          },
          at: toIso(row.acknowledged_at)!,
          note: row.acknowledge_note ?? null,
        }
      : null,
  };
}

const toDate = (v: unknown) => new Date(toIso(v)!);

function silenceFromRow(row: any): SilenceRecord {
  const person = (prefix: 'created_by' | 'ended_by') =>
    row[`${prefix}_id`]
      ? {
          id: row[`${prefix}_id`],
          name: row[`${prefix}_name`],
          email: row[`${prefix}_email`] ?? null,
        }
      : null;
  return {
    id: row.id,
    kind: row.kind,
    service_id: row.service_id ?? null,
    alert_type: row.alert_type ?? null,
    starts_at: toDate(row.starts_at),
    ends_at: toDate(row.ends_at),
    reason: row.reason,
    created_by: person('created_by')!,
    created_at: toDate(row.created_at),
    ended_by: person('ended_by'),
  };
}

export function thresholdFromRow(row: any): PpAlertThreshold {
  const type = row.alert_type as PpAlertType;
  return {
    alert_type: type,
    title: THRESHOLD_META[type]?.title ?? type,
    unit: THRESHOLD_META[type]?.unit ?? 'percent',
    threshold_value: Number(row.threshold_value),
    duration_seconds: Number(row.duration_seconds),
    severity: row.severity,
    enabled: Boolean(row.enabled),
    updated_by: row.updated_by ?? null,
    updated_at: toIso(row.updated_at),
  };
}

const STATUS_ORDER: Record<string, number> = {
  down: 0,
  degraded: 1,
  unknown: 2,
  up: 3,
};

/**
 * The health tables through knex, on SQLite and PostgreSQL. Create it with `create`, which runs
 * the migrations unless the backend says to skip them (`backend.database.skipMigrations`).
 */
export class DatabaseHealthStore implements HealthStore {
  static async create(options: {
    database: { getClient(): Promise<Knex>; migrations?: { skip?: boolean } };
    skipMigrations?: boolean;
  }): Promise<DatabaseHealthStore> {
    const db = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await migrateHealth(db);
    }
    return new DatabaseHealthStore(db);
  }

  private constructor(private readonly db: Knex) {}

  // ----- services -------------------------------------------------------------------------------

  /** Makes pp_service_status match the catalog: new services start unknown, removed ones go inactive. */
  async syncServices(services: CatalogService[], now: Date) {
    await this.db.transaction(async tx => {
      const existing = new Map<string, any>(
        (await tx('pp_service_status').select('*')).map(r => [r.service_id, r]),
      );
      const seen = new Set<string>();
      for (const s of services) {
        seen.add(s.service_id);
        const row = existing.get(s.service_id);
        const fields = {
          entity_ref: s.entity_ref,
          title: s.title,
          description: s.description,
          owner: s.owner,
          health_check_url: s.health_check_url,
          active: true,
        };
        if (!row) {
          await tx('pp_service_status').insert({
            service_id: s.service_id,
            ...fields,
            status: 'unknown',
            monitored_since: now,
            updated_at: now,
          });
        } else {
          const changed =
            !row.active ||
            row.entity_ref !== s.entity_ref ||
            row.title !== s.title ||
            (row.description ?? null) !== s.description ||
            (row.owner ?? null) !== s.owner ||
            (row.health_check_url ?? null) !== s.health_check_url;
          if (changed) {
            await tx('pp_service_status')
              .where({ service_id: s.service_id })
              .update({
                ...fields,
                // a service coming back is monitored from now on
                ...(row.active ? {} : { monitored_since: now }),
                updated_at: now,
              });
          }
        }
      }
      const gone = [...existing.values()]
        .filter(r => r.active && !seen.has(r.service_id))
        .map(r => r.service_id);
      if (gone.length) {
        await tx('pp_service_status')
          .whereIn('service_id', gone)
          .update({ active: false, updated_at: now });
      }
    });
  }

  changeMark(): Promise<string> {
    return readPpChangeMark(this.db, 'health');
  }

  async activeServices(): Promise<MonitoredService[]> {
    return this.db('pp_service_status')
      .where({ active: true })
      .orderBy('service_id');
  }

  async getService(serviceId: string): Promise<MonitoredService | undefined> {
    return this.db('pp_service_status')
      .where({ service_id: serviceId, active: true })
      .first();
  }

  /** service id → catalog entity ref of the active services. */
  async serviceRefs(): Promise<Map<string, string>> {
    const rows = await this.activeServices();
    return new Map(rows.map(r => [r.service_id, r.entity_ref]));
  }

  // ----- recording --------------------------------------------------------------------------------

  /** Stores one check or heartbeat: raw row, rollup bucket, latest state and server metrics. */
  async record(rec: HealthRecord): Promise<void> {
    const pg = isPostgres(this.db);
    const errorRate = rec.error_rate ?? (rec.status === 'down' ? 1 : 0);
    const ok = rec.status !== 'down';
    await this.db.transaction(async tx => {
      await tx('pp_health_checks').insert({
        service_id: rec.service_id,
        source: rec.source,
        data_source: rec.data_source ?? 'live',
        status: rec.status,
        response_time_ms: rec.response_time_ms ?? null,
        http_status: rec.http_status ?? null,
        error_rate: errorRate,
        error: rec.error ?? null,
        checked_at: rec.at,
      });

      const hist: Record<string, number> = {};
      HISTOGRAM_COLUMNS.forEach(c => {
        hist[c] = 0;
      });
      const hasResp =
        rec.response_time_ms !== null && rec.response_time_ms !== undefined;
      if (hasResp)
        hist[HISTOGRAM_COLUMNS[histogramIndex(rec.response_time_ms!)]] = 1;
      const row = {
        service_id: rec.service_id,
        bucket_start: bucketStart(rec.at, ROLLUP_BUCKET_MS),
        checks: 1,
        ok_checks: ok ? 1 : 0,
        down_checks: ok ? 0 : 1,
        resp_count: hasResp ? 1 : 0,
        resp_sum: hasResp ? rec.response_time_ms! : 0,
        resp_max: hasResp ? Math.round(rec.response_time_ms!) : 0,
        error_rate_sum: errorRate,
        ...hist,
      };
      const add = (col: string) =>
        tx.raw(`pp_health_rollups.${col} + excluded.${col}`);
      const merge: Record<string, any> = {};
      for (const col of ROLLUP_SUM_COLUMNS) {
        merge[col] = add(col);
      }
      merge.resp_max = tx.raw(
        `${
          pg ? 'GREATEST' : 'MAX'
        }(pp_health_rollups.resp_max, excluded.resp_max)`,
      );
      await tx('pp_health_rollups')
        .insert(row)
        .onConflict(['service_id', 'bucket_start'])
        .merge(merge);

      await tx('pp_health_daily')
        .insert({
          service_id: rec.service_id,
          day: bucketStart(rec.at, DAY_MS),
          checks: 1,
          ok_checks: ok ? 1 : 0,
        })
        .onConflict(['service_id', 'day'])
        .merge({
          checks: tx.raw('pp_health_daily.checks + excluded.checks'),
          ok_checks: tx.raw('pp_health_daily.ok_checks + excluded.ok_checks'),
        });

      const hasMetrics =
        (rec.cpu_percent ?? null) !== null ||
        (rec.memory_percent ?? null) !== null ||
        (rec.disk_percent ?? null) !== null;
      if (hasMetrics) {
        await tx('pp_server_metrics').insert({
          service_id: rec.service_id,
          cpu_percent: rec.cpu_percent ?? null,
          memory_percent: rec.memory_percent ?? null,
          disk_percent: rec.disk_percent ?? null,
          recorded_at: rec.at,
        });
      }

      // latest state: only move forward in time
      const current = await tx('pp_service_status')
        .where({ service_id: rec.service_id })
        .first();
      if (!current) return;
      const lastSeen = current.last_seen_at
        ? new Date(toIso(current.last_seen_at)!)
        : null;
      const update: Record<string, unknown> = { updated_at: rec.at };
      if (!lastSeen || lastSeen.getTime() <= rec.at.getTime()) {
        update.status = rec.status;
        update.data_source = rec.data_source ?? 'live';
        update.last_seen_at = rec.at;
        update.last_response_ms = hasResp
          ? Math.round(rec.response_time_ms!)
          : current.last_response_ms;
      }
      const lastOk = current.last_ok_at
        ? new Date(toIso(current.last_ok_at)!)
        : null;
      if (ok && (!lastOk || lastOk.getTime() < rec.at.getTime())) {
        update.last_ok_at = rec.at;
      }
      if (hasMetrics) {
        const metricsAt = current.metrics_at
          ? new Date(toIso(current.metrics_at)!)
          : null;
        if (!metricsAt || metricsAt.getTime() <= rec.at.getTime()) {
          update.cpu_percent = rec.cpu_percent ?? null;
          update.memory_percent = rec.memory_percent ?? null;
          update.disk_percent = rec.disk_percent ?? null;
          update.metrics_at = rec.at;
        }
      }
      await tx('pp_service_status')
        .where({ service_id: rec.service_id })
        .update(update);
    });
  }

  async latestCheckAt(
    filter: { data_source?: PpHealthDataSource } = {},
  ): Promise<Date | null> {
    const q = this.db('pp_health_checks');
    if (filter.data_source) q.where({ data_source: filter.data_source });
    const [{ latest }] = await q.max({ latest: 'checked_at' });
    return latest ? toDate(latest) : null;
  }

  /** Deletes raw checks and server metrics older than `before` (rollups stay). */
  async prune(before: Date): Promise<{ checks: number; metrics: number }> {
    const checks = await this.db('pp_health_checks')
      .where('checked_at', '<', before)
      .delete();
    const metrics = await this.db('pp_server_metrics')
      .where('recorded_at', '<', before)
      .delete();
    return { checks, metrics };
  }

  // ----- reads ------------------------------------------------------------------------------------

  private async rollupsSince(since: Date, serviceIds?: string[]) {
    const q = this.db('pp_health_rollups').where('bucket_start', '>=', since);
    if (serviceIds) q.whereIn('service_id', serviceIds);
    return q.select('*');
  }

  /** Rollup sums per service (in SQL) for buckets from `since` (and before `until`). */
  private async sumRollups(
    since: Date,
    opts: { until?: Date; serviceIds?: string[]; byService?: boolean } = {},
  ): Promise<any[]> {
    const q = this.db('pp_health_rollups').where('bucket_start', '>=', since);
    if (opts.until) q.where('bucket_start', '<', opts.until);
    if (opts.serviceIds) q.whereIn('service_id', opts.serviceIds);
    const sums: Record<string, string> = {};
    for (const col of ROLLUP_SUM_COLUMNS) {
      sums[col] = col;
    }
    q.sum(sums).max({ resp_max: 'resp_max' });
    if (opts.byService) q.select('service_id').groupBy('service_id');
    return q;
  }

  private async openAlertCounts(): Promise<Map<string, number>> {
    const rows = await this.db('pp_health_alerts')
      .where({ status: 'firing' })
      .groupBy('service_id')
      .select('service_id')
      .count({ n: '*' });
    return new Map(rows.map((r: any) => [r.service_id, Number(r.n)]));
  }

  private microservice(
    row: any,
    day: ReturnType<typeof figures> | undefined,
    openAlerts: number,
  ): PpMicroservice {
    return {
      service_id: row.service_id,
      entity_ref: row.entity_ref,
      title: row.title,
      owner: row.owner ?? null,
      health_check_url: row.health_check_url ?? null,
      status: row.status,
      status_reason: row.status_reason,
      last_seen_at: toIso(row.last_seen_at),
      last_ok_at: toIso(row.last_ok_at),
      p50_response_ms: day?.p50_response_ms ?? null,
      p95_response_ms: day?.p95_response_ms ?? null,
      // the figure the status and the error-rate alert are derived from (asOf), not another window
      error_rate: row.sample_error_rate ?? null,
      uptime_24h_percent: day?.uptime_percent ?? null,
      cpu_percent: num(row.cpu_percent),
      memory_percent: num(row.memory_percent),
      disk_percent: num(row.disk_percent),
      open_alerts: openAlerts,
      data_source: row.data_source === 'demo' ? 'demo' : 'live',
    };
  }

  /**
   * The status to show, derived by the status rule table (conditions.ts, deriveServiceStatus) from
   * the same measurements the alert rules fire on and the service's open alerts, with the sentence
   * that says why. `status` in pp_service_status is only the last check's or heartbeat's own word.
   */
  private async asOf(rows: any[], now: Date): Promise<any[]> {
    if (!rows.length) return rows;
    const thresholds = new Map(
      (await this.thresholds()).map(t => [t.alert_type, t]),
    );
    const errorRates = await sampleErrorRates({
      db: this.db,
      serviceIds: rows.map(r => r.service_id),
      now,
    });
    const measurements = await measureServiceConditions({
      db: this.db,
      services: rows,
      now,
      thresholds,
      errorRates,
    });
    const firing = await this.db('pp_health_alerts')
      .where({ status: 'firing' })
      .whereIn(
        'service_id',
        rows.map(r => r.service_id),
      )
      .select('service_id', 'alert_type');
    return rows.map(r => {
      const derived = deriveServiceStatus({
        lastReported: r.last_seen_at ? r.status : null,
        measurements: measurements.filter(m => m.service_id === r.service_id),
        openAlerts: firing
          .filter((a: any) => a.service_id === r.service_id)
          .map((a: any) => a.alert_type),
      });
      return {
        ...r,
        status: derived.status,
        status_reason: derived.reason,
        sample_error_rate: errorRates.get(r.service_id) ?? null,
      };
    });
  }

  async listMicroservices(
    now: Date,
    filter: MicroserviceFilter = {},
  ): Promise<PpMicroservice[]> {
    const rows = await this.asOf(await this.activeServices(), now);
    const dayRows = await this.sumRollups(
      bucketStart(new Date(now.getTime() - DAY_MS)),
      { byService: true },
    );
    const day = new Map<string, ReturnType<typeof emptyAggregate>>();
    for (const r of dayRows) day.set(r.service_id, addRow(emptyAggregate(), r));
    const alerts = await this.openAlertCounts();
    let items = rows.map((r: any) =>
      this.microservice(
        r,
        day.has(r.service_id) ? figures(day.get(r.service_id)!) : undefined,
        alerts.get(r.service_id) ?? 0,
      ),
    );
    if (filter.service_id) {
      items = items.filter(i => i.service_id === filter.service_id);
    }
    if (filter.status) items = items.filter(i => i.status === filter.status);
    if (filter.q) {
      const q = filter.q.toLocaleLowerCase('en-US');
      items = items.filter(
        i =>
          i.service_id.toLocaleLowerCase('en-US').includes(q) ||
          i.title.toLocaleLowerCase('en-US').includes(q),
      );
    }
    const sort = filter.sort ?? 'status';
    const dir = filter.order === 'desc' ? -1 : 1;
    const key = (i: PpMicroservice): number | string => {
      switch (sort) {
        case 'status':
          return STATUS_ORDER[i.status] ?? 9;
        case 'p95_response_ms':
          return i.p95_response_ms ?? -1;
        case 'error_rate':
          return i.error_rate ?? -1;
        case 'title':
          return i.title.toLocaleLowerCase('en-US');
        default:
          return i.service_id;
      }
    };
    items.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka < kb) return -dir;
      if (ka > kb) return dir;
      return a.service_id.localeCompare(b.service_id);
    });
    return items;
  }

  async overview(
    now: Date,
    checkIntervalSeconds: number,
  ): Promise<PpHealthOverview> {
    const rows = await this.asOf(await this.activeServices(), now);
    const ids = rows.map(r => r.service_id);
    const count = (s: string) => rows.filter(r => r.status === s).length;
    // uptime: whole UTC days from pp_health_daily, the partial first day from 5-minute rollups
    const uptimes = async (ms: number) => {
      if (!ids.length) return null;
      const since = bucketStart(new Date(now.getTime() - ms));
      const firstWholeDay = new Date(
        Math.ceil(since.getTime() / DAY_MS) * DAY_MS,
      );
      const [part] = await this.db('pp_health_rollups')
        .where('bucket_start', '>=', since)
        .where('bucket_start', '<', firstWholeDay)
        .whereIn('service_id', ids)
        .sum({ checks: 'checks', ok_checks: 'ok_checks' });
      const [days] = await this.db('pp_health_daily')
        .where('day', '>=', firstWholeDay)
        .whereIn('service_id', ids)
        .sum({ checks: 'checks', ok_checks: 'ok_checks' });
      const checks = Number(part?.checks ?? 0) + Number(days?.checks ?? 0);
      const okChecks =
        Number(part?.ok_checks ?? 0) + Number(days?.ok_checks ?? 0);
      return checks ? Math.round((okChecks / checks) * 100000) / 1000 : null;
    };
    const [u24, u7, u30] = await Promise.all([
      uptimes(DAY_MS),
      uptimes(7 * DAY_MS),
      uptimes(30 * DAY_MS),
    ]);
    const open = await this.db('pp_health_alerts')
      .where({ status: 'firing' })
      .groupBy('severity')
      .select('severity')
      .count({ n: '*' });
    const bySeverity = (s: string) =>
      Number(open.find((o: any) => o.severity === s)?.n ?? 0);
    const recent = await this.db('pp_health_alerts')
      .orderByRaw(`CASE WHEN status = 'firing' THEN 0 ELSE 1 END`)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(5);
    return {
      service_count: rows.length,
      up: count('up'),
      degraded: count('degraded'),
      down: count('down'),
      unknown: count('unknown'),
      uptime_percent: {
        '24h': u24,
        '7d': u7,
        '30d': u30,
      },
      open_alerts: {
        critical: bySeverity('critical'),
        warning: bySeverity('warning'),
        total: bySeverity('critical') + bySeverity('warning'),
      },
      recent_alerts: recent.map(alertFromRow),
      check_interval_seconds: checkIntervalSeconds,
      demo_services: rows.filter((r: any) => r.data_source === 'demo').length,
      silences: await this.silencesInView(now),
      generated_at: now.toISOString(),
    };
  }

  async detail(
    serviceId: string,
    window: PpHealthWindow,
    now: Date,
  ): Promise<PpMicroserviceDetail> {
    const found = await this.getService(serviceId);
    if (!found) throw new NotFoundError(`No monitored service ${serviceId}`);
    const [row] = await this.asOf([found], now);
    const { ms, bucketMs } = WINDOWS[window];
    const since = bucketStart(new Date(now.getTime() - Math.max(ms, DAY_MS)));
    const roll = await this.rollupsSince(since, [serviceId]);
    const dayStart = bucketStart(new Date(now.getTime() - DAY_MS)).getTime();
    const windowStart = bucketStart(
      new Date(now.getTime() - ms),
      bucketMs,
    ).getTime();
    const errorThreshold = (await this.thresholds()).find(
      t => t.alert_type === 'high_error_rate',
    );
    const resources = await this.resourceBuckets(
      serviceId,
      new Date(windowStart),
      now,
      bucketMs,
    );
    const day = emptyAggregate();
    const buckets = new Map<number, ReturnType<typeof emptyAggregate>>();
    for (const r of roll) {
      const t = new Date(toIso(r.bucket_start)!).getTime();
      if (t >= dayStart) addRow(day, r);
      if (t >= windowStart) {
        const b = Math.floor(t / bucketMs) * bucketMs;
        addRow(buckets.get(b) ?? setGet(buckets, b), r);
      }
    }
    const series: PpHealthSeriesPoint[] = [];
    for (let t = windowStart; t <= now.getTime(); t += bucketMs) {
      const agg = buckets.get(t);
      const f = agg ? figures(agg) : undefined;
      const res = resources.get(t);
      series.push({
        at: new Date(t).toISOString(),
        checks: f?.checks ?? 0,
        p50_response_ms: f?.p50_response_ms ?? null,
        p95_response_ms: f?.p95_response_ms ?? null,
        max_response_ms: f?.max_response_ms ?? null,
        error_rate: f?.error_rate ?? null,
        uptime_percent: f?.uptime_percent ?? null,
        status: bucketTimelineStatus(
          {
            checks: agg?.checks ?? 0,
            down_checks: agg?.down_checks ?? 0,
            error_rate: f?.error_rate ?? null,
          },
          errorThreshold?.enabled ? errorThreshold.threshold_value : null,
        ),
        cpu_percent: res?.cpu ?? null,
        memory_percent: res?.memory ?? null,
        disk_percent: res?.disk ?? null,
      });
    }
    const checks = await this.db('pp_health_checks')
      .where({ service_id: serviceId })
      .orderBy('checked_at', 'desc')
      .orderBy('id', 'desc')
      .limit(20);
    const alerts = await this.db('pp_health_alerts')
      .where({ service_id: serviceId })
      .orderByRaw(`CASE WHEN status = 'firing' THEN 0 ELSE 1 END`)
      .orderBy('started_at', 'desc')
      .limit(20);
    const open = alerts.filter(a => a.status === 'firing').length;
    return {
      ...this.microservice(row, day.checks ? figures(day) : undefined, open),
      description: row.description ?? null,
      window,
      bucket_seconds: bucketMs / 1000,
      series,
      recent_checks: checks.map(
        (c): PpHealthCheck => ({
          id: String(c.id),
          service_id: c.service_id,
          source: c.source,
          status: c.status,
          response_time_ms: num(c.response_time_ms),
          http_status: num(c.http_status),
          error_rate: num(c.error_rate),
          error: c.error ?? null,
          checked_at: toIso(c.checked_at)!,
          data_source: c.data_source === 'demo' ? 'demo' : 'live',
        }),
      ),
      alerts: alerts.map(alertFromRow),
      silences: await this.silencesInView(now, serviceId),
    };
  }

  /**
   * Average CPU, memory and disk per bucket of `bucketMs` from `since` to `now`, grouped in SQL
   * (a 30-day window holds tens of thousands of heartbeats). Keyed by bucket start (ms).
   */
  private async resourceBuckets(
    serviceId: string,
    since: Date,
    now: Date,
    bucketMs: number,
  ): Promise<
    Map<
      number,
      { cpu: number | null; memory: number | null; disk: number | null }
    >
  > {
    const size = Math.round(bucketMs);
    // Timestamps are timestamptz on PostgreSQL and epoch milliseconds on SQLite.
    const bucket = isPostgres(this.db)
      ? `floor(extract(epoch from recorded_at) * 1000 / ${size})`
      : `cast(recorded_at / ${size} as integer)`;
    const rows = await this.db('pp_server_metrics')
      .where({ service_id: serviceId })
      .where('recorded_at', '>=', since)
      .where('recorded_at', '<=', now)
      .select(this.db.raw(`${bucket} as b`))
      .avg({
        cpu: 'cpu_percent',
        memory: 'memory_percent',
        disk: 'disk_percent',
      })
      .groupByRaw('1');
    const round = (v: unknown) =>
      v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10;
    return new Map(
      rows.map((r: any) => [
        Number(r.b) * size,
        { cpu: round(r.cpu), memory: round(r.memory), disk: round(r.disk) },
      ]),
    );
  }

  /**
   * The overview's sparklines: error rate and p95 per bucket of the window for every active
   * service, from one read of the 5-minute rollups (no query per service).
   */
  async sparklines(
    window: '1h' | '6h' | '24h',
    now: Date,
  ): Promise<PpHealthSparklines> {
    const { ms, bucketMs } = WINDOWS[window];
    const windowStart = bucketStart(new Date(now.getTime() - ms), bucketMs);
    // one statement: every active service, with its rollups of the window (none: no data)
    const rows = await this.db('pp_service_status')
      .leftJoin('pp_health_rollups', join =>
        join
          .on('pp_health_rollups.service_id', 'pp_service_status.service_id')
          .andOnVal('pp_health_rollups.bucket_start', '>=', windowStart),
      )
      .where('pp_service_status.active', true)
      .orderBy('pp_service_status.service_id')
      .select('pp_service_status.service_id as sid', 'pp_health_rollups.*');
    const ids: string[] = [];
    const byService = new Map<
      string,
      Map<number, ReturnType<typeof emptyAggregate>>
    >();
    for (const r of rows) {
      if (ids[ids.length - 1] !== r.sid) ids.push(r.sid);
      if (r.bucket_start === null || r.bucket_start === undefined) continue;
      const t = new Date(toIso(r.bucket_start)!).getTime();
      const b = Math.floor(t / bucketMs) * bucketMs;
      const buckets = byService.get(r.service_id) ?? new Map();
      byService.set(r.service_id, buckets);
      addRow(buckets.get(b) ?? setGet(buckets, b), r);
    }
    return {
      window,
      bucket_seconds: bucketMs / 1000,
      items: ids.map(service_id => {
        const buckets = byService.get(service_id);
        const points: PpHealthSparkPoint[] = [];
        for (let t = windowStart.getTime(); t <= now.getTime(); t += bucketMs) {
          const agg = buckets?.get(t);
          const f = agg ? figures(agg) : undefined;
          points.push({
            at: new Date(t).toISOString(),
            error_rate: f?.error_rate ?? null,
            p95_response_ms: f?.p95_response_ms ?? null,
          });
        }
        return { service_id, points };
      }),
    };
  }

  /** Silences in force or starting within 7 days (of one service: its own and every-service ones). */
  private async silencesInView(
    now: Date,
    serviceId?: string,
  ): Promise<PpSilence[]> {
    const horizon = now.getTime() + UPCOMING_SILENCE_MS;
    return (
      await this.listSilences({ endingAfter: now, service_id: serviceId })
    )
      .filter(s => s.starts_at.getTime() <= horizon)
      .map(s => silenceView(s, now));
  }

  async listAlerts(filter: AlertFilter) {
    const { limit, offset } = clampPage(filter.limit, filter.offset);
    const q = this.db('pp_health_alerts');
    if (filter.status) q.where({ status: filter.status });
    if (filter.service_id) q.where({ service_id: filter.service_id });
    if (filter.severity) q.where({ severity: filter.severity });
    if (filter.alert_type) q.where({ alert_type: filter.alert_type });
    const [{ n }] = await q.clone().count({ n: '*' });
    const rows = await q
      .orderByRaw(`CASE WHEN status = 'firing' THEN 0 ELSE 1 END`)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset);
    return {
      items: rows.map(alertFromRow),
      total_count: Number(n),
      limit,
      offset,
    };
  }

  // ----- thresholds -------------------------------------------------------------------------------

  async thresholds(): Promise<PpAlertThreshold[]> {
    const rows = await this.db('pp_alert_thresholds').orderBy('alert_type');
    return rows.map(thresholdFromRow);
  }

  async updateThreshold(
    type: PpAlertType,
    patch: ThresholdPatch,
    by: string,
    now: Date,
  ): Promise<{ before: PpAlertThreshold; after: PpAlertThreshold }> {
    return this.db.transaction(async tx => {
      const row = await tx('pp_alert_thresholds')
        .where({ alert_type: type })
        .first();
      if (!row) throw new NotFoundError(`No alert threshold ${type}`);
      await tx('pp_alert_thresholds')
        .where({ alert_type: type })
        .update({ ...patch, updated_by: by, updated_at: now });
      const after = await tx('pp_alert_thresholds')
        .where({ alert_type: type })
        .first();
      return { before: thresholdFromRow(row), after: thresholdFromRow(after) };
    });
  }

  // ----- alert evaluation -------------------------------------------------------------------------

  async measure(
    now: Date,
    thresholds: Map<PpAlertType, PpAlertThreshold>,
    sampleSeconds = DEFAULT_SAMPLE_SECONDS,
  ) {
    const measured = await measureServiceConditions({
      db: this.db,
      services: await this.activeServices(),
      now,
      thresholds,
      sampleSeconds,
    });
    // the figures other PP plugins report, judged against their rule's threshold (at least it)
    const reported = await this.db('pp_health_reported_conditions').select('*');
    for (const r of reported) {
      const rule = thresholds.get(r.alert_type as PpAlertType);
      if (!rule?.enabled) continue;
      const value = Number(r.value);
      measured.push({
        alert_type: r.alert_type as PpAlertType,
        service_id: r.service_id,
        subject: r.subject,
        breached: value >= rule.threshold_value,
        value,
        message: r.message,
      });
    }
    return measured;
  }

  async reportCondition(report: {
    alert_type: PpReportedAlertType;
    service_id: string;
    subject: string;
    value: number;
    message: string;
    now: Date;
  }) {
    const { now, ...row } = report;
    await this.db('pp_health_reported_conditions')
      .insert({ ...row, reported_at: now })
      .onConflict(['alert_type', 'service_id', 'subject'])
      .merge(['value', 'message', 'reported_at']);
  }

  async conditions(): Promise<Map<string, Date>> {
    const rows = await this.db('pp_alert_conditions').select('*');
    return new Map(rows.map((r: any) => [r.condition_key, toDate(r.since)]));
  }

  async startConditions(conditions: Array<{ key: string; since: Date }>) {
    for (const c of conditions) {
      await this.db('pp_alert_conditions')
        .insert({ condition_key: c.key, since: c.since })
        .onConflict('condition_key')
        .ignore();
    }
  }

  async clearConditions(keys: string[]) {
    if (keys.length) {
      await this.db('pp_alert_conditions')
        .whereIn('condition_key', keys)
        .delete();
    }
  }

  async openAlerts(): Promise<Map<string, OpenAlert>> {
    const rows = await this.db('pp_health_alerts').where({ status: 'firing' });
    return new Map(
      rows.map((r: any) => [
        r.open_key,
        {
          id: String(r.id),
          alert_type: r.alert_type,
          service_id: r.service_id,
          open_key: r.open_key,
          notified: r.notified_at !== null && r.notified_at !== undefined,
          acknowledged: Boolean(r.acknowledged_at),
        },
      ]),
    );
  }

  async updateAlertValue(id: string, value: number | null, now: Date) {
    await this.db('pp_health_alerts')
      .where({ id })
      .update({ value, updated_at: now });
  }

  async alertTransaction<T>(
    work: (uow: HealthAlertTransaction) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async tx => {
      const find = async (id: unknown) =>
        alertFromRow(await tx('pp_health_alerts').where({ id }).first());
      return work({
        tx,
        open: async a => {
          const key = `${a.measurement.alert_type}|${
            a.measurement.service_id
          }|${a.measurement.subject ?? ''}`;
          // another evaluator opened it first (unique open_key): no duplicate
          const [row] = await tx('pp_health_alerts')
            .insert({
              alert_type: a.measurement.alert_type,
              service_id: a.measurement.service_id,
              subject: a.measurement.subject,
              severity: a.threshold.severity,
              status: 'firing',
              message: a.measurement.message,
              value: a.measurement.value,
              threshold: a.threshold.threshold_value,
              started_at: a.since,
              resolved_at: null,
              updated_at: a.now,
              open_key: key,
              silence_id: a.silenceId,
              notified_at: a.notified ? a.now : null,
            })
            .onConflict('open_key')
            .ignore()
            .returning('id');
          if (!row) return undefined;
          return find(typeof row === 'object' ? row.id : row);
        },
        resolve: async (id, now) => {
          const changed = await tx('pp_health_alerts')
            .where({ id, status: 'firing' })
            .update({
              status: 'resolved',
              resolved_at: now,
              updated_at: now,
              open_key: null,
            });
          return { alert: await find(id), changed: changed > 0 };
        },
        acknowledge: async (id, ack) => {
          const row = await tx('pp_health_alerts').where({ id }).first();
          if (!row) return { outcome: 'missing' };
          if (row.status !== 'firing') {
            return { outcome: 'resolved', alert: alertFromRow(row) };
          }
          if (row.acknowledged_at) {
            return { outcome: 'acknowledged', alert: alertFromRow(row) };
          }
          // guarded: of two people acknowledging at once, one wins and the other gets a 409
          const changed = await tx('pp_health_alerts')
            .where({ id, status: 'firing' })
            .whereNull('acknowledged_at')
            .update({
              acknowledged_at: ack.now,
              acknowledged_by_id: ack.by.id,
              acknowledged_by_name: ack.by.name,
              acknowledged_by_email: ack.by.email ?? null,
              acknowledge_note: ack.note,
              updated_at: ack.now,
            });
          const alert = await find(id);
          return changed
            ? { outcome: 'done', alert }
            : {
                outcome:
                  alert.status === 'firing' ? 'acknowledged' : 'resolved',
                alert,
              };
        },
        markNotified: async (id, now) => {
          const changed = await tx('pp_health_alerts')
            .where({ id, status: 'firing' })
            .whereNull('notified_at')
            .update({ notified_at: now });
          return changed ? find(id) : undefined;
        },
      });
    });
  }

  // ----- silences ---------------------------------------------------------------------------------

  async listSilences(
    filter: { endingAfter?: Date; service_id?: string } = {},
  ): Promise<SilenceRecord[]> {
    const q = this.db('pp_health_silences');
    if (filter.endingAfter) q.where('ends_at', '>', filter.endingAfter);
    if (filter.service_id) {
      q.where(w =>
        w.where({ service_id: filter.service_id }).orWhereNull('service_id'),
      );
    }
    const rows = await q.orderBy('starts_at').orderBy('id');
    return rows.map(silenceFromRow);
  }

  async getSilence(id: string): Promise<SilenceRecord | undefined> {
    const row = await this.db('pp_health_silences').where({ id }).first();
    return row ? silenceFromRow(row) : undefined;
  }

  async createSilence(
    silence: PlannedSilence,
    by: PpPrincipal,
    now: Date,
  ): Promise<SilenceRecord> {
    const id = randomUUID();
    await this.db('pp_health_silences').insert({
      id,
      ...silence,
      created_by_id: by.id,
      created_by_name: by.name,
      created_by_email: by.email,
      created_at: now,
    });
    return (await this.getSilence(id))!;
  }

  async endSilence(
    id: string,
    endsAt: Date,
    by: PpPrincipal,
  ): Promise<SilenceRecord> {
    await this.db('pp_health_silences').where({ id }).update({
      ends_at: endsAt,
      ended_by_id: by.id,
      ended_by_name: by.name,
      ended_by_email: by.email,
    });
    const ended = await this.getSilence(id);
    if (!ended) throw new NotFoundError(`No silence ${id}`);
    return ended;
  }
}

function setGet<K>(
  map: Map<K, ReturnType<typeof emptyAggregate>>,
  key: K,
): ReturnType<typeof emptyAggregate> {
  const agg = emptyAggregate();
  map.set(key, agg);
  return agg;
}
