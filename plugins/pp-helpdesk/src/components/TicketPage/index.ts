export { TicketPage, TicketView, transitionLabel } from './TicketPage';
