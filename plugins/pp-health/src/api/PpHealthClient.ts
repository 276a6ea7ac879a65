import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  PpAlert,
  PpAlertPage,
  PpAlertThreshold,
  PpAlertThresholdUpdate,
  PpAlertType,
  PpHealthOverview,
  PpHealthQueuesResponse,
  PpHealthSparklines,
  PpHealthWindow,
  PpHttpClient,
  PpLogQuery,
  PpLogQueryResult,
  PpMicroservice,
  PpMicroserviceDetail,
} from '@internal/plugin-pp-common';
import { PpCached, PpHealthApi, PpListAlertsQuery } from './PpHealthApi';

export { parseMaxAge } from '@internal/plugin-pp-common';

/**
 * The HTTP client of the pp-health backend (`/api/pp-health`). GETs go through the browser's
 * HTTP cache and are revalidated with the server's ETag (If-None-Match / 304) on every call
 * (`PpHttpClient.cached`); the answer's max-age tells the pollers how often to ask.
 *
 * @public
 */
export class PpHealthClient implements PpHealthApi {
  private readonly http: PpHttpClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = new PpHttpClient({ pluginId: 'pp-health', ...options });
  }

  getOverview(): Promise<PpCached<PpHealthOverview>> {
    return this.http.cached('/health/overview');
  }

  listMicroservices(): Promise<
    PpCached<{ items: PpMicroservice[]; total_count: number }>
  > {
    return this.http.cached('/health/microservices');
  }

  getMicroservice(
    serviceId: string,
    window: PpHealthWindow,
  ): Promise<PpCached<PpMicroserviceDetail>> {
    return this.http.cached(
      `/health/microservices/${encodeURIComponent(serviceId)}`,
      {
        window,
      },
    );
  }

  getQueues(): Promise<PpCached<PpHealthQueuesResponse>> {
    return this.http.cached('/health/queues');
  }

  queryLogs(query: PpLogQuery): Promise<PpLogQueryResult> {
    return this.http.request('POST', '/health/logs/query', { body: query });
  }

  listAlerts(query: PpListAlertsQuery = {}): Promise<PpCached<PpAlertPage>> {
    return this.http.cached('/health/alerts', { ...query });
  }

  getSparklines(
    window: '1h' | '6h' | '24h' = '6h',
  ): Promise<PpCached<PpHealthSparklines>> {
    return this.http.cached('/health/sparklines', { window });
  }

  acknowledgeAlert(alertId: string, note?: string): Promise<PpAlert> {
    return this.http.request(
      'POST',
      `/health/alerts/${encodeURIComponent(alertId)}/acknowledge`,
      { body: { note: note?.trim() || undefined } },
    );
  }

  listThresholds(): Promise<PpCached<{ items: PpAlertThreshold[] }>> {
    return this.http.cached('/health/alert-thresholds');
  }

  updateThreshold(
    alertType: PpAlertType,
    update: PpAlertThresholdUpdate,
    reason?: string,
  ): Promise<PpAlertThreshold> {
    return this.http.request(
      'PUT',
      `/health/alert-thresholds/${encodeURIComponent(alertType)}`,
      { body: { ...update, reason: reason || undefined } },
    );
  }
}
