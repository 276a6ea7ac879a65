import { PpSearchDocument } from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { ticketKey } from '../domain/ticket';

const words = (s: string) => {
  const t = s.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
};

/**
 * Every ticket as a search document (the `pp-ticket` type): its key, title and description, so a
 * search for `TKT-000001` or a word of the problem finds it. Who may find it is decided at search
 * time (pp.tickets.read).
 */
export async function ticketSearchDocuments(
  db: Knex,
): Promise<PpSearchDocument[]> {
  const rows = await db('pp_tickets')
    .select('seq', 'title', 'description', 'status', 'priority', 'type')
    .orderBy('seq');
  return rows.map(r => {
    const key = ticketKey(Number(r.seq));
    return {
      title: `${key} · ${r.title}`,
      text: `${key} ${words(r.priority)} ${words(r.type).toLocaleLowerCase(
        'en-US',
      )}, ${words(r.status).toLocaleLowerCase('en-US')}. ${r.description}`,
      location: `/pp/helpdesk/tickets/${key}`,
      key,
      status: r.status,
      priority: r.priority,
    };
  });
}
