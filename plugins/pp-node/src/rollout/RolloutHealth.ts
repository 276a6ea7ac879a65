import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PpMicroserviceDetail } from '@internal/plugin-pp-common';
import type { RolloutObservation } from './rollout';
import { PpPluginFetchDeps, ppPluginFetch } from '../http/pluginFetch';

/** What the rollouts need from the health plugin about a monitored service. @public */
export interface RolloutHealth {
  /** the service's figures of the last 24 h (blue's baseline): `error_rate`, `p95_ms` */
  baseline(serviceId: string): Promise<Record<string, number>>;
  /** the service's figures since `since` (green's, once it takes traffic); undefined: none */
  metricsSince(
    serviceId: string,
    since: Date,
  ): Promise<RolloutObservation['metrics'] | undefined>;
  /** the health plugin's active checks of the service since `since`, newest first */
  checksSince(
    serviceId: string,
    since: Date,
  ): Promise<Array<{ up: boolean; at: Date; error: string | null }>>;
}

/**
 * The health plugin over HTTP with this plugin's service credentials, as `AgentHealthFacts` asks
 * it (never its tables): `GET /health/microservices/{service_id}?window=`. A service the health
 * plugin does not know, or a health plugin that cannot be asked, gives no figures: the gates are
 * then inconclusive, which never lets a rollout go on. Used by orchestration's agent upgrades and
 * the knowledge plugin's retunings.
 *
 * @public
 */
export class HttpRolloutHealth implements RolloutHealth {
  constructor(
    private readonly deps: PpPluginFetchDeps & { logger?: LoggerService },
  ) {}

  private async detail(
    serviceId: string,
    window: '1h' | '24h',
  ): Promise<Partial<PpMicroserviceDetail> | undefined> {
    try {
      const res = await ppPluginFetch(
        this.deps,
        'pp-health',
        `/health/microservices/${encodeURIComponent(
          serviceId,
        )}?window=${window}`,
      );
      if (!res.ok) {
        if (res.status !== 404) {
          this.deps.logger?.warn(
            `Health of ${serviceId} for its rollout: the health plugin answered ${res.status}`,
          );
        }
        return undefined;
      }
      return (await res.json()) as Partial<PpMicroserviceDetail>;
    } catch (error) {
      this.deps.logger?.warn(
        `Health of ${serviceId} for its rollout could not be read: ${error}`,
      );
      return undefined;
    }
  }

  async baseline(serviceId: string) {
    const d = await this.detail(serviceId, '24h');
    const out: Record<string, number> = {};
    if (typeof d?.error_rate === 'number') out.error_rate = d.error_rate;
    if (typeof d?.p95_response_ms === 'number') out.p95_ms = d.p95_response_ms;
    return out;
  }

  async metricsSince(serviceId: string, since: Date) {
    const d = await this.detail(serviceId, '1h');
    return metricsFromSeries(d?.series ?? [], d?.bucket_seconds ?? 0, since);
  }

  async checksSince(serviceId: string, since: Date) {
    const d = await this.detail(serviceId, '1h');
    return (d?.recent_checks ?? [])
      .filter(c => c.source === 'check' && Date.parse(c.checked_at) >= +since)
      .map(c => ({
        up: c.status === 'up',
        at: new Date(c.checked_at),
        error: c.error ?? null,
      }))
      .sort((a, b) => +b.at - +a.at);
  }
}

/**
 * The figures of the buckets that end after `since`: checks summed, the error rate weighted by
 * checks, the p95 the worst bucket's (a gate is judged on the worst the watch saw).
 *
 * @public
 */
export function metricsFromSeries(
  series: ReadonlyArray<{
    at: string;
    checks: number;
    p95_response_ms: number | null;
    error_rate: number | null;
  }>,
  bucketSeconds: number,
  since: Date,
): RolloutObservation['metrics'] | undefined {
  const buckets = series.filter(
    b =>
      Date.parse(b.at) + bucketSeconds * 1000 > since.getTime() && b.checks > 0,
  );
  const samples = buckets.reduce((n, b) => n + b.checks, 0);
  if (!samples) return undefined;
  const values: Record<string, number> = {};
  const rated = buckets.filter(b => b.error_rate !== null);
  const ratedChecks = rated.reduce((n, b) => n + b.checks, 0);
  if (ratedChecks) {
    values.error_rate =
      rated.reduce((s, b) => s + b.error_rate! * b.checks, 0) / ratedChecks;
  }
  const p95s = buckets
    .map(b => b.p95_response_ms)
    .filter((v): v is number => v !== null);
  if (p95s.length) values.p95_ms = Math.max(...p95s);
  return { samples, values };
}
