import {
  PpGuard,
  createPpApiRouter,
  ppAuditErrors,
} from '@internal/plugin-pp-node';
import {
  ppAgentRunPageSchema,
  ppSubscriptionActionResponseSchema,
  ppRunExportListSchema,
  ppRunExportResponseSchema,
  ppSubscriptionDetailSchema,
  ppSubscriptionPageSchema,
} from '@internal/plugin-pp-common';
import { SubscriptionApi } from './subscriptionApi';
import {
  CustomerSettingsApi,
  addCustomerSettingsRoutes,
} from './customerSettingsApi';
import { CustomerPortalStore } from '../database/CustomerPortalStore';
import { addCustomerContactsRoutes } from './customerContactsApi';

/**
 * HTTP of the Subscription Management block of the contract, relative to /pp/v1, and the export
 * sub-resources the portal needs (status, list, download).
 */
export async function createRouter(options: {
  api: SubscriptionApi;
  guard: PpGuard;
  /** `GET /subscriptions/agents/{agent_id}/customer-settings` */
  customerSettings?: CustomerSettingsApi;
  /** `GET /subscriptions/agents/{agent_id}/customer-contacts` (other PP plugins only) */
  customerContacts?: CustomerPortalStore;
}) {
  const { api, guard } = options;
  const routes = createPpApiRouter({
    pluginId: 'pp-subscriptions',
    title: 'Subscriptions',
    guard,
  });

  // before `/subscriptions/{subscription_id}/…`, whose segments it would otherwise match
  if (options.customerSettings) {
    addCustomerSettingsRoutes(routes, options.customerSettings);
  }
  if (options.customerContacts) {
    addCustomerContactsRoutes(routes, { guard, cp: options.customerContacts });
  }
  routes.get('/subscriptions', {
    command: api.list,
    summary: 'List subscriptions with their health score',
    description:
      'Customer Portal subscriptions with the latest daily health score (green 80+, amber 60–79, red < 60), as of the latest score job run. Filter by status (e.g. churned), band, score_lt (e.g. 60), errors_gt (failed runs in the last 30 days, e.g. 5), customer, agent, industry; sort by score, errors or customer; page with next_cursor. band_counts count every filter but band.',
    response: ppSubscriptionPageSchema,
  });
  routes.get('/subscriptions/{subscription_id}', {
    command: api.get,
    summary:
      'One subscription: score and inputs, history, runs per day, recent errors',
    response: ppSubscriptionDetailSchema,
  });
  routes.get('/subscriptions/{subscription_id}/agent-runs', {
    command: api.runs,
    summary: 'Agent run forensics (reason required, audited)',
    description:
      'The subscription’s agent runs, newest first, allow-listed fields only (id, agent_id, status, inputs, outputs, actions, error_message, created/started/finished). `reason` is required; every read is written to the audit log with who, which subscription and why.',
    response: ppAgentRunPageSchema,
  });

  routes.post('/subscriptions/{subscription_id}/force-cancel', {
    command: api.forceCancel,
    headers: { 'Idempotency-Key': 'idempotency_key' },
    summary: 'Force-cancel a subscription in the Customer Portal (admin only)',
    description:
      'Cancels the subscription in the Customer Portal with a reason (shown to the subscription managers, audited) and a refund (none, prorated: the unused part of the billing period, or full). Send an `Idempotency-Key` header: the same key and body return the same action and never cancel twice; the same key with another body is a 409, as is a subscription already canceled or churned, or one with a force-cancel still pending. 200: done (`completed`), or given up (`failed`, see `last_error`); 202: the Customer Portal has not confirmed yet (`pending`): PP retries in the background with the same key; read the subscription’s `actions` to follow it.',
    response: ppSubscriptionActionResponseSchema,
    statusOf: ({ action }) => (action.status === 'pending' ? 202 : 200),
    alsoStatuses: [202],
    errors: [409],
  });
  routes.post('/subscriptions/{subscription_id}/export-runs', {
    command: api.exportRuns,
    summary: 'Export agent runs as CSV or PDF (reason required, audited)',
    description:
      'Starts an export of the subscription’s agent runs in the background and answers at once (202) with its status: poll `GET …/exports/{export_id}` for `progress` and, once `succeeded`, download it from `download_url`. CSV has every allow-listed field of every matching run; PDF is a report (summary, score chart, runs table, capped). Only you (or an admin) see your export; its file is deleted after the configured expiry. Every export is audited with who, which subscription, the reason, format and filters.',
    status: 202,
    response: ppRunExportResponseSchema,
  });
  routes.get('/subscriptions/{subscription_id}/exports', {
    command: api.listExports,
    summary: 'Your recent run exports of a subscription',
    description: 'Newest first, at most 20; each with its status and progress.',
    portalOnly: true,
    response: ppRunExportListSchema,
  });
  routes.get('/subscriptions/{subscription_id}/exports/{export_id}', {
    command: api.getExport,
    summary: 'A run export’s status and progress',
    description:
      'queued → running → succeeded (with `download_url`) or failed (with `error`); expired once its file was deleted. Someone else’s export answers 404 (admins see all).',
    portalOnly: true,
    response: ppRunExportResponseSchema,
  });
  routes.get('/subscriptions/{subscription_id}/exports/{export_id}/download', {
    command: api.downloadExport,
    summary: 'Download a run export (audited)',
    description:
      'The file as an attachment (CSV or PDF). 409 while the export is not done (or failed), 410 once it expired. Every download is audited.',
    portalOnly: true,
    errors: [409, 410],
    rawResponse: {
      contentType: ['text/csv', 'application/pdf'],
      description:
        'The export’s file: CSV or PDF, as an attachment with a readable file name',
    },
    send: (_req, res, download) => {
      const { file, fileName, contentType, size } = download;
      res.status(200);
      res.setHeader('Content-Type', contentType);
      res.setHeader('Content-Length', String(size));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(
          fileName,
        )}`,
      );
      const stream = file.createReadStream();
      stream.on('error', () => res.destroy());
      res.on('close', () => stream.destroy());
      stream.pipe(res);
    },
  });

  routes.router.use(ppAuditErrors(guard));
  return routes;
}
