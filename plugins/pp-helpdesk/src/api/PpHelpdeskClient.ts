import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  PpAssignTicketRequest,
  PpCloseTicketRequest,
  PpCreateTicketAttachmentRequest,
  PpCreateTicketRequest,
  PpEscalateTicketRequest,
  PpHttpClient,
  PpTicketAttachment,
  PpTicketDetail,
  PpTicketPage,
  PpTicketPerson,
  PpTicketQuery,
  PpTransitionTicketRequest,
} from '@internal/plugin-pp-common';
import { PpHelpdeskApi, PpVersioned } from './PpHelpdeskApi';

/**
 * The HTTP client of the pp-helpdesk backend (`/api/pp-helpdesk`, also `/pp/v1`). The only place
 * that knows its URLs.
 *
 * @public
 */
export class PpHelpdeskClient implements PpHelpdeskApi {
  private readonly http: PpHttpClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = new PpHttpClient({ pluginId: 'pp-helpdesk', ...options });
  }

  listTickets(query: PpTicketQuery = {}): Promise<PpTicketPage> {
    return this.http.request('GET', '/tickets', { query: { ...query } });
  }

  getTicket(id: string): Promise<PpTicketDetail> {
    return this.http.request('GET', `/tickets/${enc(id)}`);
  }

  createTicket(request: PpCreateTicketRequest): Promise<PpTicketDetail> {
    return this.http.request('POST', '/tickets', { body: request });
  }

  assignTicket(
    id: string,
    request: PpVersioned<PpAssignTicketRequest>,
  ): Promise<PpTicketDetail> {
    return this.http.request('POST', `/tickets/${enc(id)}/assign`, {
      body: request,
    });
  }

  escalateTicket(
    id: string,
    request: PpVersioned<PpEscalateTicketRequest>,
  ): Promise<PpTicketDetail> {
    return this.http.request('POST', `/tickets/${enc(id)}/escalate`, {
      body: request,
    });
  }

  closeTicket(
    id: string,
    request: PpVersioned<PpCloseTicketRequest>,
  ): Promise<PpTicketDetail> {
    return this.http.request('POST', `/tickets/${enc(id)}/close`, {
      body: request,
    });
  }

  transitionTicket(
    id: string,
    request: PpVersioned<PpTransitionTicketRequest>,
  ): Promise<PpTicketDetail> {
    return this.http.request('POST', `/tickets/${enc(id)}/transition`, {
      body: request,
    });
  }

  commentTicket(id: string, body: string): Promise<PpTicketDetail> {
    return this.http.request('POST', `/tickets/${enc(id)}/comments`, {
      body: { body },
    });
  }

  addAttachment(
    id: string,
    request: PpCreateTicketAttachmentRequest,
  ): Promise<PpTicketAttachment> {
    return this.http.request('POST', `/tickets/${enc(id)}/attachments`, {
      body: request,
    });
  }

  async downloadAttachment(id: string, attachmentId: string): Promise<Blob> {
    const response = await this.http.fetch(
      'GET',
      `/tickets/${enc(id)}/attachments/${enc(attachmentId)}`,
    );
    return response.blob();
  }

  async listAssignees(): Promise<PpTicketPerson[]> {
    const { items } = await this.http.request<{ items: PpTicketPerson[] }>(
      'GET',
      '/tickets/assignees',
    );
    return items;
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
