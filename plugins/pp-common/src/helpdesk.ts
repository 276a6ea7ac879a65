/*
 * Helpdesk (Stage 3, ticket management): the JSON shapes of /pp/v1/tickets, the ticket lifecycle
 * (one transition table, shared by the backend that enforces it and the frontend that offers only
 * legal moves) and the SLA defaults from the spec.
 */

/** @public */
export const PP_TICKET_TYPES = [
  'support',
  'incident',
  'feature_request',
] as const;
/** @public */
export type PpTicketType = (typeof PP_TICKET_TYPES)[number];

/** Highest first. @public */
export const PP_TICKET_PRIORITIES = [
  'critical',
  'high',
  'medium',
  'low',
] as const;
/** @public */
export type PpTicketPriority = (typeof PP_TICKET_PRIORITIES)[number];

/** @public */
export const PP_TICKET_STATUSES = [
  'open',
  'in_progress',
  'on_hold',
  'escalated',
  'resolved',
  'closed',
] as const;
/** @public */
export type PpTicketStatus = (typeof PP_TICKET_STATUSES)[number];

/**
 * The ticket lifecycle, `open → in_progress → [on_hold | escalated] → resolved → closed`, as the one
 * table of legal moves:
 * - an open ticket is picked up (in_progress) or escalated straight away;
 * - on_hold and escalated go back to in_progress, or are resolved;
 * - a resolved ticket is closed (with resolution notes) or reopened (back to in_progress);
 * - closed is final.
 * Anything else is a 409 that names the allowed moves.
 *
 * @public
 */
export const PP_TICKET_TRANSITIONS: Readonly<
  Record<PpTicketStatus, readonly PpTicketStatus[]>
> = {
  open: ['in_progress', 'escalated'],
  in_progress: ['on_hold', 'escalated', 'resolved'],
  on_hold: ['in_progress', 'escalated', 'resolved'],
  escalated: ['in_progress', 'on_hold', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

/** The statuses a ticket may move to from `from`. @public */
export function ppTicketTransitionsFrom(
  from: PpTicketStatus,
): readonly PpTicketStatus[] {
  return PP_TICKET_TRANSITIONS[from] ?? [];
}

/** @public */
export function ppIsTicketTransitionAllowed(
  from: PpTicketStatus,
  to: PpTicketStatus,
): boolean {
  return ppTicketTransitionsFrom(from).includes(to);
}

/** Statuses in which the ticket is still being worked (the SLA clock runs, except on_hold). @public */
export const PP_TICKET_ACTIVE_STATUSES: readonly PpTicketStatus[] = [
  'open',
  'in_progress',
  'on_hold',
  'escalated',
];

/** Who a breached/escalated ticket goes to. @public */
export type PpTicketEscalationPath = 'infrastructure_engineer' | 'team_lead';

/** Response and resolution targets of one priority. @public */
export interface PpTicketSlaPolicy {
  response_minutes: number;
  resolution_minutes: number;
  escalation_path: PpTicketEscalationPath;
}

/**
 * The spec's SLA table; the backend reads overrides from `pp.helpdesk.sla.<priority>`.
 * Incidents of critical/high priority always escalate to infrastructure engineers.
 *
 * @public
 */
export const PP_TICKET_SLA_DEFAULTS: Readonly<
  Record<PpTicketPriority, PpTicketSlaPolicy>
> = {
  critical: {
    response_minutes: 15,
    resolution_minutes: 4 * 60,
    escalation_path: 'infrastructure_engineer',
  },
  high: {
    response_minutes: 2 * 60,
    resolution_minutes: 24 * 60,
    escalation_path: 'infrastructure_engineer',
  },
  medium: {
    response_minutes: 8 * 60,
    resolution_minutes: 72 * 60,
    escalation_path: 'team_lead',
  },
  low: {
    response_minutes: 24 * 60,
    resolution_minutes: 7 * 24 * 60,
    escalation_path: 'team_lead',
  },
};

/** Share of the SLA time after which a ticket is flagged breach-imminent. @public */
export const PP_TICKET_SLA_WARNING_RATIO = 0.8;

/**
 * Where a ticket stands against its SLA right now:
 * `ok` (under 80 % used), `breach_imminent` (≥ 80 %), `breached` (≥ 100 %), `paused` (on_hold),
 * `met` (resolved/closed within the target), `missed` (resolved/closed after it).
 *
 * @public
 */
export type PpTicketSlaState =
  | 'ok'
  | 'breach_imminent'
  | 'breached'
  | 'paused'
  | 'met'
  | 'missed';

/** @public */
export interface PpTicketSla {
  policy: PpTicketSlaPolicy;
  /** Creation + response target, moved later by the time spent on hold. */
  response_due_at: string;
  /** Creation + resolution target, moved later by the time spent on hold. */
  resolution_due_at: string;
  /** First comment/assignment by staff other than the reporter, or the move to in_progress. */
  first_response_at: string | null;
  /** The deadline that matters now: response until the first response, then resolution; null when done. */
  due_at: string | null;
  response_state: PpTicketSlaState;
  resolution_state: PpTicketSlaState;
  /** Seconds spent on hold so far (the clock pauses while on_hold). */
  paused_seconds: number;
  paused_since: string | null;
  breach_imminent_at: string | null;
  breached_at: string | null;
}

/** Attachment metadata (the bytes are downloaded from `/tickets/{id}/attachments/{attachment_id}`). @public */
export interface PpTicketAttachment {
  id: string;
  ticket_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  uploaded_by: string;
  uploaded_at: string;
}

/** Allowed attachment types and size (the backend enforces them; config may narrow them). @public */
export const PP_TICKET_ATTACHMENT_LIMITS = {
  max_bytes: 5 * 1024 * 1024,
  content_types: [
    'text/plain',
    'text/csv',
    'application/json',
    'application/pdf',
    'image/png',
    'image/jpeg',
    'image/gif',
    'application/zip',
  ] as readonly string[],
};

/** A person as a ticket shows them. @public */
export interface PpTicketPerson {
  id: string;
  name: string;
  email: string | null;
}

/** One row of the queue (`GET /tickets`). @public */
export interface PpTicketListItem {
  /** Internal id (uuid). */
  id: string;
  /** Human-friendly id, e.g. `TKT-000123`; also accepted wherever `{ticket_id}` is. */
  key: string;
  type: PpTicketType;
  priority: PpTicketPriority;
  status: PpTicketStatus;
  title: string;
  reporter: PpTicketPerson;
  assignee: PpTicketPerson | null;
  /** Affected catalog entity, e.g. `component:default/payment-service`. */
  entity_ref: string | null;
  labels: string[];
  escalation_level: number;
  sla: PpTicketSla;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A ticket in full (`GET /tickets/{ticket_id}`; its ETag is the version for If-Match). @public */
export interface PpTicket extends PpTicketListItem {
  description: string;
  resolution_notes: string | null;
  escalated_to: PpTicketEscalationPath | null;
  escalation_reason: string | null;
  escalated_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  attachments: PpTicketAttachment[];
  /** Statuses the ticket may move to now (from PP_TICKET_TRANSITIONS). */
  allowed_transitions: PpTicketStatus[];
}

/** @public */
export interface PpTicketComment {
  id: string;
  ticket_id: string;
  author: PpTicketPerson;
  body: string;
  created_at: string;
}

/** One `pp_ticket_history` row: a field changed. @public */
export interface PpTicketHistoryEntry {
  id: string;
  ticket_id: string;
  changed_by: PpTicketPerson;
  field: string;
  old_value: string | null;
  new_value: string | null;
  changed_at: string;
}

/** History and comments merged in time order (the detail view's timeline). @public */
export type PpTicketTimelineEntry =
  | {
      kind: 'comment';
      id: string;
      at: string;
      actor: PpTicketPerson;
      body: string;
    }
  | {
      kind: 'change';
      id: string;
      at: string;
      actor: PpTicketPerson;
      field: string;
      old_value: string | null;
      new_value: string | null;
    };

/** `GET /tickets/{ticket_id}`. @public */
export interface PpTicketDetail extends PpTicket {
  timeline: PpTicketTimelineEntry[];
}

/** A cursor-paged queue, sorted by SLA due time (then id). @public */
export interface PpTicketPage {
  items: PpTicketListItem[];
  /**
   * Tickets matching the filters. Exact when only type, priority and status filter (kept
   * counters), or when a filtered search matches at most 10 000; otherwise 10 000 and
   * `total_count_exact` is false ("at least").
   */
  total_count: number;
  /** false: `total_count` is a lower bound (absent in older answers: exact). */
  total_count_exact?: boolean;
  limit: number;
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

/**
 * Query of `GET /tickets`. Repeat a parameter or separate values with commas for several values.
 * `assignee` is a user id, `me`, or `unassigned`; `q` is a ticket key (`TKT-123`) or words, each
 * matching the start of a word in the title or description (indexed full-text search).
 *
 * @public
 */
export interface PpTicketQuery {
  type?: PpTicketType[];
  priority?: PpTicketPriority[];
  status?: PpTicketStatus[];
  assignee?: string;
  reporter?: string;
  entity_ref?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** `POST /tickets`. @public */
export interface PpCreateTicketRequest {
  type: PpTicketType;
  priority: PpTicketPriority;
  title: string;
  description: string;
  entity_ref?: string | null;
  labels?: string[];
  assignee_id?: string | null;
}

/**
 * `PUT /tickets/{ticket_id}`: any subset of the fields. Send the version you read, as `version` or
 * as `If-Match: <ETag of the GET>`; a stale one is a 412 and changes nothing.
 * A `status` change must be legal (409 naming the allowed ones otherwise); moving to `escalated`
 * needs `escalation_reason`, moving to `closed` needs resolution notes.
 *
 * @public
 */
export interface PpUpdateTicketRequest {
  version?: number;
  type?: PpTicketType;
  priority?: PpTicketPriority;
  title?: string;
  description?: string;
  status?: PpTicketStatus;
  entity_ref?: string | null;
  labels?: string[];
  /** Appends to labels without replacing them. */
  add_labels?: string[];
  remove_labels?: string[];
  resolution_notes?: string | null;
  escalation_reason?: string;
}

/** `POST /tickets/{ticket_id}/transition`. @public */
export interface PpTransitionTicketRequest {
  version?: number;
  status: PpTicketStatus;
  /** Required when moving to closed (unless the ticket already has notes); optional on resolved. */
  resolution_notes?: string;
  /** Required when moving to escalated (at least 10 characters). */
  reason?: string;
  /** Added to the ticket as a comment in the same change. */
  comment?: string;
}

/** `POST /tickets/{ticket_id}/assign`; `assignee_id: null` unassigns, `"me"` assigns the caller. @public */
export interface PpAssignTicketRequest {
  version?: number;
  assignee_id: string | null;
}

/** `POST /tickets/{ticket_id}/escalate`. @public */
export interface PpEscalateTicketRequest {
  version?: number;
  reason: string;
}

/** `POST /tickets/{ticket_id}/close`. @public */
export interface PpCloseTicketRequest {
  version?: number;
  resolution_notes: string;
}

/** `POST /tickets/{ticket_id}/comments`. @public */
export interface PpCreateTicketCommentRequest {
  body: string;
}

/** `POST /tickets/{ticket_id}/attachments` (JSON, the bytes base64-encoded). @public */
export interface PpCreateTicketAttachmentRequest {
  file_name: string;
  content_type: string;
  content_base64: string;
}
