import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PpAlert,
  PpAlertSeverity,
  PpQueueSystemStatus,
} from '@internal/plugin-pp-common';
import { PpTransactionalNotifier } from '@internal/plugin-pp-node';
import { planAlerts, queueBacklogMeasurements } from '../domain/alertRules';
import { alertNotice } from '../domain/notices';
import { HealthStore } from '../database/HealthStore';
import { DEFAULT_SAMPLE_SECONDS } from './conditions';

/**
 * The scheduled alert evaluation with an injectable clock: measure (the store, the queue
 * collectors), decide (the rules in domain/alertRules.ts), write. Thresholds are read on every
 * evaluation (edits take effect at the next one). An alert's firing or resolving and its notice are
 * written in one transaction (the notifier's outbox in this plugin's database), so a notice is
 * never lost between the two. An alert that fires under a silence or maintenance window is
 * recorded with it and not notified (nor its resolution); if it still fires when the window is
 * over, it is notified then.
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

  /** One evaluation; returns the alerts fired (silenced ones included) and resolved. */
  async evaluate(
    now: Date,
  ): Promise<{ fired: PpAlert[]; resolved: PpAlert[] }> {
    const { store } = this.opts;
    const thresholds = new Map(
      (await store.thresholds()).map(t => [t.alert_type, t]),
    );
    const measurements = await store.measure(
      now,
      thresholds,
      this.opts.sampleSeconds ?? DEFAULT_SAMPLE_SECONDS,
    );
    let unknownSystems = new Set<string>();
    let queuesUnknown = false;
    const backlog = thresholds.get('queue_backlog');
    if (backlog?.enabled) {
      try {
        const queues = queueBacklogMeasurements(
          await this.opts.queues(),
          backlog,
        );
        measurements.push(...queues.measurements);
        unknownSystems = queues.unknownSystems;
      } catch (e) {
        queuesUnknown = true;
        this.opts.logger.warn(`Queue figures unavailable for alerts: ${e}`);
      }
    }

    const plan = planAlerts({
      now,
      thresholds,
      measurements,
      conditions: await store.conditions(),
      open: await store.openAlerts(),
      queuesUnknown,
      unknownSystems,
      silences: await store.listSilences({ endingAfter: now }),
    });

    await store.startConditions(plan.startConditions);
    await store.clearConditions(plan.clearConditions);
    for (const u of plan.updateValues) {
      await store.updateAlertValue(u.id, u.value, now);
    }
    const fired: PpAlert[] = [];
    const resolved: PpAlert[] = [];
    let told = false;
    for (const f of plan.fire) {
      const notify = f.silenceId === null;
      const alert = await store.alertTransaction(async uow => {
        const opened = await uow.open({ ...f, notified: notify, now });
        if (opened && notify) {
          await this.opts.notifier.enqueue(
            uow.tx,
            this.notice(opened, 'fired'),
          );
        }
        return opened;
      });
      if (alert) fired.push(alert);
      told ||= Boolean(alert && notify);
    }
    for (const late of plan.notifyLate) {
      told ||= await store.alertTransaction(async uow => {
        const alert = await uow.markNotified(late.id, now);
        if (alert) {
          await this.opts.notifier.enqueue(uow.tx, this.notice(alert, 'fired'));
        }
        return Boolean(alert);
      });
    }
    for (const r of plan.resolve) {
      const { alert, notified } = await store.alertTransaction(async uow => {
        const { alert: done, changed } = await uow.resolve(r.alert.id, now);
        // another evaluator resolved it first: it told about it
        if (changed && r.notify) {
          await this.opts.notifier.enqueue(
            uow.tx,
            this.notice(done, 'resolved'),
          );
        }
        return { alert: done, notified: changed && r.notify };
      });
      resolved.push(alert);
      told ||= notified;
    }

    if (told) this.opts.notifier.flush();
    return { fired, resolved };
  }

  private notice(alert: PpAlert, what: 'fired' | 'resolved') {
    return alertNotice(alert, what, {
      linkBase: this.opts.linkBase,
      emailSeverities: this.opts.emailSeverities,
    });
  }
}
