import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  PpAlertPage,
  PpAlertThreshold,
  PpAlertThresholdUpdate,
  PpAlertType,
  PpHealthOverview,
  PpHealthQueuesResponse,
  PpHealthWindow,
  PpLogQuery,
  PpLogQueryResult,
  PpMicroservice,
  PpMicroserviceDetail,
} from '@internal/plugin-pp-common';
import { PpCached, PpHealthApi, PpListAlertsQuery } from './PpHealthApi';

type QueryValue = string | number | undefined;

/** `max-age=N` of a Cache-Control header, or null. */
export function parseMaxAge(header: string | null): number | null {
  const m = header ? /(?:^|,)\s*max-age=(\d+)/i.exec(header) : null;
  return m ? Number(m[1]) : null;
}

/**
 * The HTTP client of the pp-health backend (`/api/pp-health`). GETs go through the browser's
 * HTTP cache, which revalidates with the server's ETag (If-None-Match / 304) once max-age is over.
 *
 * @public
 */
export class PpHealthClient implements PpHealthApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getOverview(): Promise<PpCached<PpHealthOverview>> {
    return this.get('/health/overview');
  }

  listMicroservices(): Promise<
    PpCached<{ items: PpMicroservice[]; total_count: number }>
  > {
    return this.get('/health/microservices');
  }

  getMicroservice(
    serviceId: string,
    window: PpHealthWindow,
  ): Promise<PpCached<PpMicroserviceDetail>> {
    return this.get(`/health/microservices/${encodeURIComponent(serviceId)}`, {
      window,
    });
  }

  getQueues(): Promise<PpCached<PpHealthQueuesResponse>> {
    return this.get('/health/queues');
  }

  async queryLogs(query: PpLogQuery): Promise<PpLogQueryResult> {
    const response = await this.send('POST', '/health/logs/query', query);
    return (await response.json()) as PpLogQueryResult;
  }

  listAlerts(query: PpListAlertsQuery = {}): Promise<PpCached<PpAlertPage>> {
    return this.get('/health/alerts', { ...query });
  }

  listThresholds(): Promise<PpCached<{ items: PpAlertThreshold[] }>> {
    return this.get('/health/alert-thresholds');
  }

  async updateThreshold(
    alertType: PpAlertType,
    update: PpAlertThresholdUpdate,
    reason?: string,
  ): Promise<PpAlertThreshold> {
    const response = await this.send(
      'PUT',
      `/health/alert-thresholds/${encodeURIComponent(alertType)}`,
      { ...update, reason: reason || undefined },
    );
    return (await response.json()) as PpAlertThreshold;
  }

  private async url(path: string, query: Record<string, QueryValue> = {}) {
    const baseUrl = await this.discoveryApi.getBaseUrl('pp-health');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  private async get<T>(
    path: string,
    query?: Record<string, QueryValue>,
  ): Promise<PpCached<T>> {
    // `no-cache`: the browser revalidates its copy with the ETag every time (a cheap 304) instead
    // of reusing it for max-age seconds, so a read right after a write sees the write. How often
    // to ask is the poller's business (maxAgeSeconds below).
    const response = await this.fetchApi.fetch(await this.url(path, query), {
      cache: 'no-cache',
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return {
      data: (await response.json()) as T,
      maxAgeSeconds: parseMaxAge(response.headers.get('cache-control')),
    };
  }

  private async send(method: 'POST' | 'PUT', path: string, body: unknown) {
    const response = await this.fetchApi.fetch(await this.url(path), {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }
}
