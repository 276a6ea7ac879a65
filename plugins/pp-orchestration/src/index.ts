/**
 * Platform Portal agent orchestration (spec Stage 6): the creations board at `/pp/orchestration`,
 * the "Create agent" wizard with Genesis's verdict, and each creation's page.
 *
 * The default export is the frontend plugin, which the app discovers (`app.packages: all`).
 *
 * @packageDocumentation
 */
import { ppOrchestrationPlugin } from './plugin';

export default ppOrchestrationPlugin;
export { ppOrchestrationPlugin };
export { rootRouteRef as ppOrchestrationRootRouteRef } from './routes';
export { ppOrchestrationApiRef, PpOrchestrationClient } from './api';
export type { PpOrchestrationApi } from './api';
export { OverdueCreationsCard } from './components/HomeCards/OverdueCreationsCard';
