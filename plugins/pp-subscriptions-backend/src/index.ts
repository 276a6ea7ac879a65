/**
 * Platform Portal subscriptions backend: CP connector (read-only), health scores, forensic
 * agent-run audit (spec Stage 5).
 *
 * @packageDocumentation
 */
export { ppSubscriptionsPlugin as default } from './plugin';
export { migrateSubscriptions } from './database/DatabaseSubscriptionStore';
export type {
  CustomerPortalStore,
  CpSubscription,
  CpAgentRun,
} from './database/CustomerPortalStore';
export {
  ppCustomerPortalWebhookModule,
  cpWebhookSignature,
} from './webhooks/customerPortalWebhook';
