import { OPEN_STATUSES, TicketListCard } from './TicketListCard';

/** Home card: the tickets assigned to me that are still being worked, most urgent SLA first. */
export const MyTicketsCard = () => (
  <TicketListCard
    query={{ assignee: 'me', status: OPEN_STATUSES, limit: 5 }}
    empty="Nothing is assigned to you right now."
    more="Open the queue"
  />
);
