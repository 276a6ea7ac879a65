import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PP_ALERT_SEVERITIES,
  PpAlert,
  PpAlertSeverity,
  PpAlertThreshold,
  PpAlertType,
  PpQueueSystemStatus,
} from '@internal/plugin-pp-common';
import {
  PpNotificationMessage,
  PpTransactionalNotifier,
  toIso,
} from '@internal/plugin-pp-node';
import { Knex } from 'knex';
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
 * clears. An alert's firing or resolving and its notice are written in one transaction (the
 * notifier's outbox in this plugin's database), so a notice is never lost between the two.
 * A queue system that could not be read leaves its queues unknown: their open alerts stay open
 * (nothing is "resolved" because it was not measured) and their pending conditions are kept.
 */
export class AlertEvaluator {
  constructor(
    private readonly opts: {
      store: HealthStore;
      notifier: PpTransactionalNotifier;
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

  /** Queue systems whose figures are unknown in the last `measure` (read failed). */
  private unknownSystems = new Set<string>();
  private queuesUnknown = false;

  async measure(now: Date, thresholds: Map<PpAlertType, PpAlertThreshold>) {
    this.unknownSystems = new Set();
    this.queuesUnknown = false;
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
        this.queuesUnknown = true;
        this.opts.logger.warn(`Queue figures unavailable for alerts: ${e}`);
      }
      for (const sys of systems) {
        if (sys.status === 'not_configured') continue;
        // figures of a system that failed are unknown, not zero: measure only what was read
        if (sys.status === 'error') this.unknownSystems.add(sys.system);
        for (const q of sys.queues ?? []) {
          const figure = q.pending ?? q.depth;
          if (figure === null || figure === undefined) {
            this.unknownSystems.add(sys.system);
            continue;
          }
          const value = Number(figure);
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

    // open alerts whose subject is no longer measured (service removed, rule disabled, queue gone);
    // not those of a queue system whose figures are unknown right now
    const unknown = (k: string) => {
      const [type, system] = k.split('|');
      return (
        type === 'queue_backlog' &&
        thresholds.get('queue_backlog')?.enabled &&
        (this.queuesUnknown || this.unknownSystems.has(system))
      );
    };
    for (const [k, row] of open) {
      if (!measuredKeys.has(k) && !unknown(k)) {
        resolved.push(await this.resolve(row, now));
      }
    }
    for (const k of conditions.keys()) {
      if (!measuredKeys.has(k) && !unknown(k)) {
        await this.db('pp_alert_conditions')
          .where({ condition_key: k })
          .delete();
      }
    }

    if (fired.length || resolved.length) this.opts.notifier.flush();
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
      return await this.db.transaction(async tx => {
        const [row] = await tx('pp_health_alerts')
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
        const alert = alertFromRow(
          await tx('pp_health_alerts').where({ id }).first(),
        );
        await this.opts.notifier.enqueue(tx, this.notice(alert, 'fired'));
        return alert;
      });
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
    return this.db.transaction(async (tx: Knex.Transaction) => {
      const changed = await tx('pp_health_alerts')
        .where({ id: row.id, status: 'firing' })
        .update({
          status: 'resolved',
          resolved_at: now,
          updated_at: now,
          open_key: null,
        });
      const alert = alertFromRow(
        await tx('pp_health_alerts').where({ id: row.id }).first(),
      );
      // another evaluator resolved it first: it told about it
      if (changed) {
        await this.opts.notifier.enqueue(tx, this.notice(alert, 'resolved'));
      }
      return alert;
    });
  }

  private notice(
    alert: PpAlert,
    what: 'fired' | 'resolved',
  ): PpNotificationMessage {
    const critical = alert.severity === 'critical';
    return {
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
    };
  }
}

function severityOf(what: 'fired' | 'resolved', critical: boolean) {
  if (what === 'resolved') return 'normal' as const;
  return critical ? ('critical' as const) : ('high' as const);
}
