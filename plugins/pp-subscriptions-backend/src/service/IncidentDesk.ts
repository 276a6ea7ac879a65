import type {
  PpCreateTicketRequest,
  PpTicketDetail,
} from '@internal/plugin-pp-common';
import {
  PpPluginFetchDeps,
  ppAnswerSentence,
  ppPluginFetch,
} from '@internal/plugin-pp-node';

/** Where incidents go: the helpdesk's tickets. */
export interface IncidentDesk {
  /** Opens a ticket; its id and number (e.g. TKT-000042). */
  open(ticket: PpCreateTicketRequest): Promise<{ id: string; number: string }>;
  /** Whether the ticket is still being worked on; undefined when the helpdesk does not know it. */
  isOpen(ticketId: string): Promise<boolean | undefined>;
}

/** A ticket that is resolved or closed no longer holds its subscription's incident slot. */
const DONE = new Set(['resolved', 'closed']);

/**
 * The helpdesk over HTTP, as Backstage plugins call each other: the helpdesk's address from
 * discovery, and a plugin-to-plugin token of this plugin's own service credentials. The helpdesk's
 * PP guard authorizes that token as the plugin principal this plugin registered (its roles decide,
 * like any other caller's), so no plugin reads another's tables.
 */
export class HttpIncidentDesk implements IncidentDesk {
  constructor(private readonly deps: PpPluginFetchDeps) {}

  private call(path: string, init: { method?: string; body?: unknown } = {}) {
    return ppPluginFetch(this.deps, 'pp-helpdesk', path, {
      ...init,
      timeoutMs: 10_000,
    });
  }

  private static async failure(res: Response, what: string) {
    return new Error(
      `The helpdesk refused to ${what}: ${await ppAnswerSentence(res)}`,
    );
  }

  async open(ticket: PpCreateTicketRequest) {
    const res = await this.call('/tickets', { method: 'POST', body: ticket });
    if (res.status !== 201) {
      throw await HttpIncidentDesk.failure(res, 'open the incident');
    }
    const body = (await res.json()) as PpTicketDetail;
    return { id: body.id, number: body.key };
  }

  async isOpen(ticketId: string) {
    const res = await this.call(`/tickets/${encodeURIComponent(ticketId)}`);
    if (res.status === 404) return undefined;
    if (!res.ok) throw await HttpIncidentDesk.failure(res, 'show the ticket');
    const body = (await res.json()) as PpTicketDetail;
    return !DONE.has(body.status);
  }
}
