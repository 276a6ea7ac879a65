import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import { PpHelpdeskApi, PpVersioned } from './PpHelpdeskApi';

type QueryValue = string | number | string[] | undefined;

/**
 * The HTTP client of the pp-helpdesk backend (`/api/pp-helpdesk`, also `/pp/v1`). The only place
 * that knows its URLs.
 *
 * @public
 */
export class PpHelpdeskClient implements PpHelpdeskApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listTickets(query: PpTicketQuery = {}): Promise<PpTicketPage> {
    return this.request('GET', '/tickets', { query: { ...query } });
  }

  getTicket(id: string): Promise<PpTicketDetail> {
    return this.request('GET', `/tickets/${enc(id)}`);
  }

  createTicket(request: PpCreateTicketRequest): Promise<PpTicketDetail> {
    return this.request('POST', '/tickets', { body: request });
  }

  assignTicket(
    id: string,
    request: PpVersioned<PpAssignTicketRequest>,
  ): Promise<PpTicketDetail> {
    return this.request('POST', `/tickets/${enc(id)}/assign`, {
      body: request,
    });
  }

  escalateTicket(
    id: string,
    request: PpVersioned<PpEscalateTicketRequest>,
  ): Promise<PpTicketDetail> {
    return this.request('POST', `/tickets/${enc(id)}/escalate`, {
      body: request,
    });
  }

  closeTicket(
    id: string,
    request: PpVersioned<PpCloseTicketRequest>,
  ): Promise<PpTicketDetail> {
    return this.request('POST', `/tickets/${enc(id)}/close`, {
      body: request,
    });
  }

  transitionTicket(
    id: string,
    request: PpVersioned<PpTransitionTicketRequest>,
  ): Promise<PpTicketDetail> {
    return this.request('POST', `/tickets/${enc(id)}/transition`, {
      body: request,
    });
  }

  commentTicket(id: string, body: string): Promise<PpTicketDetail> {
    return this.request('POST', `/tickets/${enc(id)}/comments`, {
      body: { body },
    });
  }

  addAttachment(
    id: string,
    request: PpCreateTicketAttachmentRequest,
  ): Promise<PpTicketAttachment> {
    return this.request('POST', `/tickets/${enc(id)}/attachments`, {
      body: request,
    });
  }

  async downloadAttachment(id: string, attachmentId: string): Promise<Blob> {
    const baseUrl = await this.discoveryApi.getBaseUrl('pp-helpdesk');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/tickets/${enc(id)}/attachments/${enc(attachmentId)}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.blob();
  }

  async listAssignees(): Promise<PpTicketPerson[]> {
    const { items } = await this.request<{ items: PpTicketPerson[] }>(
      'GET',
      '/tickets/assignees',
    );
    return items;
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options: { query?: Record<string, QueryValue>; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('pp-helpdesk');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) {
      // Empty filters mean "any": leave them out rather than send `status=`.
      const text = Array.isArray(value) ? value.join(',') : value;
      if (text !== undefined && text !== '') {
        params.set(key, String(text));
      }
    }
    const search = params.toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;

    const init: RequestInit = { method };
    if (options.body !== undefined) {
      init.body = JSON.stringify(options.body);
      init.headers = { 'Content-Type': 'application/json' };
    }

    const response = await this.fetchApi.fetch(url, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
