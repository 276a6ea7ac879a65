import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  PpAssignTicketRequest,
  PpCreateTicketAttachmentRequest,
  PpCreateTicketRequest,
  PpTicketAttachment,
  PpTicketDetail,
  PpTicketPage,
  PpTicketPerson,
  PpTicketQuery,
  PpTransitionTicketRequest,
} from '@internal/plugin-pp-common';

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
    request: PpAssignTicketRequest,
  ): Promise<PpTicketDetail>;
  escalateTicket(
    id: string,
    request: { reason: string; version?: number },
  ): Promise<PpTicketDetail>;
  closeTicket(
    id: string,
    request: { resolution_notes: string; version?: number },
  ): Promise<PpTicketDetail>;
  transitionTicket(
    id: string,
    request: PpTransitionTicketRequest,
  ): Promise<PpTicketDetail>;
  commentTicket(id: string, body: string): Promise<PpTicketDetail>;
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
