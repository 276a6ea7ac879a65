/**
 * Platform Portal helpdesk (spec Stage 3): the ticket queue at `/pp/helpdesk`, ticket pages and
 * the Tickets tab of services and AI agents.
 *
 * The default export is the frontend plugin, which the app discovers (`app.packages: all`).
 *
 * @packageDocumentation
 */
import { ppHelpdeskPlugin } from './plugin';

export default ppHelpdeskPlugin;
export { ppHelpdeskPlugin };
export { rootRouteRef as ppHelpdeskRootRouteRef } from './routes';
export { ppHelpdeskApiRef, PpHelpdeskClient } from './api';
export type { PpHelpdeskApi, PpVersioned } from './api';
export { slaColour } from './util/slaColour';
export type { SlaColour } from './util/slaColour';
// Home page cards (the app's home module places them; pp-common's ppHomeCards gates them).
export {
  MyTicketsCard,
  SlaAtRiskCard,
  UnassignedTicketsCard,
} from './components/HomeCards';
