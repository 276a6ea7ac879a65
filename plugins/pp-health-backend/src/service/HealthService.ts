import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { PpHealthOverview } from '@internal/plugin-pp-common';
import { HealthStore } from './HealthStore';
import { HeartbeatBody } from './validation';

const normalRef = (ref: string) => ref.trim().toLocaleLowerCase('en-US');

/** What routes, actions and the demo generator share. */
export class HealthService {
  constructor(
    readonly store: HealthStore,
    readonly opts: { now: () => Date; checkIntervalSeconds: number },
  ) {}

  now() {
    return this.opts.now();
  }

  /**
   * A heartbeat from a service principal bound to `entityRef`: it may report only for its own
   * service (403 otherwise); an unknown service is 404.
   */
  async acceptHeartbeat(entityRef: string, body: HeartbeatBody) {
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

  async overview(): Promise<PpHealthOverview> {
    const now = this.now();
    const ms = this.opts.checkIntervalSeconds * 1000;
    const o = await this.store.overview(now, this.opts.checkIntervalSeconds);
    // stable within one check interval, so ETags repeat between runs
    o.generated_at = new Date(
      Math.floor(now.getTime() / ms) * ms,
    ).toISOString();
    return o;
  }
}
