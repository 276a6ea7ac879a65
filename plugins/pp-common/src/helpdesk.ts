/*
 * Helpdesk (Stage 3, ticket management): the JSON shapes of /pp/v1/tickets as zod schemas (the one
 * source of the types below, of the backend's input validation and of the OpenAPI document), the
 * ticket lifecycle (one transition table, shared by the backend that enforces it and the frontend
 * that offers only legal moves) and the SLA defaults from the spec.
 */

import { z } from 'zod';

/** An instant as `Date.prototype.toISOString()` writes it (UTC, `Z`). */
const timestamp = () => z.iso.datetime();

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
export const PP_TICKET_ESCALATION_PATHS = [
  'infrastructure_engineer',
  'team_lead',
] as const;
/** @public */
export type PpTicketEscalationPath =
  (typeof PP_TICKET_ESCALATION_PATHS)[number];

/** Response and resolution targets of one priority. @public */
export const ppTicketSlaPolicySchema = z
  .object({
    response_minutes: z
      .number()
      .describe('Minutes from creation to the first response.'),
    resolution_minutes: z
      .number()
      .describe('Minutes from creation to resolution.'),
    escalation_path: z
      .enum(PP_TICKET_ESCALATION_PATHS)
      .describe('Who a breached or escalated ticket goes to.'),
  })
  .meta({
    id: 'TicketSlaPolicy',
    description: 'Response and resolution targets of one ticket priority.',
  });
/** @public */
export type PpTicketSlaPolicy = z.infer<typeof ppTicketSlaPolicySchema>;

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
export const PP_TICKET_SLA_STATES = [
  'ok',
  'breach_imminent',
  'breached',
  'paused',
  'met',
  'missed',
] as const;
/** @public */
export type PpTicketSlaState = (typeof PP_TICKET_SLA_STATES)[number];

/** @public */
export const ppTicketSlaSchema = z
  .object({
    policy: ppTicketSlaPolicySchema,
    response_due_at: timestamp().describe(
      'Creation + response target, moved later by the time spent on hold.',
    ),
    resolution_due_at: timestamp().describe(
      'Creation + resolution target, moved later by the time spent on hold.',
    ),
    first_response_at: timestamp()
      .nullable()
      .describe(
        'First comment/assignment by staff other than the reporter, or the move to in_progress; null before it.',
      ),
    due_at: timestamp()
      .nullable()
      .describe(
        'The deadline that matters now: response until the first response, then resolution; null when resolved or closed.',
      ),
    response_state: z.enum(PP_TICKET_SLA_STATES),
    resolution_state: z.enum(PP_TICKET_SLA_STATES),
    paused_seconds: z
      .number()
      .describe(
        'Seconds spent on hold so far (the clock pauses while on_hold).',
      ),
    paused_since: timestamp()
      .nullable()
      .describe('When the ticket went on hold; null when not on hold.'),
    breach_imminent_at: timestamp()
      .nullable()
      .describe(
        'When a target was flagged breach-imminent (80 %); null if never.',
      ),
    breached_at: timestamp()
      .nullable()
      .describe('When a target was breached; null if never.'),
  })
  .meta({
    id: 'TicketSla',
    description: 'Where a ticket stands against its SLA targets.',
  });
/** @public */
export type PpTicketSla = z.infer<typeof ppTicketSlaSchema>;

/** Attachment metadata (the bytes are downloaded from `/tickets/{id}/attachments/{attachment_id}`). @public */
export const ppTicketAttachmentSchema = z
  .object({
    id: z.string(),
    ticket_id: z.string().describe('Internal id (uuid) of the ticket.'),
    file_name: z.string(),
    content_type: z.string().describe('MIME type, e.g. `application/pdf`.'),
    size_bytes: z.number().int(),
    uploaded_by: z.string().describe('User id of the uploader.'),
    uploaded_at: timestamp(),
  })
  .meta({
    id: 'TicketAttachment',
    description:
      'Metadata of a ticket attachment; the bytes are at /tickets/{ticket_id}/attachments/{attachment_id}.',
  });
/** @public */
export type PpTicketAttachment = z.infer<typeof ppTicketAttachmentSchema>;

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
export const ppTicketPersonSchema = z
  .object({
    id: z.string().describe('User id.'),
    name: z
      .string()
      .describe('Display name (the id when the name is unknown).'),
    email: z.string().nullable(),
  })
  .meta({
    id: 'TicketPerson',
    description:
      'A person as a ticket shows them (reporter, assignee, author).',
  });
/** @public */
export type PpTicketPerson = z.infer<typeof ppTicketPersonSchema>;

/** One row of the queue (`GET /tickets`). @public */
export const ppTicketListItemSchema = z
  .object({
    id: z.string().describe('Internal id (uuid).'),
    key: z
      .string()
      .describe(
        'Human-friendly id, e.g. `TKT-000123`: pass it as `ticket_id` (accepted wherever `{ticket_id}` is).',
      ),
    type: z.enum(PP_TICKET_TYPES),
    priority: z.enum(PP_TICKET_PRIORITIES),
    status: z.enum(PP_TICKET_STATUSES),
    title: z.string(),
    reporter: ppTicketPersonSchema,
    assignee: ppTicketPersonSchema.nullable().describe('null when unassigned.'),
    entity_ref: z
      .string()
      .nullable()
      .describe(
        'Affected catalog entity, e.g. `component:default/payment-service`; null if none.',
      ),
    labels: z.array(z.string()),
    escalation_level: z
      .number()
      .int()
      .describe('How many times the ticket was escalated (0: never).'),
    sla: ppTicketSlaSchema,
    version: z
      .number()
      .int()
      .describe(
        'Optimistic-locking version: send it back as `version` with a write (assign, transition, update, escalate, close).',
      ),
    created_at: timestamp(),
    updated_at: timestamp(),
  })
  .meta({
    id: 'TicketListItem',
    description: 'One ticket as the queue (`GET /tickets`) lists it.',
  });
/** @public */
export type PpTicketListItem = z.infer<typeof ppTicketListItemSchema>;

/** A ticket in full (`GET /tickets/{ticket_id}`; its ETag is the version for If-Match). @public */
export const ppTicketSchema = ppTicketListItemSchema
  .extend({
    description: z.string(),
    resolution_notes: z.string().nullable(),
    escalated_to: z
      .enum(PP_TICKET_ESCALATION_PATHS)
      .nullable()
      .describe('Who the ticket was escalated to; null if never escalated.'),
    escalation_reason: z.string().nullable(),
    escalated_at: timestamp().nullable(),
    resolved_at: timestamp().nullable(),
    closed_at: timestamp().nullable(),
    attachments: z.array(ppTicketAttachmentSchema),
    allowed_transitions: z
      .array(z.enum(PP_TICKET_STATUSES))
      .describe(
        'Statuses the ticket may move to now (from the lifecycle table).',
      ),
  })
  .meta({
    id: 'Ticket',
    description: 'A ticket in full, without its timeline.',
  });
/** @public */
export type PpTicket = z.infer<typeof ppTicketSchema>;

/** A comment on a ticket. @public */
export const ppTicketCommentSchema = z
  .object({
    id: z.string(),
    ticket_id: z.string(),
    author: ppTicketPersonSchema,
    body: z.string(),
    created_at: timestamp(),
  })
  .meta({ id: 'TicketComment', description: 'A comment on a ticket.' });
/** @public */
export type PpTicketComment = z.infer<typeof ppTicketCommentSchema>;

/** One `pp_ticket_history` row: a field changed. @public */
export const ppTicketHistoryEntrySchema = z
  .object({
    id: z.string(),
    ticket_id: z.string(),
    changed_by: ppTicketPersonSchema,
    field: z.string(),
    old_value: z.string().nullable().describe('null when the field was empty.'),
    new_value: z
      .string()
      .nullable()
      .describe('null when the field is now empty.'),
    changed_at: timestamp(),
  })
  .meta({
    id: 'TicketHistoryEntry',
    description: 'One recorded change of one ticket field.',
  });
/** @public */
export type PpTicketHistoryEntry = z.infer<typeof ppTicketHistoryEntrySchema>;

/** History and comments merged in time order (the detail view's timeline). @public */
export const ppTicketTimelineEntrySchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('comment'),
      id: z.string().describe('`c` and the comment id.'),
      at: timestamp(),
      actor: ppTicketPersonSchema,
      body: z.string().describe('The comment’s text.'),
    }),
    z.object({
      kind: z.literal('change'),
      id: z.string().describe('`h` and the history row id.'),
      at: timestamp(),
      actor: ppTicketPersonSchema,
      field: z.string().describe('The ticket field that changed.'),
      old_value: z.string().nullable(),
      new_value: z.string().nullable(),
    }),
  ])
  .meta({
    id: 'TicketTimelineEntry',
    description:
      'One entry of a ticket timeline: a comment or a change of a field.',
  });
/** @public */
export type PpTicketTimelineEntry = z.infer<typeof ppTicketTimelineEntrySchema>;

/** `GET /tickets/{ticket_id}`. @public */
export const ppTicketDetailSchema = ppTicketSchema
  .extend({
    timeline: z
      .array(ppTicketTimelineEntrySchema)
      .describe('History and comments merged, oldest first.'),
  })
  .meta({
    id: 'TicketDetail',
    description:
      'A ticket in full with its timeline, as `GET /tickets/{ticket_id}` and every ticket write answer it.',
  });
/** @public */
export type PpTicketDetail = z.infer<typeof ppTicketDetailSchema>;

/** A cursor-paged queue, sorted by SLA due time (then id). @public */
export const ppTicketPageSchema = z
  .object({
    items: z.array(ppTicketListItemSchema),
    total_count: z
      .number()
      .int()
      .describe(
        'Tickets matching the filters; exact when only type, priority and status filter or when a search matches at most 10 000, otherwise 10 000 and total_count_exact is false.',
      ),
    total_count_exact: z
      .boolean()
      .optional()
      .describe(
        'false: total_count is a lower bound (absent in older answers: exact).',
      ),
    limit: z.number().int(),
    next_cursor: z
      .string()
      .nullable()
      .describe(
        'Pass as `cursor` to get the next page; null on the last page.',
      ),
  })
  .meta({
    id: 'TicketPage',
    description:
      'One page of the ticket queue, sorted by SLA due time (then id).',
  });
/** @public */
export type PpTicketPage = z.infer<typeof ppTicketPageSchema>;

/** The people `GET /tickets/assignees` offers. @public */
export const ppTicketAssigneesSchema = z
  .object({ items: z.array(ppTicketPersonSchema) })
  .meta({
    id: 'TicketAssignees',
    description: 'Active people who may be assigned tickets, by name.',
  });
/** @public */
export type PpTicketAssignees = z.infer<typeof ppTicketAssigneesSchema>;

/** `GET /tickets/sla-policy`: the SLA targets and attachment limits in force. @public */
export const ppTicketSettingsSchema = z
  .object({
    sla: z.record(z.enum(PP_TICKET_PRIORITIES), ppTicketSlaPolicySchema),
    attachments: z.object({
      max_bytes: z.number().int().describe('Largest attachment in bytes.'),
      content_types: z
        .array(z.string())
        .describe('MIME types an attachment may have.'),
    }),
  })
  .meta({
    id: 'TicketSettings',
    description:
      'The SLA targets of each priority and the attachment limits in force.',
  });
/** @public */
export type PpTicketSettings = z.infer<typeof ppTicketSettingsSchema>;

// ---------------------------------------------------------------------------------------------
// Requests (the backend validates with these very schemas)
// ---------------------------------------------------------------------------------------------

const label = z.string().trim().min(1).max(40);
const labels = z.array(label).max(20);
const entityRef = z
  .string()
  .trim()
  .max(255)
  .nullable()
  .describe(
    'Affected catalog entity, e.g. `component:default/payment-service` (the `entity_ref` of a monitored service); null for none.',
  );
/**
 * Optional in the body only because `If-Match` may carry it instead; TicketService refuses a write
 * (PUT, transition, assign, escalate, close) that has neither.
 */
const version = z
  .number()
  .int()
  .positive()
  .optional()
  .describe(
    'The `version` of the ticket you read (over HTTP also as `If-Match`); a stale one is a 412 and writes nothing.',
  );

/** `POST /tickets`. @public */
export const ppCreateTicketRequestSchema = z
  .object({
    type: z.enum(PP_TICKET_TYPES),
    priority: z.enum(PP_TICKET_PRIORITIES),
    title: z.string().trim().min(3).max(200),
    description: z.string().trim().min(1).max(20_000),
    entity_ref: entityRef.optional(),
    labels: labels.optional(),
    assignee_id: z.string().min(1).max(64).nullable().optional(),
  })
  .meta({ id: 'CreateTicketRequest', description: 'Opens a ticket.' });
/** @public */
export type PpCreateTicketRequest = z.infer<typeof ppCreateTicketRequestSchema>;

/**
 * `PUT /tickets/{ticket_id}`: any subset of the fields. Send the version you read, as `version` or
 * as `If-Match: <ETag of the GET>`; a stale one is a 412 and changes nothing.
 * A `status` change must be legal (409 naming the allowed ones otherwise); moving to `escalated`
 * needs `escalation_reason`, moving to `closed` needs resolution notes.
 *
 * @public
 */
export const ppUpdateTicketRequestSchema = z
  .object({
    version,
    type: z.enum(PP_TICKET_TYPES).optional(),
    priority: z.enum(PP_TICKET_PRIORITIES).optional(),
    title: z.string().trim().min(3).max(200).optional(),
    description: z.string().trim().min(1).max(20_000).optional(),
    status: z.enum(PP_TICKET_STATUSES).optional(),
    entity_ref: entityRef.optional(),
    labels: labels.optional(),
    add_labels: labels
      .optional()
      .describe('Appends to labels without replacing them.'),
    remove_labels: labels.optional(),
    resolution_notes: z.string().max(20_000).nullable().optional(),
    escalation_reason: z.string().max(2_000).optional(),
  })
  .strict()
  .meta({
    id: 'UpdateTicketRequest',
    description:
      'Changes any subset of a ticket’s fields; a status change must be a legal move.',
  });
/** @public */
export type PpUpdateTicketRequest = z.infer<typeof ppUpdateTicketRequestSchema>;

/** `POST /tickets/{ticket_id}/transition`. @public */
export const ppTransitionTicketRequestSchema = z
  .object({
    version,
    status: z.enum(PP_TICKET_STATUSES),
    resolution_notes: z
      .string()
      .max(20_000)
      .optional()
      .describe(
        'Required when moving to closed (unless the ticket already has notes); optional on resolved.',
      ),
    reason: z
      .string()
      .max(2_000)
      .optional()
      .describe('Required when moving to escalated (at least 10 characters).'),
    comment: z
      .string()
      .max(20_000)
      .optional()
      .describe('Added to the ticket as a comment in the same change.'),
  })
  .meta({
    id: 'TransitionTicketRequest',
    description: 'Moves a ticket to another status of its lifecycle.',
  });
/** @public */
export type PpTransitionTicketRequest = z.infer<
  typeof ppTransitionTicketRequestSchema
>;

/** `POST /tickets/{ticket_id}/assign`; `assignee_id: null` unassigns, `"me"` assigns the caller. @public */
export const ppAssignTicketRequestSchema = z
  .object({
    version,
    assignee_id: z
      .string()
      .min(1)
      .max(64)
      .nullable()
      .describe('A user id, `me` for the caller, or null to unassign.'),
  })
  .meta({
    id: 'AssignTicketRequest',
    description: 'Assigns a ticket to a person, or unassigns it.',
  });
/** @public */
export type PpAssignTicketRequest = z.infer<typeof ppAssignTicketRequestSchema>;

/** `POST /tickets/{ticket_id}/escalate`. @public */
export const ppEscalateTicketRequestSchema = z
  .object({
    version,
    reason: z.string().trim().min(10).max(2_000),
  })
  .meta({
    id: 'EscalateTicketRequest',
    description: 'Escalates a ticket, saying why.',
  });
/** @public */
export type PpEscalateTicketRequest = z.infer<
  typeof ppEscalateTicketRequestSchema
>;

/** `POST /tickets/{ticket_id}/close`. @public */
export const ppCloseTicketRequestSchema = z
  .object({
    version,
    resolution_notes: z.string().trim().min(10).max(20_000),
  })
  .meta({
    id: 'CloseTicketRequest',
    description: 'Closes a resolved ticket with resolution notes.',
  });
/** @public */
export type PpCloseTicketRequest = z.infer<typeof ppCloseTicketRequestSchema>;

/** `POST /tickets/{ticket_id}/comments`. @public */
export const ppCreateTicketCommentRequestSchema = z
  .object({
    body: z.string().trim().min(1).max(20_000),
  })
  .meta({
    id: 'CreateTicketCommentRequest',
    description: 'Adds a comment to a ticket.',
  });
/** @public */
export type PpCreateTicketCommentRequest = z.infer<
  typeof ppCreateTicketCommentRequestSchema
>;

/** `POST /tickets/{ticket_id}/attachments` (JSON, the bytes base64-encoded). @public */
export const ppCreateTicketAttachmentRequestSchema = z
  .object({
    file_name: z.string().trim().min(1).max(255),
    content_type: z.string().trim().min(3).max(128),
    content_base64: z.string().min(1).describe('The file’s bytes, base64.'),
  })
  .meta({
    id: 'CreateTicketAttachmentRequest',
    description: 'Attaches a file (base64 in JSON) to a ticket.',
  });
/** @public */
export type PpCreateTicketAttachmentRequest = z.infer<
  typeof ppCreateTicketAttachmentRequestSchema
>;

/** `?status=open,in_progress&status=on_hold` → ['open','in_progress','on_hold'] */
const multi = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(v =>
      (Array.isArray(v) ? v : [v])
        .flatMap(s => s.split(','))
        .map(s => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)))
    .optional();

/**
 * Query of `GET /tickets`. Repeat a parameter or separate values with commas for several values.
 * `assignee` is a user id, `me`, or `unassigned`; `q` is a ticket key (`TKT-123`) or words, each
 * matching the start of a word in the title or description (indexed full-text search).
 * The type is the parsed query (arrays for the multi-valued filters).
 *
 * @public
 */
export const ppTicketQuerySchema = z
  .object({
    type: multi(PP_TICKET_TYPES),
    priority: multi(PP_TICKET_PRIORITIES),
    status: multi(PP_TICKET_STATUSES),
    assignee: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('A user id, `me`, or `unassigned`.'),
    reporter: z.string().min(1).max(64).optional(),
    entity_ref: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .describe(
        'Only tickets about this catalog entity, e.g. `component:default/payment-service`.',
      ),
    created_from: z.iso
      .datetime({ offset: true })
      .optional()
      .describe(
        'Only tickets created at or after this instant (ISO 8601), e.g. the days the SLA plugin’s compliance job recomputes.',
      ),
    q: z
      .string()
      .max(200)
      .optional()
      .describe(
        'A ticket key (`TKT-123`) or words matching the start of words.',
      ),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    cursor: z
      .string()
      .max(500)
      .optional()
      .describe('`next_cursor` of the previous page.'),
  })
  .meta({
    id: 'TicketQuery',
    description: 'Filters and paging of the ticket queue.',
  });
/** @public */
export type PpTicketQuery = z.infer<typeof ppTicketQuerySchema>;
