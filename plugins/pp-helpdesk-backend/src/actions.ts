import {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import {
  PP_TICKET_PRIORITIES,
  PP_TICKET_STATUSES,
  PP_TICKET_TYPES,
} from '@internal/plugin-pp-common';
import { PpGuard, ppActionHandler } from '@internal/plugin-pp-node';
import { TicketApi } from './service/ticketApi';

/** The zod (v3) the actions registry hands to schema builders. */
type Zod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];

const SLA_STATES = [
  'ok',
  'breach_imminent',
  'breached',
  'paused',
  'met',
  'missed',
] as const;

const person = (z: Zod) =>
  z.object({ id: z.string(), name: z.string(), email: z.string().nullable() });

/** One row of the queue (`PpTicketListItem`); fields not named here pass through. */
const ticketRow = (z: Zod) =>
  z
    .object({
      id: z.string().describe('Internal id (uuid)'),
      key: z
        .string()
        .describe('TKT-000123: the id to pass as ticket_id to other tools'),
      type: z.enum(PP_TICKET_TYPES),
      priority: z.enum(PP_TICKET_PRIORITIES),
      status: z.enum(PP_TICKET_STATUSES),
      title: z.string(),
      reporter: person(z),
      assignee: person(z).nullable(),
      entity_ref: z
        .string()
        .nullable()
        .describe(
          'Affected catalog entity, e.g. component:default/payment-service',
        ),
      labels: z.array(z.string()),
      escalation_level: z.number().int(),
      sla: z
        .object({
          response_due_at: z.string(),
          resolution_due_at: z.string(),
          first_response_at: z.string().nullable(),
          due_at: z
            .string()
            .nullable()
            .describe('The deadline that matters now; null when done'),
          response_state: z.enum(SLA_STATES),
          resolution_state: z.enum(SLA_STATES),
        })
        .passthrough(),
      version: z
        .number()
        .int()
        .describe(
          'Pass it as version to pp-tickets-assign / pp-tickets-transition',
        ),
      created_at: z.string(),
      updated_at: z.string(),
    })
    .passthrough();

/** A ticket in full (`PpTicketDetail`): the row, its text, allowed moves and timeline. */
const ticketDetail = (z: Zod) =>
  ticketRow(z)
    .extend({
      description: z.string(),
      resolution_notes: z.string().nullable(),
      allowed_transitions: z
        .array(z.enum(PP_TICKET_STATUSES))
        .describe('Statuses pp-tickets-transition may move this ticket to'),
      timeline: z
        .array(
          z
            .object({
              kind: z.enum(['comment', 'change']),
              id: z.string(),
              at: z.string(),
              actor: person(z),
              body: z.string().optional().describe('kind comment: the text'),
              field: z
                .string()
                .optional()
                .describe('kind change: what changed'),
              old_value: z.string().nullable().optional(),
              new_value: z.string().nullable().optional(),
            })
            .passthrough(),
        )
        .optional()
        .describe('Comments and changes, oldest first'),
    })
    .passthrough();

/**
 * Ticket actions for AI agents (the MCP actions backend offers them): adapters over the same
 * commands as the HTTP routes (`ticketApi.ts`), so permission, validation and audit are theirs.
 */
export function registerTicketActions(
  actionsRegistry: ActionsRegistryService,
  api: TicketApi,
  guard: PpGuard,
) {
  const ticketOut = (z: Zod) => z.object({ ticket: ticketDetail(z) });
  const asTicket = (ticket: object) => ({ ticket: { ...ticket } as any });
  const ticketId = (z: Zod) =>
    z.string().min(1).max(64).describe('The ticket key (TKT-000123) or id');
  const version = (z: Zod) =>
    z
      .number()
      .int()
      .positive()
      .describe(
        'The version of the ticket you read (pp-tickets-get); a stale one fails with 412 and writes nothing',
      );

  actionsRegistry.register({
    name: 'pp-tickets-list',
    title: 'List helpdesk tickets',
    description:
      'Searches the helpdesk ticket queue, most urgent SLA deadline first. Use it to find tickets (e.g. whether an incident is already open for a service before opening another). Filters: type, priority, status (each a list), assignee ("me", "unassigned" or a user id), entity_ref (the affected catalog entity, e.g. component:default/payment-service), q (words match the start of words in title and description; TKT-123 finds that ticket). Page with limit and next_cursor. total_count is exact unless total_count_exact is false (then at least that many). Rows carry no description or timeline: use pp-tickets-get.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          type: z.array(z.enum(PP_TICKET_TYPES)).optional(),
          priority: z.array(z.enum(PP_TICKET_PRIORITIES)).optional(),
          status: z.array(z.enum(PP_TICKET_STATUSES)).optional(),
          assignee: z
            .string()
            .optional()
            .describe('"me", "unassigned" or a user id'),
          entity_ref: z
            .string()
            .optional()
            .describe('e.g. component:default/payment-service'),
          q: z.string().optional().describe('Words or a TKT-123 key'),
          limit: z.number().int().min(1).max(200).optional(),
          cursor: z
            .string()
            .optional()
            .describe('next_cursor of the previous page'),
        }),
      output: z =>
        z.object({
          items: z.array(ticketRow(z)),
          total_count: z.number().int(),
          total_count_exact: z.boolean(),
          next_cursor: z.string().nullable(),
        }),
    },
    action: ppActionHandler(guard, api.list, {
      name: 'pp-tickets-list',
      output: page => ({
        items: page.items.map(i => ({ ...i })) as any[],
        total_count: page.total_count,
        total_count_exact: page.total_count_exact !== false,
        next_cursor: page.next_cursor,
      }),
    }),
  });

  actionsRegistry.register({
    name: 'pp-tickets-get',
    title: 'Get a helpdesk ticket',
    description:
      'One ticket in full, by its key (TKT-000123) or id: description, SLA state and deadlines, assignee, the statuses it may move to (allowed_transitions), its version (needed by pp-tickets-assign and pp-tickets-transition) and its timeline of comments and changes. Use it to read a ticket back after a write.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ ticket_id: ticketId(z) }),
      output: ticketOut,
    },
    action: ppActionHandler(guard, api.get, {
      name: 'pp-tickets-get',
      output: asTicket,
    }),
  });

  actionsRegistry.register({
    name: 'pp-tickets-create',
    title: 'Open a helpdesk ticket',
    description:
      'Opens a ticket: type incident (something is broken or degraded, e.g. a service found down or degraded with the pp-health tools), support (someone needs help) or feature_request. Priority critical/high/medium/low sets the SLA deadlines. Give entity_ref (component:default/<service_id>) for the affected service so its owners see it. Returns the new ticket with its key. Not idempotent: check pp-tickets-list first to avoid duplicates. Audited.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          type: z.enum(PP_TICKET_TYPES),
          priority: z.enum(PP_TICKET_PRIORITIES),
          title: z.string().min(3).max(200),
          description: z.string().min(1).max(20_000),
          entity_ref: z
            .string()
            .optional()
            .describe(
              'Affected catalog entity, e.g. component:default/payment-service',
            ),
          labels: z.array(z.string()).max(20).optional(),
        }),
      output: ticketOut,
    },
    action: ppActionHandler(guard, api.create, {
      name: 'pp-tickets-create',
      output: asTicket,
    }),
  });

  actionsRegistry.register({
    name: 'pp-tickets-comment',
    title: 'Comment on a helpdesk ticket',
    description:
      'Adds a comment to a ticket (findings, progress, a question to the reporter). Counts as first response when not by the reporter; closed tickets take comments too. Takes no version: a comment is appended and overwrites nothing. Returns the ticket with its timeline. Audited.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          ticket_id: ticketId(z),
          body: z.string().min(1).max(20_000),
        }),
      output: ticketOut,
    },
    action: ppActionHandler(guard, api.comment, {
      name: 'pp-tickets-comment',
      output: asTicket,
    }),
  });

  actionsRegistry.register({
    name: 'pp-tickets-assign',
    title: 'Assign a helpdesk ticket',
    description:
      'Assigns a ticket to a user id ("me" for yourself) or unassigns it (assignee_id null). Requires the version of the ticket you read (pp-tickets-get); when the ticket changed since, the call fails with 412 and nothing is written: read it again and retry. Audited.',
    attributes: { readOnly: false, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          ticket_id: ticketId(z),
          assignee_id: z
            .string()
            .nullable()
            .describe('A user id, "me", or null to unassign'),
          version: version(z),
        }),
      output: ticketOut,
    },
    action: ppActionHandler(guard, api.assign, {
      name: 'pp-tickets-assign',
      output: asTicket,
    }),
  });

  actionsRegistry.register({
    name: 'pp-tickets-transition',
    title: 'Change the status of a helpdesk ticket',
    description:
      'Moves a ticket along its lifecycle (open → in_progress → on_hold/escalated → resolved → closed; reopen resolved → in_progress); allowed_transitions of pp-tickets-get lists the legal moves. Escalating needs a reason, closing needs resolution_notes; a closed ticket is final (only comments). Illegal moves are refused with the allowed ones. Requires the version of the ticket you read (pp-tickets-get); when the ticket changed since, the call fails with 412 and nothing is written: read it again and retry. Audited.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          ticket_id: ticketId(z),
          status: z.enum(PP_TICKET_STATUSES),
          resolution_notes: z.string().optional().describe('Required to close'),
          reason: z.string().optional().describe('Required to escalate'),
          comment: z.string().optional(),
          version: version(z),
        }),
      output: ticketOut,
    },
    action: ppActionHandler(guard, api.transition, {
      name: 'pp-tickets-transition',
      output: asTicket,
    }),
  });
}
