import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  PP_TICKET_PRIORITIES,
  PP_TICKET_STATUSES,
  PP_TICKET_TYPES,
  ppTicketsCreatePermission,
  ppTicketsReadPermission,
  ppTicketsUpdatePermission,
} from '@internal/plugin-pp-common';
import { PpGuard } from '@internal/plugin-pp-node';
import { ticketAuditor } from './service/auditTicket';
import { TicketService } from './service/TicketService';

/**
 * Ticket actions for AI agents (the MCP actions backend offers them): the same service calls as the
 * HTTP routes, under the same permissions and audit.
 */
export function registerTicketActions(
  actionsRegistry: ActionsRegistryService,
  tickets: TicketService,
  guard: PpGuard,
) {
  const audit = ticketAuditor(guard, { via: 'actions' });
  const ticketOut = (z: any) =>
    z.object({ ticket: z.record(z.string(), z.any()) });

  actionsRegistry.register({
    name: 'list-tickets',
    title: 'List helpdesk tickets',
    description:
      'Lists Platform Portal helpdesk tickets sorted by SLA due time. Filter by type, priority, status, assignee ("me", "unassigned" or a user id), affected catalog entity or text; page with next_cursor.',
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
          next_cursor: z.string().nullable(),
        }),
    },
    action: async ({ input, credentials }) => {
      const ctx = await guard.authorizeCredentials(
        credentials,
        ppTicketsReadPermission,
        'list-tickets',
      );
      const page = await tickets.list(input, ctx.principal);
      return {
        output: {
          items: page.items as any[],
          total_count: page.total_count,
          next_cursor: page.next_cursor,
        },
      };
    },
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
    action: async ({ input, credentials }) => {
      await guard.authorizeCredentials(
        credentials,
        ppTicketsReadPermission,
        'get-ticket',
      );
      return {
        output: { ticket: (await tickets.get(input.ticket_id)) as any },
      };
    },
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
    action: async ({ input, credentials }) => {
      const ctx = await guard.authorizeCredentials(
        credentials,
        ppTicketsCreatePermission,
        'create-ticket',
      );
      const ticket = await tickets.create(input, ctx.principal);
      await audit(ctx, 'pp.tickets.create', ticket, {
        priority: ticket.priority,
      });
      return { output: { ticket: ticket as any } };
    },
  });

  actionsRegistry.register({
    name: 'comment-ticket',
    title: 'Comment on a helpdesk ticket',
    description:
      'Adds a comment to a ticket (counts as first response when not by the reporter). Takes no version: a comment is appended and overwrites nothing.',
    attributes: { readOnly: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          ticket_id: z.string(),
          body: z.string().min(1).max(20_000),
        }),
      output: ticketOut,
    },
    action: async ({ input, credentials }) => {
      const ctx = await guard.authorizeCredentials(
        credentials,
        ppTicketsUpdatePermission,
        'comment-ticket',
      );
      const ticket = await tickets.comment(
        input.ticket_id,
        input.body,
        ctx.principal,
      );
      await audit(ctx, 'pp.tickets.comment', ticket);
      return { output: { ticket: ticket as any } };
    },
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
          version: z
            .number()
            .int()
            .positive()
            .describe('The ticket version you read (get-ticket)'),
        }),
      output: ticketOut,
    },
    action: async ({ input, credentials }) => {
      const ctx = await guard.authorizeCredentials(
        credentials,
        ppTicketsUpdatePermission,
        'assign-ticket',
      );
      const ticket = await tickets.assign(
        input.ticket_id,
        input.assignee_id,
        ctx.principal,
        { version: input.version },
      );
      await audit(ctx, 'pp.tickets.assign', ticket, {
        assignee_id: ticket.assignee?.id ?? null,
      });
      return { output: { ticket: ticket as any } };
    },
  });

  actionsRegistry.register({
    name: 'transition-ticket',
    title: 'Change the status of a helpdesk ticket',
    description:
      'Moves a ticket along its lifecycle (open → in_progress → on_hold/escalated → resolved → closed; reopen resolved → in_progress). Escalating needs a reason, closing needs resolution notes. Illegal moves are refused with the allowed ones. Requires the version of the ticket you read (get-ticket); when the ticket changed since, the call fails with 412 and nothing is written: read it again and retry.',
    attributes: { readOnly: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          ticket_id: z.string(),
          status: z.enum(PP_TICKET_STATUSES),
          resolution_notes: z.string().optional(),
          reason: z.string().optional(),
          comment: z.string().optional(),
          version: z
            .number()
            .int()
            .positive()
            .describe('The ticket version you read (get-ticket)'),
        }),
      output: ticketOut,
    },
    action: async ({ input, credentials }) => {
      const ctx = await guard.authorizeCredentials(
        credentials,
        ppTicketsUpdatePermission,
        'transition-ticket',
      );
      const { ticket_id, version, ...body } = input;
      const ticket = await tickets.transition(ticket_id, body, ctx.principal, {
        version,
      });
      await audit(ctx, 'pp.tickets.transition', ticket, {
        status: body.status,
      });
      return { output: { ticket: ticket as any } };
    },
  });
}
