import { createApiRef } from '@backstage/frontend-plugin-api';
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
  PpListAlertsQuery,
  PpLogQuery,
  PpLogQueryResult,
  PpMicroservice,
  PpMicroserviceDetail,
} from '@internal/plugin-pp-common';

/**
 * A GET answer with how long it stays fresh: the server's `Cache-Control: max-age`, which is
 * also how often the dashboard polls.
 *
 * @public
 */
export interface PpCached<T> {
  data: T;
  /** null when the server sent no max-age. */
  maxAgeSeconds: number | null;
}

/** Query of `GET /health/alerts` (pp-common's, from the schema the backend validates with). @public */
export type { PpListAlertsQuery };

/**
 * The health backend's HTTP API (`/api/pp-health`, contract paths under `/pp/v1/health`).
 *
 * @public
 */
export interface PpHealthApi {
  getOverview(): Promise<PpCached<PpHealthOverview>>;
  listMicroservices(): Promise<
    PpCached<{ items: PpMicroservice[]; total_count: number }>
  >;
  getMicroservice(
    serviceId: string,
    window: PpHealthWindow,
  ): Promise<PpCached<PpMicroserviceDetail>>;
  getQueues(): Promise<PpCached<PpHealthQueuesResponse>>;
  queryLogs(query: PpLogQuery): Promise<PpLogQueryResult>;
  listAlerts(query?: PpListAlertsQuery): Promise<PpCached<PpAlertPage>>;
  listThresholds(): Promise<PpCached<{ items: PpAlertThreshold[] }>>;
  updateThreshold(
    alertType: PpAlertType,
    update: PpAlertThresholdUpdate,
    reason?: string,
  ): Promise<PpAlertThreshold>;
  /** Every service's error rate and p95 per bucket over the window (one request for the table). */
  getSparklines(
    window?: '1h' | '6h' | '24h',
  ): Promise<PpCached<PpHealthSparklines>>;
  /** Acknowledge a firing alert (it stays firing until resolved). */
  acknowledgeAlert(alertId: string, note?: string): Promise<PpAlert>;
}

/** @public */
export const ppHealthApiRef = createApiRef<PpHealthApi>().with({
  id: 'plugin.pp-health.api',
  pluginId: 'pp-health',
});
