import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  PP_TICKET_PRIORITIES,
  PP_TICKET_STATUSES,
  PP_TICKET_TYPES,
} from '@internal/plugin-pp-common';
import { PpGuard, ppActionHandler } from '@internal/plugin-pp-node';
import { TicketApi } from './service/ticketApi';

/**
 * Ticket actions for AI agents (the MCP actions backend offers them): adapters over the same
 * commands as the HTTP routes (`ticketApi.ts`), so permission, validation and audit are theirs.
 */
export function registerTicketActions(
  actionsRegistry: ActionsRegistryService,
  api: TicketApi,
  guard: PpGuard,
) {
  const ticketOut = (z: any) =>
    z.object({ ticket: z.record(z.string(), z.any()) });
  const asTicket = (ticket: unknown) => ({ ticket: ticket as any });
  const version = (z: any) =>
    z
      .number()
      .int()
      .positive()
      .describe('The ticket version you read (get-ticket)');

  actionsRegistry.register({
    name: 'list-tickets',
    title: 'List helpdesk tickets',
    description:
      'Lists Platform Portal helpdesk tickets sorted by SLA due time. Filter by type, priority, status, assignee ("me", "unassigned" or a user id), affected catalog entity or text (words match the start of words in title and description; TKT-123 finds that ticket); page with next_cursor. total_count is exact unless total_count_exact is false (then at least that many).',
    attributes: { readOnly: true },
    schema: {
      input: z =>
        z.object({
          type: z.array(z.enum(PP_TICKET_TYPES)).optional(),
          priority: z.array(z.enum(PP_TICKET_PRIORITIES)).optional(),
          status: z.array(z.enum(PP_TICKET_STATUSES)).optional(),
          assignee: z.string().optional(),
          entity_ref: z.string().optional(),
          q: z.string().optional(),
          limit: z.number().int().min(1).max(200).optional(),
          cursor: z.string().optional(),
        }),
      output: z =>
        z.object({
          items: z.array(z.record(z.string(), z.any())),
          total_count: z.number(),
          total_count_exact: z.boolean(),
          next_cursor: z.string().nullable(),
        }),
    },
    action: ppActionHandler(guard, api.list, {
      name: 'list-tickets',
      output: page => ({
        items: page.items as any[],
        total_count: page.total_count,
        total_count_exact: page.total_count_exact !== false,
        next_cursor: page.next_cursor,
      }),
    }),
  });

  actionsRegistry.register({
    name: 'get-ticket',
    title: 'Get a helpdesk ticket',
    description:
      'One ticket (by TKT-000123 key or id) with its SLA state, allowed status transitions and timeline of changes and comments.',
    attributes: { readOnly: true },
    schema: {
      input: z => z.object({ ticket_id: z.string() }),
      output: ticketOut,
    },
    action: ppActionHandler(guard, api.get, {
      name: 'get-ticket',
      output: asTicket,
    }),
  });

  actionsRegistry.register({
    name: 'create-ticket',
    title: 'Create a helpdesk ticket',
    description:
      'Opens a support, incident or feature_request ticket; SLA due times follow from the priority.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          type: z.enum(PP_TICKET_TYPES),
          priority: z.enum(PP_TICKET_PRIORITIES),
          title: z.string().min(3).max(200),
          description: z.string().min(1).max(20_000),
          entity_ref: z.string().optional(),
          labels: z.array(z.string()).max(20).optional(),
        }),
      output: ticketOut,
    },
    action: ppActionHandler(guard, api.create, {
      name: 'create-ticket',
      output: asTicket,
    }),
  });

  actionsRegistry.register({
    name: 'comment-ticket',
    title: 'Comment on a helpdesk ticket',
    description:
      'Adds a comment to a ticket (counts as first response when not by the reporter; closed tickets take comments too). Takes no version: a comment is appended and overwrites nothing.',
    attributes: { readOnly: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          ticket_id: z.string(),
          body: z.string().min(1).max(20_000),
        }),
      output: ticketOut,
    },
    action: ppActionHandler(guard, api.comment, {
      name: 'comment-ticket',
      output: asTicket,
    }),
  });

  actionsRegistry.register({
    name: 'assign-ticket',
    title: 'Assign a helpdesk ticket',
    description:
      'Assigns a ticket to a user id ("me" for the caller) or unassigns it (null). Requires the version of the ticket you read (get-ticket); when the ticket changed since, the call fails with 412 and nothing is written: read it again and retry.',
    attributes: { readOnly: false, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          ticket_id: z.string(),
          assignee_id: z.string().nullable(),
          version: version(z),
        }),
      output: ticketOut,
    },
    action: ppActionHandler(guard, api.assign, {
      name: 'assign-ticket',
      output: asTicket,
    }),
  });

  actionsRegistry.register({
    name: 'transition-ticket',
    title: 'Change the status of a helpdesk ticket',
    description:
      'Moves a ticket along its lifecycle (open → in_progress → on_hold/escalated → resolved → closed; reopen resolved → in_progress). Escalating needs a reason, closing needs resolution notes; a closed ticket is final (only comments). Illegal moves are refused with the allowed ones. Requires the version of the ticket you read (get-ticket); when the ticket changed since, the call fails with 412 and nothing is written: read it again and retry.',
    attributes: { readOnly: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          ticket_id: z.string(),
          status: z.enum(PP_TICKET_STATUSES),
          resolution_notes: z.string().optional(),
          reason: z.string().optional(),
          comment: z.string().optional(),
          version: version(z),
        }),
      output: ticketOut,
    },
    action: ppActionHandler(guard, api.transition, {
      name: 'transition-ticket',
      output: asTicket,
    }),
  });
}
