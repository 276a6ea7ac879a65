import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  PpAgentRunPage,
  PpAgentRunQuery,
  PpForceCancelRequest,
  PpHttpClient,
  PpRunExport,
  PpRunExportRequest,
  PpRunExportResponse,
  PpSubscriptionAction,
  PpSubscriptionActionResponse,
  PpSubscriptionDetail,
  PpSubscriptionPage,
  PpSubscriptionQuery,
} from '@internal/plugin-pp-common';
import { PpDownloadedFile, PpSubscriptionsApi } from './PpSubscriptionsApi';

/**
 * The HTTP client of the pp-subscriptions backend (`/api/pp-subscriptions`, also `/pp/v1`). The
 * only place that knows its URLs.
 *
 * @public
 */
export class PpSubscriptionsClient implements PpSubscriptionsApi {
  private readonly http: PpHttpClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = new PpHttpClient({ pluginId: 'pp-subscriptions', ...options });
  }

  listSubscriptions(
    query: PpSubscriptionQuery = {},
  ): Promise<PpSubscriptionPage> {
    return this.http.request('GET', '/subscriptions', { query: { ...query } });
  }

  getSubscription(id: string): Promise<PpSubscriptionDetail> {
    return this.http.request('GET', `/subscriptions/${enc(id)}`);
  }

  listAgentRuns(id: string, query: PpAgentRunQuery): Promise<PpAgentRunPage> {
    return this.http.request('GET', `/subscriptions/${enc(id)}/agent-runs`, {
      query: { ...query },
    });
  }

  async exportRuns(
    id: string,
    request: PpRunExportRequest,
  ): Promise<PpRunExport> {
    const answer = await this.http.request<PpRunExportResponse>(
      'POST',
      `/subscriptions/${enc(id)}/export-runs`,
      { body: request },
    );
    return answer.export;
  }

  async getExport(id: string, exportId: string): Promise<PpRunExport> {
    const answer = await this.http.request<PpRunExportResponse>(
      'GET',
      `/subscriptions/${enc(id)}/exports/${enc(exportId)}`,
    );
    return answer.export;
  }

  async downloadExport(run: PpRunExport): Promise<PpDownloadedFile> {
    const response = await this.http.fetch('GET', downloadPath(run));
    return {
      blob: await response.blob(),
      filename:
        filenameOf(response.headers.get('content-disposition')) ??
        `agent-runs-${run.subscription_id}.${run.format}`,
    };
  }

  async forceCancel(
    id: string,
    request: PpForceCancelRequest,
    idempotencyKey: string,
  ): Promise<PpSubscriptionAction> {
    const answer = await this.http.request<PpSubscriptionActionResponse>(
      'POST',
      `/subscriptions/${enc(id)}/force-cancel`,
      { body: request, headers: { 'Idempotency-Key': idempotencyKey } },
    );
    return answer.action;
  }
}

/**
 * The path of an export's file below the plugin's base URL: `download_url` names it under
 * `/pp/v1` (or the plugin's own `/api/pp-subscriptions`), which serve the same routes.
 */
export function downloadPath(run: PpRunExport): string {
  const m =
    /^(?:https?:\/\/[^/]+)?(?:\/pp\/v1|\/api\/pp-subscriptions)(\/.+)$/.exec(
      run.download_url ?? '',
    );
  if (m) return m[1];
  return `/subscriptions/${enc(run.subscription_id)}/exports/${enc(
    run.id,
  )}/download`;
}

/** The file name of a Content-Disposition header, if it gives one. */
export function filenameOf(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : undefined;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
