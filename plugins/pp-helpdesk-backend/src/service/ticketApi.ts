import {
  ppAssignTicketRequestSchema as assignBody,
  ppCloseTicketRequestSchema as closeBody,
  ppCreateTicketAttachmentRequestSchema as attachmentBody,
  ppCreateTicketCommentRequestSchema as commentBody,
  ppCreateTicketRequestSchema as createTicketBody,
  ppEscalateTicketRequestSchema as escalateBody,
  ppTicketQuerySchema as listTicketsQuery,
  ppTicketsCreatePermission,
  ppTicketsReadPermission,
  ppTicketsUpdatePermission,
  ppTransitionTicketRequestSchema as transitionBody,
  ppUpdateTicketRequestSchema as updateTicketBody,
} from '@internal/plugin-pp-common';
import { ppCommand } from '@internal/plugin-pp-node';
import { z } from 'zod';
import { TicketService } from './TicketService';

const ticketId = z.string().min(1).max(64);
const ticketRef = ticketId.describe(
  'The ticket key (`TKT-000123`) or its internal id.',
);
/** The ticket of a write, and the ETag the caller read (HTTP `If-Match`). */
const target = {
  ticket_id: ticketRef,
  if_match: z.string().max(500).optional(),
};

/**
 * The inputs of the ticket writes that take a version (the actions take them without `if_match`,
 * an HTTP header, and with `version` required).
 */
export const ticketWriteInputs = {
  transition: transitionBody.extend(target),
  assign: assignBody.extend(target),
};

/** The audit record of a ticket write: resource `ticket:<key>`, the id and the version written. */
const ticketAudit =
  <I>(details?: (t: any, input: I) => Record<string, unknown>) =>
  (t: any, input: I) => ({
    resource: `ticket:${t.key}`,
    details: { ticket_id: t.id, version: t.version, ...details?.(t, input) },
  });

/**
 * The helpdesk's use cases, each once: permission, input schema, call and audit. `router.ts` (HTTP)
 * and `actions.ts` (MCP) are adapters over these and repeat none of it.
 */
export function ticketApi(tickets: TicketService) {
  return {
    list: ppCommand({
      name: 'pp.tickets.list',
      permission: ppTicketsReadPermission,
      input: listTicketsQuery,
      // the queue changes only with a ticket write: pollers get a 304 without the page being read
      version: () => tickets.store.changeMark(),
      run: (ctx, query) => tickets.list(query, ctx.principal),
    }),
    get: ppCommand({
      name: 'pp.tickets.get',
      permission: ppTicketsReadPermission,
      input: z.object({ ticket_id: ticketRef }),
      run: (_ctx, { ticket_id }) => tickets.get(ticket_id),
    }),
    assignees: ppCommand({
      name: 'pp.tickets.assignees',
      permission: ppTicketsReadPermission,
      input: z.object({}),
      run: async () => ({ items: await tickets.assignees() }),
    }),
    slaPolicy: ppCommand({
      name: 'pp.tickets.sla-policy',
      permission: ppTicketsReadPermission,
      input: z.object({}),
      run: async () => {
        const { sla, attachments } = tickets.settings;
        return {
          sla,
          attachments: {
            max_bytes: attachments.maxBytes,
            content_types: attachments.contentTypes,
          },
        };
      },
    }),
    attachment: ppCommand({
      name: 'pp.tickets.attachment.get',
      permission: ppTicketsReadPermission,
      input: z.object({ ticket_id: ticketId, attachment_id: ticketId }),
      run: (_ctx, i) => tickets.getAttachment(i.ticket_id, i.attachment_id),
    }),
    create: ppCommand({
      name: 'pp.tickets.create',
      permission: ppTicketsCreatePermission,
      input: createTicketBody,
      run: (ctx, input) => tickets.create(input, ctx.principal),
      audit: ticketAudit(t => ({ type: t.type, priority: t.priority })),
    }),
    update: ppCommand({
      name: 'pp.tickets.update',
      permission: ppTicketsUpdatePermission,
      input: updateTicketBody.extend(target),
      run: (ctx, { ticket_id, if_match, version, ...body }) =>
        tickets.update(ticket_id, body, ctx.principal, {
          version,
          ifMatch: if_match,
        }),
      audit: ticketAudit((_t, { ticket_id, if_match, version, ...body }) => ({
        fields: Object.keys(body),
      })),
    }),
    transition: ppCommand({
      name: 'pp.tickets.transition',
      permission: ppTicketsUpdatePermission,
      input: ticketWriteInputs.transition,
      run: (ctx, { ticket_id, if_match, version, ...body }) =>
        tickets.transition(ticket_id, body, ctx.principal, {
          version,
          ifMatch: if_match,
        }),
      audit: ticketAudit((_t, input) => ({ status: input.status })),
    }),
    assign: ppCommand({
      name: 'pp.tickets.assign',
      permission: ppTicketsUpdatePermission,
      input: ticketWriteInputs.assign,
      run: (ctx, i) =>
        tickets.assign(i.ticket_id, i.assignee_id, ctx.principal, {
          version: i.version,
          ifMatch: i.if_match,
        }),
      audit: ticketAudit(t => ({ assignee_id: t.assignee?.id ?? null })),
    }),
    escalate: ppCommand({
      name: 'pp.tickets.escalate',
      permission: ppTicketsUpdatePermission,
      input: escalateBody.extend(target),
      run: (ctx, i) =>
        tickets.escalate(i.ticket_id, i.reason, ctx.principal, {
          version: i.version,
          ifMatch: i.if_match,
        }),
      audit: ticketAudit((t, i) => ({
        reason: i.reason,
        escalated_to: t.escalated_to,
        level: t.escalation_level,
      })),
    }),
    close: ppCommand({
      name: 'pp.tickets.close',
      permission: ppTicketsUpdatePermission,
      input: closeBody.extend(target),
      run: (ctx, i) =>
        tickets.close(i.ticket_id, i.resolution_notes, ctx.principal, {
          version: i.version,
          ifMatch: i.if_match,
        }),
      audit: ticketAudit(),
    }),
    comment: ppCommand({
      name: 'pp.tickets.comment',
      permission: ppTicketsUpdatePermission,
      input: commentBody.extend({ ticket_id: ticketRef }),
      run: (ctx, i) => tickets.comment(i.ticket_id, i.body, ctx.principal),
      audit: ticketAudit((_t, i) => ({ length: i.body.length })),
    }),
    addAttachment: ppCommand({
      name: 'pp.tickets.attachment.add',
      permission: ppTicketsUpdatePermission,
      input: attachmentBody.extend({ ticket_id: ticketId }),
      run: (ctx, i) =>
        tickets.addAttachment(
          i.ticket_id,
          {
            file_name: i.file_name,
            content_type: i.content_type,
            content: Buffer.from(i.content_base64, 'base64'),
          },
          ctx.principal,
        ),
      audit: (a, i) => ({
        resource: `ticket:${i.ticket_id}`,
        details: {
          attachment_id: a.id,
          file_name: a.file_name,
          size_bytes: a.size_bytes,
        },
      }),
    }),
  };
}

export type TicketApi = ReturnType<typeof ticketApi>;
