import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  PpTicketDetail,
  PpTicketListItem,
  PpTicketPage,
  ppTicketTransitionsFrom,
} from '@internal/plugin-pp-common';
import { PpHelpdeskApi } from '../api';

/** A PpHelpdeskApi whose every method is a jest mock, answering an empty queue by default. */
export function createMockHelpdeskApi(): jest.Mocked<PpHelpdeskApi> {
  return {
    listTickets: jest.fn().mockResolvedValue(pageOf([])),
    getTicket: jest.fn().mockRejectedValue(new Error('not mocked')),
    createTicket: jest.fn(),
    assignTicket: jest.fn(),
    escalateTicket: jest.fn(),
    closeTicket: jest.fn(),
    transitionTicket: jest.fn(),
    commentTicket: jest.fn(),
    addAttachment: jest.fn(),
    downloadAttachment: jest.fn(),
    listAssignees: jest.fn().mockResolvedValue([]),
  };
}

const hari = { id: 'hari', name: 'Hari Helpdesk', email: 'hari@waooaw.com' };

/** A queue row with sensible defaults (created 2025-01-01 10:00Z, response due 18:00Z). */
export function makeTicket(
  overrides: Partial<PpTicketListItem> & { key: string },
): PpTicketListItem {
  return {
    id: `id-${overrides.key}`,
    type: 'support',
    priority: 'medium',
    status: 'open',
    title: `Ticket ${overrides.key}`,
    reporter: hari,
    assignee: null,
    entity_ref: 'component:default/payment-service',
    labels: [],
    escalation_level: 0,
    sla: {
      policy: {
        response_minutes: 480,
        resolution_minutes: 4320,
        escalation_path: 'team_lead',
      },
      response_due_at: '2025-01-01T18:00:00.000Z',
      resolution_due_at: '2025-01-04T10:00:00.000Z',
      first_response_at: null,
      due_at: '2025-01-01T18:00:00.000Z',
      response_state: 'ok',
      resolution_state: 'ok',
      paused_seconds: 0,
      paused_since: null,
      breach_imminent_at: null,
      breached_at: null,
    },
    version: 1,
    created_at: '2025-01-01T10:00:00.000Z',
    updated_at: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

/** A full ticket; `allowed_transitions` follows the pp-common table. */
export function makeDetail(
  overrides: Partial<PpTicketDetail> & { key: string },
): PpTicketDetail {
  const base = makeTicket(overrides);
  return {
    description: 'Payments fail with a 502 since the last deploy.',
    resolution_notes: null,
    escalated_to: null,
    escalation_reason: null,
    escalated_at: null,
    resolved_at: null,
    closed_at: null,
    attachments: [],
    allowed_transitions: [...ppTicketTransitionsFrom(base.status)],
    timeline: [],
    ...base,
    ...overrides,
  } as PpTicketDetail;
}

export function pageOf(
  items: PpTicketListItem[],
  nextCursor: string | null = null,
  total = items.length,
): PpTicketPage {
  return { items, total_count: total, limit: 25, next_cursor: nextCursor };
}

type Authorize = PermissionApi['authorize'];
type AuthorizeResponse = Awaited<ReturnType<Authorize>>;

/**
 * A permission API answering every check with ALLOW or DENY. (`usePermission` caches answers per
 * permission for the whole test file, so keep one answer per file.)
 */
export function mockPermissionApi(allow: boolean) {
  const response = {
    result: allow ? 'ALLOW' : 'DENY',
  } as unknown as AuthorizeResponse;
  const api: jest.Mocked<PermissionApi> = {
    authorize: jest.fn<ReturnType<Authorize>, Parameters<Authorize>>(
      async () => response,
    ),
  };
  return [permissionApiRef, api] as const;
}
