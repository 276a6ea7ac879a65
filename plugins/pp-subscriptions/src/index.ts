/**
 * Platform Portal subscriptions (spec Stage 5): the health-scored subscription list at
 * `/pp/subscriptions`, subscription pages with run forensics, exports and force-cancel, and the
 * Subscriptions tab of AI agents.
 *
 * The default export is the frontend plugin, which the app discovers (`app.packages: all`).
 *
 * @packageDocumentation
 */
import { ppSubscriptionsPlugin } from './plugin';

export default ppSubscriptionsPlugin;
export { ppSubscriptionsPlugin };
export { rootRouteRef as ppSubscriptionsRootRouteRef } from './routes';
export { ppSubscriptionsApiRef, PpSubscriptionsClient } from './api';
export type { PpDownloadedFile, PpSubscriptionsApi } from './api';
export { SubscriptionsAtRiskCard } from './components/HomeCards/SubscriptionsAtRiskCard';
