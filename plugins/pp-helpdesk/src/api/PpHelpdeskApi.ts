import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  PpAssignTicketRequest,
  PpCloseTicketRequest,
  PpCreateTicketAttachmentRequest,
  PpCreateTicketRequest,
  PpEscalateTicketRequest,
  PpTicketAttachment,
  PpTicketDetail,
  PpTicketPage,
  PpTicketPerson,
  PpTicketQuery,
  PpTransitionTicketRequest,
} from '@internal/plugin-pp-common';

/**
 * A request that changes a ticket, with the `version` of the ticket as the UI read it (required:
 * the server refuses a write without one with 400, and one made stale by somebody else's change
 * with 412). Comments and attachments take none.
 *
 * @public
 */
export type PpVersioned<T extends { version?: number }> = Omit<T, 'version'> & {
  version: number;
};

/**
 * The pp-helpdesk backend as the helpdesk UI uses it. Every method rejects with a `ResponseError`
 * from `@backstage/errors` when the server answers with an error status (412 when the version
 * sent is stale, 409 for an illegal status move).
 *
 * @public
 */
export interface PpHelpdeskApi {
  listTickets(query?: PpTicketQuery): Promise<PpTicketPage>;
  getTicket(id: string): Promise<PpTicketDetail>;
  createTicket(request: PpCreateTicketRequest): Promise<PpTicketDetail>;
  assignTicket(
    id: string,
    request: PpVersioned<PpAssignTicketRequest>,
  ): Promise<PpTicketDetail>;
  escalateTicket(
    id: string,
    request: PpVersioned<PpEscalateTicketRequest>,
  ): Promise<PpTicketDetail>;
  closeTicket(
    id: string,
    request: PpVersioned<PpCloseTicketRequest>,
  ): Promise<PpTicketDetail>;
  transitionTicket(
    id: string,
    request: PpVersioned<PpTransitionTicketRequest>,
  ): Promise<PpTicketDetail>;
  /** Appends a comment; no version (it overwrites nothing). */
  commentTicket(id: string, body: string): Promise<PpTicketDetail>;
  /** Appends an attachment; no version (it overwrites nothing). */
  addAttachment(
    id: string,
    request: PpCreateTicketAttachmentRequest,
  ): Promise<PpTicketAttachment>;
  /** The bytes of an attachment. */
  downloadAttachment(id: string, attachmentId: string): Promise<Blob>;
  listAssignees(): Promise<PpTicketPerson[]>;
}

/**
 * The {@link PpHelpdeskApi} of the pp-helpdesk plugin.
 *
 * @public
 */
export const ppHelpdeskApiRef = createApiRef<PpHelpdeskApi>().with({
  id: 'plugin.pp-helpdesk.api',
  pluginId: 'pp-helpdesk',
});
