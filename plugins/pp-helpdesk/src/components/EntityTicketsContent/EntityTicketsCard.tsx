import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { ppTicketsReadPermission } from '@internal/plugin-pp-common';
import { PpPermittedCard } from '@internal/plugin-pp-react';
import { OPEN_STATUSES, TicketListCard } from '../HomeCards/TicketListCard';

/**
 * The Open tickets card of a service's or AI agent's overview: its tickets still being worked,
 * most urgent SLA first, with a link to its Tickets tab. Only for those who may read tickets.
 */
export function EntityTicketsCard() {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const tab = `${entityLink(entity)}/tickets`;
  return (
    <PpPermittedCard title="Open tickets" permission={ppTicketsReadPermission}>
      <TicketListCard
        query={{
          entity_ref: stringifyEntityRef(entity),
          status: OPEN_STATUSES,
          limit: 5,
        }}
        empty="No open tickets."
        more="All of its tickets"
        moreTo={tab}
      />
    </PpPermittedCard>
  );
}
