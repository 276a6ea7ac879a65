export { TicketTimeline } from './TicketTimeline';
