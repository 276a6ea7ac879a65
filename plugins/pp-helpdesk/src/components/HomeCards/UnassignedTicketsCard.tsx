import { TicketListCard } from './TicketListCard';

/** Home card: tickets nobody has picked up yet, nearest SLA deadline first. */
export const UnassignedTicketsCard = () => (
  <TicketListCard
    query={{
      assignee: 'unassigned',
      status: ['open', 'escalated'],
      limit: 5,
    }}
    empty="Every open ticket has someone on it."
    more="Open the queue"
  />
);
