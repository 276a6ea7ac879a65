export * from './TicketQueue';
