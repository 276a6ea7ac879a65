import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  PP_QUEUE_SYSTEMS,
  PpAlertType,
  PpHealthDataSource,
  PpReportedCondition,
} from '@internal/plugin-pp-common';
import { PpPrincipal, PpTransactionalNotifier } from '@internal/plugin-pp-node';
import { alertAcknowledgedNotice } from '../domain/notices';
import {
  SilenceRequest,
  endOfEndedSilence,
  planSilence,
  silenceView,
} from '../domain/silences';
import { thresholdRangeProblem } from '../domain/thresholds';
import { HealthStore, ThresholdPatch } from '../database/HealthStore';
import { HeartbeatBody } from './validation';

const normalRef = (ref: string) => ref.trim().toLocaleLowerCase('en-US');

/** The health writes: heartbeats, threshold edits, silences. */
export class HealthCommands {
  constructor(
    readonly store: HealthStore,
    private readonly opts: {
      now: () => Date;
      /** The outbox of acknowledgement notices (committed with the acknowledgement). */
      notifier?: PpTransactionalNotifier;
      /** Base of portal links. */
      linkBase?: string;
    },
  ) {}

  now() {
    return this.opts.now();
  }

  /**
   * Another PP plugin's figure for a rule it measures (PP_REPORTED_ALERT_TYPES), e.g. pp-knowledge's
   * consecutive failed runs of a source: the latest per rule, plugin and subject, judged at the next
   * alert evaluation like a measurement of this plugin's own (threshold, silences, notices). The
   * plugin is the alert's service.
   */
  async reportCondition(pluginId: string, body: PpReportedCondition) {
    const now = this.now();
    await this.store.reportCondition({
      ...body,
      service_id: pluginId,
      now,
    });
    return {
      accepted: true as const,
      alert_type: body.alert_type,
      service_id: pluginId,
      subject: body.subject,
      reported_at: now.toISOString(),
    };
  }

  /**
   * A heartbeat from a service principal bound to `entityRef`: it may report only for its own
   * service (403 otherwise); an unknown service is 404. The demo generator sends its heartbeats
   * here too, labelled `dataSource: 'demo'`.
   */
  async acceptHeartbeat(
    entityRef: string,
    body: HeartbeatBody,
    opts: { dataSource?: PpHealthDataSource } = {},
  ) {
    const now = this.now();
    const services = await this.store.activeServices();
    const own = services.find(
      s => normalRef(s.entity_ref) === normalRef(entityRef),
    );
    let target = own;
    if (body.service_id) {
      target = services.find(s => s.service_id === body.service_id);
      if (!target) {
        throw new NotFoundError(`No monitored service ${body.service_id}`);
      }
      if (!own || own.service_id !== target.service_id) {
        throw new NotAllowedError(
          `A service may only report its own heartbeat (${entityRef} is not ${target.entity_ref})`,
        );
      }
    }
    if (!target) {
      throw new NotFoundError(
        `${entityRef} is not a monitored service (no pp.waooaw.com/service-id in the catalog)`,
      );
    }
    let at = now;
    if (body.timestamp) {
      at = new Date(body.timestamp);
      if (at.getTime() > now.getTime() + 5 * 60_000) {
        throw new InputError(
          'Invalid heartbeat: timestamp: more than 5 minutes in the future',
        );
      }
      if (at.getTime() < now.getTime() - 24 * 3_600_000) {
        throw new InputError(
          'Invalid heartbeat: timestamp: older than 24 hours',
        );
      }
    }
    await this.store.record({
      service_id: target.service_id,
      source: 'heartbeat',
      data_source: opts.dataSource ?? 'live',
      status: body.status,
      response_time_ms: body.response_time_ms ?? null,
      error_rate: body.error_rate ?? null,
      cpu_percent: body.cpu_percent ?? null,
      memory_percent: body.memory_percent ?? null,
      disk_percent: body.disk_percent ?? null,
      at,
    });
    return { service_id: target.service_id, recorded_at: at.toISOString() };
  }

  async updateThreshold(
    type: PpAlertType,
    patch: ThresholdPatch,
    by: PpPrincipal,
  ) {
    const problem = thresholdRangeProblem(type, patch.threshold_value);
    if (problem) throw new InputError(`Invalid request body: ${problem}`);
    return this.store.updateThreshold(
      type,
      patch,
      by.email ?? by.id,
      this.now(),
    );
  }

  /**
   * Acknowledges a firing alert: who, when and an optional note, and the notice telling the other
   * infrastructure engineers, in one transaction. The alert stays firing until its condition
   * clears. 404 unknown alert; 409 resolved or already acknowledged (it names by whom).
   */
  async acknowledgeAlert(
    alertId: string,
    note: string | null,
    by: PpPrincipal,
  ) {
    const now = this.now();
    const result = await this.store.alertTransaction(async uow => {
      const r = await uow.acknowledge(alertId, {
        by: { id: by.id, name: by.name, email: by.email },
        note: note && note.trim() ? note.trim() : null,
        now,
      });
      if (r.outcome === 'done' && this.opts.notifier) {
        await this.opts.notifier.enqueue(
          uow.tx,
          alertAcknowledgedNotice(r.alert, { linkBase: this.opts.linkBase }),
        );
      }
      return r;
    });
    if (result.outcome === 'missing') {
      throw new NotFoundError(`No alert ${alertId}`);
    }
    if (result.outcome === 'resolved') {
      throw new ConflictError(
        `The alert was resolved at ${result.alert.resolved_at}; only a firing alert can be acknowledged`,
      );
    }
    if (result.outcome === 'acknowledged') {
      const ack = result.alert.acknowledgement;
      throw new ConflictError(
        `${ack?.by.name ?? 'Somebody'} acknowledged the alert already at ${
          ack?.at ?? '?'
        }`,
      );
    }
    this.opts.notifier?.flush();
    return result.alert;
  }

  /** A silence or maintenance window of a monitored service or queue system, and/or a rule. */
  async createSilence(request: SilenceRequest, by: PpPrincipal) {
    const now = this.now();
    const targets = new Set<string>([
      ...PP_QUEUE_SYSTEMS,
      ...(await this.store.activeServices()).map(s => s.service_id),
    ]);
    const planned = planSilence(request, now, targets);
    return silenceView(await this.store.createSilence(planned, by, now), now);
  }

  /** Ends a silence now (a scheduled one never starts); the row stays, it explains silenced alerts. */
  async endSilence(id: string, by: PpPrincipal) {
    const now = this.now();
    const silence = await this.store.getSilence(id);
    if (!silence) throw new NotFoundError(`No silence ${id}`);
    const ended = await this.store.endSilence(
      id,
      endOfEndedSilence(silence, now),
      by,
    );
    return silenceView(ended, now);
  }
}
