import {
  PpAlertThreshold,
  PpAlertType,
  PpQueueSystemStatus,
} from '@internal/plugin-pp-common';
import type { Measurement } from '../service/conditions';
import { SilenceWindow, coveringSilence } from './silences';

/** One open alert per rule, service and subject (the unique `open_key` of pp_health_alerts). */
export const alertKey = (m: {
  alert_type: string;
  service_id: string;
  subject: string | null;
}) => `${m.alert_type}|${m.service_id}|${m.subject ?? ''}`;

/**
 * The queue-backlog rule's measurements from the collectors' latest figures. A system that could
 * not be read (status `error`, or a queue without a figure) is unknown, not zero: its queues are
 * not measured, and it is listed in `unknownSystems` so their open alerts stay open.
 */
export function queueBacklogMeasurements(
  systems: readonly PpQueueSystemStatus[],
  backlog: PpAlertThreshold,
): { measurements: Measurement[]; unknownSystems: Set<string> } {
  const measurements: Measurement[] = [];
  const unknownSystems = new Set<string>();
  for (const sys of systems) {
    if (sys.status === 'not_configured') continue;
    if (sys.status === 'error') unknownSystems.add(sys.system);
    for (const q of sys.queues ?? []) {
      const figure = q.pending ?? q.depth;
      if (figure === null || figure === undefined) {
        unknownSystems.add(sys.system);
        continue;
      }
      const value = Number(figure);
      measurements.push({
        alert_type: 'queue_backlog',
        service_id: sys.system,
        subject: q.name,
        breached: value > backlog.threshold_value,
        value,
        message: `${sys.system} queue ${q.name} has ${value} pending (threshold ${backlog.threshold_value})`,
      });
    }
  }
  return { measurements, unknownSystems };
}

/** An open alert as the rules see it. */
export interface OpenAlert {
  id: string;
  alert_type: PpAlertType;
  service_id: string;
  open_key: string;
  /** Its "fired" notice was written (false while a silence held it back). */
  notified: boolean;
  /** Somebody acknowledged it: they know, no late "fired" notice goes out. */
  acknowledged?: boolean;
}

/** Everything one evaluation knows. */
export interface AlertRuleInputs {
  now: Date;
  thresholds: Map<PpAlertType, PpAlertThreshold>;
  measurements: Measurement[];
  /** Since when each breached condition has held (pp_alert_conditions). */
  conditions: Map<string, Date>;
  /** Firing alerts by open key. */
  open: Map<string, OpenAlert>;
  /** The queue figures could not be read at all. */
  queuesUnknown: boolean;
  /** Queue systems whose figures are unknown. */
  unknownSystems: ReadonlySet<string>;
  /** Silences that have not ended. */
  silences: readonly SilenceWindow[];
}

/** What one evaluation changes. */
export interface AlertPlan {
  startConditions: Array<{ key: string; since: Date }>;
  clearConditions: string[];
  /** Still firing: the measured value now. */
  updateValues: Array<{ id: string; value: number | null }>;
  /** To open, with the silence that covers it (recorded, not notified) if any. */
  fire: Array<{
    measurement: Measurement;
    threshold: PpAlertThreshold;
    since: Date;
    silenceId: string | null;
  }>;
  /** To resolve; `notify` only when its firing was told. */
  resolve: Array<{ alert: OpenAlert; notify: boolean }>;
  /** Fired under a silence that has ended while they still fire: tell them now. */
  notifyLate: OpenAlert[];
}

/**
 * The alert rules, without I/O: a breached condition opens an alert once it has held for the
 * rule's duration; one that clears, or is no longer measured (service removed, rule disabled,
 * queue gone), resolves it — except a queue whose system's figures are unknown right now, whose
 * alert and pending condition are kept. An alert that fires under a silence is recorded with it
 * and not notified; if it still fires when the silence is over, it is notified then — unless
 * somebody acknowledged it meanwhile (they know). A resolution is told only for an alert whose
 * firing was told. Nothing else repeats: a firing alert is told once.
 */
export function planAlerts(input: AlertRuleInputs): AlertPlan {
  const { now, thresholds, conditions, open } = input;
  const plan: AlertPlan = {
    startConditions: [],
    clearConditions: [],
    updateValues: [],
    fire: [],
    resolve: [],
    notifyLate: [],
  };
  const resolve = (alert: OpenAlert) =>
    plan.resolve.push({ alert, notify: alert.notified });
  const measured = new Set(input.measurements.map(alertKey));

  for (const m of input.measurements) {
    const k = alertKey(m);
    const firing = open.get(k);
    if (!m.breached) {
      if (conditions.has(k)) plan.clearConditions.push(k);
      if (firing) resolve(firing);
      continue;
    }
    let since = conditions.get(k);
    if (!since) {
      since = now;
      plan.startConditions.push({ key: k, since });
    }
    if (firing) {
      plan.updateValues.push({ id: firing.id, value: m.value });
      continue;
    }
    const threshold = thresholds.get(m.alert_type)!;
    const held = (now.getTime() - since.getTime()) / 1000;
    if (held < threshold.duration_seconds) continue;
    plan.fire.push({
      measurement: m,
      threshold,
      since,
      silenceId: coveringSilence(input.silences, m, now)?.id ?? null,
    });
  }

  const unknown = (k: string) => {
    const [type, system] = k.split('|');
    return (
      type === 'queue_backlog' &&
      Boolean(thresholds.get('queue_backlog')?.enabled) &&
      (input.queuesUnknown || input.unknownSystems.has(system))
    );
  };
  for (const [k, alert] of open) {
    if (!measured.has(k) && !unknown(k)) resolve(alert);
  }
  for (const k of conditions.keys()) {
    if (!measured.has(k) && !unknown(k)) plan.clearConditions.push(k);
  }

  const resolving = new Set(plan.resolve.map(r => r.alert.id));
  plan.notifyLate = [...open.values()].filter(
    a =>
      !a.notified &&
      !a.acknowledged &&
      !resolving.has(a.id) &&
      !coveringSilence(input.silences, a, now),
  );
  return plan;
}
