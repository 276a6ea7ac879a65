export * from './CreateTicketDialog';
