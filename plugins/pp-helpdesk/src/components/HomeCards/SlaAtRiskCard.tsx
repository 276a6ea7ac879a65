import { PpTicketListItem } from '@internal/plugin-pp-common';
import { slaCountdown } from '../../util/sla';
import { OPEN_STATUSES, TicketListCard } from './TicketListCard';

/** Past 80 % of the SLA target that runs now (the server's flag), or past the deadline. */
export function slaAtRisk(ticket: PpTicketListItem, nowMs: number): boolean {
  const { sla } = ticket;
  if (ticket.status === 'on_hold') return false;
  const flagged = [sla.response_state, sla.resolution_state].some(
    s => s === 'breach_imminent' || s === 'breached',
  );
  const tone = slaCountdown(ticket, nowMs).tone;
  return flagged || tone === 'breached';
}

/** Home card: open tickets about to breach (or past) their SLA, nearest deadline first. */
export const SlaAtRiskCard = () => (
  <TicketListCard
    // the queue comes sorted by SLA due time: the first page holds the nearest deadlines
    query={{ status: OPEN_STATUSES, limit: 50 }}
    select={slaAtRisk}
    empty="No open ticket is near its SLA deadline."
    more="Open the queue"
  />
);
