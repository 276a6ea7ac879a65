import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ppTicketDetailSchema,
  ppTicketPageSchema,
} from '@internal/plugin-pp-common';
import {
  ppActionHandler,
  ppActionInputSchema,
  ppActionOutputSchema,
  ppActionPage,
  PpGuard,
} from '@internal/plugin-pp-node';
import { z } from 'zod';
import { TicketApi, ticketWriteInputs } from './service/ticketApi';

/**
 * Ticket actions for AI agents (the MCP actions backend offers them): adapters over the same
 * commands as the HTTP routes (`ticketApi.ts`), so permission, validation and audit are theirs.
 */
export function registerTicketActions(
  actionsRegistry: ActionsRegistryService,
  api: TicketApi,
  guard: PpGuard,
) {
  // every ticket action answers the ticket in full, as the HTTP API does
  const ticketOut = ppActionOutputSchema(
    z.object({ ticket: ppTicketDetailSchema }),
  );
  const asTicket = (ticket: object) => ({ ticket: { ...ticket } as any });

  actionsRegistry.register({
    name: 'pp-tickets-list',
    title: 'List helpdesk tickets',
    description:
      'Searches the helpdesk ticket queue, most urgent SLA deadline first. Use it to find tickets (e.g. whether an incident is already open for a service before opening another). Filters: type, priority, status (each a list), assignee ("me", "unassigned" or a user id), entity_ref (the affected catalog entity, e.g. component:default/payment-service), q (words match the start of words in title and description; TKT-123 finds that ticket). Page with limit and next_cursor. total_count is exact unless total_count_exact is false (then at least that many). Rows carry no description or timeline: use pp-tickets-get.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      // the parsed side of the query: lists and numbers, as JSON has them
      input: ppActionInputSchema(api.list.input, { io: 'output' }),
      output: ppActionOutputSchema(ppTicketPageSchema),
    },
    action: ppActionHandler(guard, api.list, {
      name: 'pp-tickets-list',
      output: page => ({
        ...ppActionPage(page),
        total_count_exact: page.total_count_exact !== false,
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
      input: ppActionInputSchema(api.get.input),
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
      input: ppActionInputSchema(api.create.input),
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
      input: ppActionInputSchema(api.comment.input),
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
      input: ppActionInputSchema(
        ticketWriteInputs.assign
          .omit({ if_match: true })
          .required({ version: true }),
      ),
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
      input: ppActionInputSchema(
        ticketWriteInputs.transition
          .omit({ if_match: true })
          .required({ version: true }),
      ),
      output: ticketOut,
    },
    action: ppActionHandler(guard, api.transition, {
      name: 'pp-tickets-transition',
      output: asTicket,
    }),
  });
}
