import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PP_ALERT_SEVERITIES,
  PpAlert,
  PpAlertSeverity,
  PpAlertThreshold,
  PpAlertType,
  PpQueueSystemStatus,
} from '@internal/plugin-pp-common';
import { PpNotifier, toIso } from '@internal/plugin-pp-node';
import { HealthStore, alertFromRow } from './HealthStore';
import {
  DEFAULT_SAMPLE_SECONDS,
  Measurement,
  measureServiceConditions,
} from './conditions';

const key = (m: {
  alert_type: string;
  service_id: string;
  subject: string | null;
}) => `${m.alert_type}|${m.service_id}|${m.subject ?? ''}`;

/**
 * The spec's alert rules, evaluated on a schedule with an injectable clock. Thresholds are read
 * from pp_alert_thresholds on every evaluation (edits take effect at the next one). One open alert
 * per rule + service (+ queue) — guarded by the unique `open_key`; it resolves when the condition
 * clears. Fire and resolve are told through the shared notifier.
 */
export class AlertEvaluator {
  constructor(
    private readonly opts: {
      store: HealthStore;
      notifier: PpNotifier;
      logger: LoggerService;
      /** Latest queue figures (QueueCollectors.latest). */
      queues: () => Promise<PpQueueSystemStatus[]>;
      /** Window over which the current error rate / metrics are measured; default 60 s. */
      sampleSeconds?: number;
      /** Base of portal links. */
      linkBase?: string;
      /** Severities also emailed to the infrastructure engineers; default all (critical, warning). */
      emailSeverities?: readonly PpAlertSeverity[];
    },
  ) {}

  private get db() {
    return this.opts.store.db;
  }

  async measure(now: Date, thresholds: Map<PpAlertType, PpAlertThreshold>) {
    const out: Measurement[] = await measureServiceConditions({
      db: this.db,
      services: await this.opts.store.activeServices(),
      now,
      thresholds,
      sampleSeconds: this.opts.sampleSeconds ?? DEFAULT_SAMPLE_SECONDS,
    });

    const backlog = thresholds.get('queue_backlog');
    if (backlog?.enabled) {
      let systems: PpQueueSystemStatus[] = [];
      try {
        systems = await this.opts.queues();
      } catch (e) {
        this.opts.logger.warn(`Queue figures unavailable for alerts: ${e}`);
      }
      for (const sys of systems) {
        if (sys.status === 'not_configured') continue;
        for (const q of sys.queues ?? []) {
          const value = Number(q.pending ?? q.depth ?? 0);
          out.push({
            alert_type: 'queue_backlog',
            service_id: sys.system,
            subject: q.name,
            breached: value > backlog.threshold_value,
            value,
            message: `${sys.system} queue ${q.name} has ${value} pending (threshold ${backlog.threshold_value})`,
          });
        }
      }
    }
    return out;
  }

  /** One evaluation; returns the alerts fired and resolved. */
  async evaluate(
    now: Date,
  ): Promise<{ fired: PpAlert[]; resolved: PpAlert[] }> {
    const thresholds = new Map(
      (await this.opts.store.thresholds()).map(t => [t.alert_type, t]),
    );
    const measurements = await this.measure(now, thresholds);
    const fired: PpAlert[] = [];
    const resolved: PpAlert[] = [];
    const measuredKeys = new Set(measurements.map(key));

    const conditions = new Map<string, Date>(
      (await this.db('pp_alert_conditions').select('*')).map((r: any) => [
        r.condition_key,
        new Date(toIso(r.since)!),
      ]),
    );
    const open = new Map<string, any>(
      (await this.db('pp_health_alerts').where({ status: 'firing' })).map(
        (r: any) => [r.open_key, r],
      ),
    );

    for (const m of measurements) {
      const k = key(m);
      const t = thresholds.get(m.alert_type)!;
      if (!m.breached) {
        if (conditions.has(k)) {
          await this.db('pp_alert_conditions')
            .where({ condition_key: k })
            .delete();
        }
        if (open.has(k)) resolved.push(await this.resolve(open.get(k), now));
        continue;
      }
      let since = conditions.get(k);
      if (!since) {
        since = now;
        await this.db('pp_alert_conditions')
          .insert({ condition_key: k, since: now })
          .onConflict('condition_key')
          .ignore();
      }
      const held = (now.getTime() - since.getTime()) / 1000;
      if (held < t.duration_seconds || open.has(k)) {
        if (open.has(k)) {
          await this.db('pp_health_alerts')
            .where({ id: open.get(k).id })
            .update({ value: m.value, updated_at: now });
        }
        continue;
      }
      const alert = await this.fire(m, t, since, now);
      if (alert) fired.push(alert);
    }

    // open alerts whose subject is no longer measured (service removed, rule disabled, queue gone)
    for (const [k, row] of open) {
      if (!measuredKeys.has(k)) resolved.push(await this.resolve(row, now));
    }
    for (const k of conditions.keys()) {
      if (!measuredKeys.has(k)) {
        await this.db('pp_alert_conditions')
          .where({ condition_key: k })
          .delete();
      }
    }

    for (const a of fired) await this.tell(a, 'fired');
    for (const a of resolved) await this.tell(a, 'resolved');
    return { fired, resolved };
  }

  private async fire(
    m: Measurement,
    t: PpAlertThreshold,
    since: Date,
    now: Date,
  ): Promise<PpAlert | undefined> {
    const k = key(m);
    try {
      const [row] = await this.db('pp_health_alerts')
        .insert({
          alert_type: m.alert_type,
          service_id: m.service_id,
          subject: m.subject,
          severity: t.severity,
          status: 'firing',
          message: m.message,
          value: m.value,
          threshold: t.threshold_value,
          started_at: since,
          resolved_at: null,
          updated_at: now,
          open_key: k,
        })
        .returning('id');
      const id = typeof row === 'object' ? row.id : row;
      return alertFromRow(
        await this.db('pp_health_alerts').where({ id }).first(),
      );
    } catch (e) {
      // another evaluator opened it first (unique open_key): no duplicate
      const existing = await this.db('pp_health_alerts')
        .where({ open_key: k })
        .first();
      if (existing) return undefined;
      throw e;
    }
  }

  private async resolve(row: any, now: Date): Promise<PpAlert> {
    await this.db('pp_health_alerts')
      .where({ id: row.id, status: 'firing' })
      .update({
        status: 'resolved',
        resolved_at: now,
        updated_at: now,
        open_key: null,
      });
    return alertFromRow(
      await this.db('pp_health_alerts').where({ id: row.id }).first(),
    );
  }

  private async tell(alert: PpAlert, what: 'fired' | 'resolved') {
    const critical = alert.severity === 'critical';
    try {
      await this.opts.notifier.notify({
        topic: `health.alert.${what}`,
        title:
          what === 'fired'
            ? `${critical ? 'CRITICAL' : 'Warning'}: ${alert.alert_type.replace(
                /_/g,
                ' ',
              )} — ${alert.service_id}`
            : `Resolved: ${alert.alert_type.replace(/_/g, ' ')} — ${
                alert.service_id
              }`,
        description: alert.message,
        link: `${
          this.opts.linkBase ?? '/pp/health'
        }/services/${encodeURIComponent(alert.service_id)}`,
        severity: severityOf(what, critical),
        to: { roles: ['infrastructure_engineer'] },
        slackChannel: 'platform-health',
        email: (this.opts.emailSeverities ?? PP_ALERT_SEVERITIES).includes(
          alert.severity,
        ),
        reference: `health-alert:${alert.id}`,
      });
    } catch (e) {
      this.opts.logger.error(`Could not notify about alert ${alert.id}: ${e}`);
    }
  }
}

function severityOf(what: 'fired' | 'resolved', critical: boolean) {
  if (what === 'resolved') return 'normal' as const;
  return critical ? ('critical' as const) : ('high' as const);
}
