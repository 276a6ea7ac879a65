export * from './TicketBits';
