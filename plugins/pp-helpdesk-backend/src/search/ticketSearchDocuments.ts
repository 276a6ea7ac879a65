import { PpSearchDocument } from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { ticketKey } from '../domain/ticket';

const words = (s: string) => {
  const t = s.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
};

/**
 * The tickets as search documents (the `pp-ticket` type), a page at a time in ticket order: its
 * key, title and description, so a search for `TKT-000001` or a word of the problem finds it.
 * `after` is the last ticket number of the previous page. Who may find a ticket is decided at
 * search time (pp.tickets.read).
 */
export async function ticketSearchDocuments(
  db: Knex,
  page: { after?: string; limit: number },
): Promise<{ documents: PpSearchDocument[]; next?: string }> {
  const after = Number(page.after ?? 0);
  const rows = await db('pp_tickets')
    .select('seq', 'title', 'description', 'status', 'priority', 'type')
    .where('seq', '>', Number.isSafeInteger(after) ? after : 0)
    .orderBy('seq')
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  return {
    documents: shown.map(r => {
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
    }),
    next: more ? String(shown[shown.length - 1].seq) : undefined,
  };
}
