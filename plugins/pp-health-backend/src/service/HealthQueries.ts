import {
  PpHealthOverview,
  PpHealthWindow,
  PpSilencePage,
} from '@internal/plugin-pp-common';
import { silenceView } from '../domain/silences';
import {
  AlertFilter,
  HealthStore,
  MicroserviceFilter,
} from '../database/HealthStore';

/** What the health pages, the search index and AI agents read. */
export class HealthQueries {
  constructor(
    private readonly store: HealthStore,
    readonly opts: { now: () => Date; checkIntervalSeconds: number },
  ) {}

  now() {
    return this.opts.now();
  }

  /**
   * The overview's validator: the health change mark and the check interval it is generated in
   * (`generated_at`). The overview is as of its interval: a status that turns on the clock alone
   * (e.g. a service going unknown) shows by the next interval, the max-age pollers are given.
   */
  async overviewVersion(): Promise<string> {
    const ms = this.opts.checkIntervalSeconds * 1000;
    const interval = Math.floor(this.now().getTime() / ms);
    return `${await this.store.changeMark()}:${interval}`;
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

  async microservices(filter: MicroserviceFilter = {}) {
    const items = await this.store.listMicroservices(this.now(), filter);
    return { items, total_count: items.length };
  }

  detail(serviceId: string, window: PpHealthWindow) {
    return this.store.detail(serviceId, window, this.now());
  }

  sparklines(window: '1h' | '6h' | '24h') {
    return this.store.sparklines(window, this.now());
  }

  alerts(filter: AlertFilter) {
    return this.store.listAlerts(filter);
  }

  async thresholds() {
    return { items: await this.store.thresholds() };
  }

  /** Silences and maintenance windows not ended yet (or every one), soonest start first. */
  async silences(filter: {
    service_id?: string;
    include_expired?: boolean;
  }): Promise<PpSilencePage> {
    const now = this.now();
    const rows = await this.store.listSilences({
      service_id: filter.service_id,
      endingAfter: filter.include_expired ? undefined : now,
    });
    return {
      items: rows.map(s => silenceView(s, now)),
      total_count: rows.length,
    };
  }
}
