/**
 * Platform Portal SLA compliance (spec Stage 7): the dashboard at `/pp/sla` and each agent's page.
 * The default export is the frontend plugin, which the app discovers (`app.packages: all`).
 *
 * @packageDocumentation
 */
import { ppSlaPlugin } from './plugin';

export default ppSlaPlugin;
export { ppSlaPlugin };
export { ppSlaApiRef, PpSlaClient } from './api';
export type { PpSlaApi } from './api';
export { SlaBreachesCard } from './components/HomeCards/SlaBreachesCard';
