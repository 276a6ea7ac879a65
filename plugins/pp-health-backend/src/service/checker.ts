import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CatalogService,
  HealthRecord,
  HealthStore,
} from '../database/HealthStore';

export interface CheckOptions {
  timeoutMs: number;
  /** A 2xx answer slower than this is `degraded`. */
  degradedResponseMs: number;
}

/**
 * One active check of a health URL: 2xx/3xx → up (degraded when slower than `degradedResponseMs`),
 * 4xx (except 429… treated the same) → degraded, 5xx / timeout / connection error → down.
 */
export async function checkUrl(
  url: string,
  opts: CheckOptions,
  now: () => Date,
): Promise<Omit<HealthRecord, 'service_id' | 'source'>> {
  const at = now();
  const started = performance.now();
  try {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(opts.timeoutMs),
      redirect: 'follow',
      headers: { accept: 'application/json, */*' },
    });
    await res.arrayBuffer().catch(() => undefined);
    const ms = Math.round(performance.now() - started);
    let status: HealthRecord['status'];
    let error: string | null = null;
    if (res.status >= 500) {
      status = 'down';
      error = `HTTP ${res.status}`;
    } else if (res.status >= 400) {
      status = 'degraded';
      error = `HTTP ${res.status}`;
    } else if (ms > opts.degradedResponseMs) {
      status = 'degraded';
      error = `slow: ${ms} ms > ${opts.degradedResponseMs} ms`;
    } else {
      status = 'up';
    }
    return {
      status,
      response_time_ms: ms,
      http_status: res.status,
      error_rate: status === 'up' ? 0 : 1,
      error,
      at,
    };
  } catch (e: any) {
    const ms = Math.round(performance.now() - started);
    const timedOut = e?.name === 'TimeoutError' || e?.name === 'AbortError';
    return {
      status: 'down',
      response_time_ms: timedOut ? ms : null,
      http_status: null,
      error_rate: 1,
      error: timedOut
        ? `timeout after ${opts.timeoutMs} ms`
        : String(e?.cause?.code ?? e?.message ?? e).slice(0, 500),
      at,
    };
  }
}

/**
 * One run of the checker: refreshes the service list from the catalog, then checks every service
 * with a health URL (in parallel, bounded).
 */
export async function runChecks(opts: {
  store: HealthStore;
  loadServices: () => Promise<CatalogService[]>;
  logger: LoggerService;
  check: CheckOptions;
  now: () => Date;
  concurrency?: number;
  /** Services not to check (the demo services, whose heartbeats the demo generator sends). */
  skip?: (serviceId: string) => boolean;
}): Promise<{ checked: number; services: number }> {
  const services = await opts.loadServices();
  await opts.store.syncServices(services, opts.now());
  const targets = services.filter(
    s => s.health_check_url && !opts.skip?.(s.service_id),
  );
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const s = targets[next++];
      try {
        const result = await checkUrl(
          s.health_check_url!,
          opts.check,
          opts.now,
        );
        await opts.store.record({
          ...result,
          service_id: s.service_id,
          source: 'check',
        });
      } catch (e) {
        opts.logger.warn(
          `Health check of ${s.service_id} failed to record: ${e}`,
        );
      }
    }
  };
  await Promise.all(
    Array.from(
      { length: Math.min(opts.concurrency ?? 8, targets.length) },
      worker,
    ),
  );
  return { checked: targets.length, services: services.length };
}
