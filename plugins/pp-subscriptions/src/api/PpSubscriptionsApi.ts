import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  PpAgentRunPage,
  PpAgentRunQuery,
  PpForceCancelRequest,
  PpRunExport,
  PpRunExportRequest,
  PpSubscriptionAction,
  PpSubscriptionDetail,
  PpSubscriptionPage,
  PpSubscriptionQuery,
} from '@internal/plugin-pp-common';

/**
 * A downloaded export file.
 *
 * @public
 */
export interface PpDownloadedFile {
  blob: Blob;
  /** From the answer's Content-Disposition, else made from the export. */
  filename: string;
}

/**
 * The pp-subscriptions backend as the subscriptions UI uses it. Every method rejects with a
 * `ResponseError` from `@backstage/errors` when the server answers with an error status.
 *
 * @public
 */
export interface PpSubscriptionsApi {
  listSubscriptions(query?: PpSubscriptionQuery): Promise<PpSubscriptionPage>;
  getSubscription(id: string): Promise<PpSubscriptionDetail>;
  /** Forensic read of the agent runs (audited with the reason). */
  listAgentRuns(id: string, query: PpAgentRunQuery): Promise<PpAgentRunPage>;
  /** Starts an export in the background (202). */
  exportRuns(id: string, request: PpRunExportRequest): Promise<PpRunExport>;
  getExport(id: string, exportId: string): Promise<PpRunExport>;
  /** The file of a succeeded export, fetched with the person's token. */
  downloadExport(run: PpRunExport): Promise<PpDownloadedFile>;
  /**
   * Force-cancels (admin). The same `idempotencyKey` returns the same action: a retry or a double
   * click cancels once.
   */
  forceCancel(
    id: string,
    request: PpForceCancelRequest,
    idempotencyKey: string,
  ): Promise<PpSubscriptionAction>;
}

/**
 * The {@link PpSubscriptionsApi} of the pp-subscriptions plugin.
 *
 * @public
 */
export const ppSubscriptionsApiRef = createApiRef<PpSubscriptionsApi>().with({
  id: 'plugin.pp-subscriptions.api',
  pluginId: 'pp-subscriptions',
});
