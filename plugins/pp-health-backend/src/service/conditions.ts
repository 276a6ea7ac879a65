import {
  PpAlertThreshold,
  PpAlertType,
  PpServiceStatus,
} from '@internal/plugin-pp-common';
import { toIso } from '@internal/plugin-pp-node';
import { Knex } from 'knex';

/** Window over which the current error rate and server metrics are measured, by default. */
export const DEFAULT_SAMPLE_SECONDS = 60;

/** A rule's condition as measured now, for one service (or queue). */
export interface Measurement {
  alert_type: PpAlertType;
  service_id: string;
  subject: string | null;
  /** Is the condition (value beyond threshold) true now? */
  breached: boolean;
  value: number | null;
  message: string;
}

/**
 * The error rate (0..1, the average of the checks' and heartbeats' rates, a failed check counting
 * 1) of each service over the sample ending at `now`; a service without a check or heartbeat in it
 * is absent. It is the figure the `high_error_rate` rule fires on, the status is derived from and
 * the lists and detail show as `error_rate`: one number, so they cannot disagree.
 */
export async function sampleErrorRates(opts: {
  db: Knex;
  serviceIds: string[];
  now: Date;
  sampleSeconds?: number;
}): Promise<Map<string, number>> {
  const { db, serviceIds, now } = opts;
  if (!serviceIds.length) return new Map();
  const sampleMs = (opts.sampleSeconds ?? DEFAULT_SAMPLE_SECONDS) * 1000;
  const rows = await db('pp_health_checks')
    .where('checked_at', '>', new Date(now.getTime() - sampleMs))
    .where('checked_at', '<=', now)
    .whereIn('service_id', serviceIds)
    .groupBy('service_id')
    .select('service_id')
    .avg({ rate: 'error_rate' })
    .count({ n: '*' });
  return new Map(
    rows
      .filter((r: any) => Number(r.n) > 0)
      .map((r: any) => [r.service_id, Number(r.rate)]),
  );
}

/**
 * The per-service conditions of the alert rules (service down, error rate, CPU/memory) measured at
 * `now`. The alert evaluator fires on them once they have held for the rule's duration, and the
 * status every reader sees is derived from the same measurements (deriveServiceStatus), so a
 * status, its figures and its alerts cannot tell different stories.
 */
export async function measureServiceConditions(opts: {
  db: Knex;
  /** Rows of pp_service_status. */
  services: any[];
  now: Date;
  thresholds: Map<PpAlertType, PpAlertThreshold>;
  sampleSeconds?: number;
  /** The error rates of the sample, when the caller read them already (sampleErrorRates). */
  errorRates?: Map<string, number | null>;
}): Promise<Measurement[]> {
  const { db, services, now, thresholds } = opts;
  const out: Measurement[] = [];
  const sampleMs = (opts.sampleSeconds ?? DEFAULT_SAMPLE_SECONDS) * 1000;

  const down = thresholds.get('service_down');
  if (down?.enabled) {
    for (const s of services) {
      const lastOk = toIso(s.last_ok_at) ?? toIso(s.monitored_since)!;
      const silentMin = (now.getTime() - new Date(lastOk).getTime()) / 60_000;
      out.push({
        alert_type: 'service_down',
        service_id: s.service_id,
        subject: null,
        breached: silentMin >= down.threshold_value,
        value: Math.round(silentMin * 10) / 10,
        message: s.last_ok_at
          ? `${
              s.title
            } has had no successful check or heartbeat for ${Math.floor(
              silentMin,
            )} minutes`
          : `${s.title} has not answered since monitoring started`,
      });
    }
  }

  const errors = thresholds.get('high_error_rate');
  if (errors?.enabled && services.length) {
    const rates =
      opts.errorRates ??
      (await sampleErrorRates({
        db,
        serviceIds: services.map(s => s.service_id),
        now,
        sampleSeconds: sampleMs / 1000,
      }));
    for (const s of services) {
      const rate = rates.get(s.service_id);
      const pct = rate === undefined || rate === null ? null : rate * 100;
      out.push({
        alert_type: 'high_error_rate',
        service_id: s.service_id,
        subject: null,
        breached: pct !== null && pct > errors.threshold_value,
        value: pct === null ? null : Math.round(pct * 100) / 100,
        message: `${s.title} error rate is ${
          pct === null ? '?' : pct.toFixed(1)
        } % (threshold ${errors.threshold_value} %)`,
      });
    }
  }

  const cpu = thresholds.get('high_cpu_memory');
  if (cpu?.enabled) {
    for (const s of services) {
      const fresh =
        s.metrics_at &&
        new Date(toIso(s.metrics_at)!).getTime() >=
          now.getTime() - 2 * Math.max(sampleMs, 60_000);
      const c = fresh ? Number(s.cpu_percent ?? 0) : null;
      const m = fresh ? Number(s.memory_percent ?? 0) : null;
      const value = c === null ? null : Math.max(c, m ?? 0);
      out.push({
        alert_type: 'high_cpu_memory',
        service_id: s.service_id,
        subject: null,
        breached: value !== null && value > cpu.threshold_value,
        value,
        message: `${s.title} CPU ${c ?? '?'} %, memory ${
          m ?? '?'
        } % (threshold ${cpu.threshold_value} %)`,
      });
    }
  }
  return out;
}

/** A figure's message as a sentence. */
const sentence = (s: string) => (s.endsWith('.') ? s : `${s}.`);

/** What a service's status is derived from. */
export interface StatusInputs {
  /** The last check's or heartbeat's own status; null if the service never reported. */
  lastReported: 'up' | 'degraded' | 'down' | null;
  /** This service's measurements (measureServiceConditions). */
  measurements: Measurement[];
  /** Types of this service's firing alerts. */
  openAlerts: PpAlertType[];
}

/** A status and the sentence that says why. */
export interface DerivedStatus {
  status: PpServiceStatus;
  reason: string;
}

/**
 * The status rule table (first match wins; README "Status rules"):
 *
 * | # | condition                                                                   | status   |
 * | - | --------------------------------------------------------------------------- | -------- |
 * | 1 | never reported since monitoring started                                     | unknown  |
 * | 2 | an open `service_down` alert                                                | down     |
 * | 3 | no successful check or heartbeat for the `service_down` threshold (minutes) | down     |
 * | 4 | the last check failed or the last heartbeat said `down`                     | down     |
 * | 5 | an open `high_error_rate` or `high_cpu_memory` alert                        | degraded |
 * | 6 | error rate over the last sample above the `high_error_rate` threshold       | degraded |
 * | 7 | CPU or memory above the `high_cpu_memory` threshold                         | degraded |
 * | 8 | the last check was slow or the last heartbeat said `degraded`               | degraded |
 * | 9 | otherwise                                                                   | up       |
 *
 * A breached condition makes the status degraded (or down) at once; its alert opens once the
 * condition has held for the rule's duration. So an open alert always comes with a status that is
 * not up, and a status that is not up always says which figure made it so.
 */
export function deriveServiceStatus(input: StatusInputs): DerivedStatus {
  const breached = (type: PpAlertType) =>
    input.measurements.find(m => m.alert_type === type && m.breached);
  const open = (type: PpAlertType) => input.openAlerts.includes(type);
  if (input.lastReported === null) {
    return {
      status: 'unknown',
      reason: 'No check or heartbeat has arrived since monitoring started.',
    };
  }
  const silent = breached('service_down');
  if (open('service_down')) {
    return {
      status: 'down',
      reason: `Service-down alert open${
        silent ? `: ${sentence(silent.message)}` : '.'
      }`,
    };
  }
  if (silent) return { status: 'down', reason: sentence(silent.message) };
  if (input.lastReported === 'down') {
    return {
      status: 'down',
      reason: 'The last check failed (or the last heartbeat reported down).',
    };
  }
  const errors = breached('high_error_rate');
  const load = breached('high_cpu_memory');
  if (open('high_error_rate') || open('high_cpu_memory')) {
    const what = open('high_error_rate')
      ? 'High error rate'
      : 'High CPU or memory';
    const figure = open('high_error_rate') ? errors : load;
    return {
      status: 'degraded',
      reason: `${what} alert open${
        figure ? `: ${sentence(figure.message)}` : '.'
      }`,
    };
  }
  if (errors) return { status: 'degraded', reason: sentence(errors.message) };
  if (load) return { status: 'degraded', reason: sentence(load.message) };
  if (input.lastReported === 'degraded') {
    return {
      status: 'degraded',
      reason:
        'The last check answered slowly (or the last heartbeat reported degraded).',
    };
  }
  return {
    status: 'up',
    reason: 'Answering, with errors and load within the alert thresholds.',
  };
}
