/**
 * Platform Portal helpdesk backend: tickets, SLA timers, escalation, history (spec Stage 3).
 *
 * @packageDocumentation
 */
export { ppHelpdeskPlugin as default } from './plugin';
export {
  TicketService,
  PreconditionFailedError,
  ticketKey,
} from './service/TicketService';
export { helpdeskSettingsFromConfig } from './service/config';
export type { HelpdeskSettings } from './service/config';
