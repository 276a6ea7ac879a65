/**
 * Platform Portal health monitoring (spec Stage 2): the dashboard at `/pp/health` and the Health
 * tab of each service's catalog page.
 *
 * The default export is the frontend plugin, which the app discovers (`app.packages: all`).
 *
 * @packageDocumentation
 */
import { ppHealthPlugin } from './plugin';

export default ppHealthPlugin;
export { ppHealthPlugin };
export { rootRouteRef as ppHealthRootRouteRef } from './routes';
export { ppHealthApiRef, PpHealthClient } from './api';
export type { PpHealthApi, PpCached, PpListAlertsQuery } from './api';
// Home page cards (the app's home module places them; pp-common's ppHomeCards gates them).
export {
  HealthSummaryCard,
  OpenAlertsCard,
  QueueBacklogCard,
} from './components/HomeCards';
