import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ppTicketsCreatePermission,
  ppTicketsReadPermission,
  ppTicketsUpdatePermission,
} from '@internal/plugin-pp-common';
import {
  PpGuard,
  notModified,
  ppAuditErrors,
  parseInput,
  readJsonBody,
  sendCachedJson,
} from '@internal/plugin-pp-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { ticketAuditor } from './auditTicket';
import { TicketService } from './TicketService';
import {
  assignBody,
  attachmentBody,
  closeBody,
  commentBody,
  createTicketBody,
  escalateBody,
  listTicketsQuery,
  transitionBody,
  updateTicketBody,
} from './validation';

export interface RouterOptions {
  tickets: TicketService;
  guard: PpGuard;
  logger: LoggerService;
}

/**
 * HTTP of the Ticketing block of the contract, relative to /pp/v1, plus the sub-resources a UI
 * needs (transition, attachments, assignees); every route goes through the PP guard.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { tickets, guard } = options;
  const router = Router();

  // Every change of a ticket's fields (PUT, transition, assign, escalate, close) carries the
  // version the caller read, as `If-Match: <ETag>` or a `version` field; TicketService answers a
  // missing one (or `If-Match: *`, which names none) with 400 and a stale one with 412 (nothing
  // written). Bodies are read after the guard (readJsonBody), with the contract's limits.
  const ifMatch = (req: Request) => req.header('if-match') ?? undefined;
  const audit = ticketAuditor(guard);

  router.get('/tickets', async (req, res) => {
    const ctx = await guard.authorize(req, ppTicketsReadPermission, res);
    const query = parseInput(listTicketsQuery, req.query, 'query');
    sendCachedJson(req, res, await tickets.list(query, ctx.principal));
  });

  // Not in the contract: who tickets can be assigned to (the assign picker).
  router.get('/tickets/assignees', async (req, res) => {
    await guard.authorize(req, ppTicketsReadPermission, res);
    sendCachedJson(req, res, { items: await tickets.assignees() });
  });

  // Not in the contract: the SLA policy in force (configuration, spec values by default).
  router.get('/tickets/sla-policy', async (req, res) => {
    await guard.authorize(req, ppTicketsReadPermission, res);
    const { sla, attachments } = tickets.settings;
    sendCachedJson(req, res, {
      sla,
      attachments: {
        max_bytes: attachments.maxBytes,
        content_types: attachments.contentTypes,
      },
    });
  });

  router.post('/tickets', async (req, res) => {
    const ctx = await guard.authorize(req, ppTicketsCreatePermission, res);
    const body = parseInput(
      createTicketBody,
      await readJsonBody(req, ctx, 'POST /pp/v1/tickets'),
    );
    const ticket = await tickets.create(body, ctx.principal);
    await audit(ctx, 'pp.tickets.create', ticket, {
      type: ticket.type,
      priority: ticket.priority,
    });
    res.status(201).json(ticket);
  });

  router.get('/tickets/:ticketId', async (req, res) => {
    await guard.authorize(req, ppTicketsReadPermission, res);
    sendCachedJson(req, res, await tickets.get(req.params.ticketId));
  });

  router.put('/tickets/:ticketId', async (req, res) => {
    const ctx = await guard.authorize(req, ppTicketsUpdatePermission, res);
    const { version, ...body } = parseInput(
      updateTicketBody,
      await readJsonBody(req, ctx, 'PUT /pp/v1/tickets/{ticket_id}'),
    );
    const ticket = await tickets.update(
      req.params.ticketId,
      body,
      ctx.principal,
      { version, ifMatch: ifMatch(req) },
    );
    await audit(ctx, 'pp.tickets.update', ticket, {
      fields: Object.keys(body),
    });
    res.json(ticket);
  });

  router.post('/tickets/:ticketId/transition', async (req, res) => {
    const ctx = await guard.authorize(req, ppTicketsUpdatePermission, res);
    const { version, ...body } = parseInput(
      transitionBody,
      await readJsonBody(
        req,
        ctx,
        'POST /pp/v1/tickets/{ticket_id}/transition',
      ),
    );
    const ticket = await tickets.transition(
      req.params.ticketId,
      body,
      ctx.principal,
      { version, ifMatch: ifMatch(req) },
    );
    await audit(ctx, 'pp.tickets.transition', ticket, { status: body.status });
    res.json(ticket);
  });

  router.post('/tickets/:ticketId/assign', async (req, res) => {
    const ctx = await guard.authorize(req, ppTicketsUpdatePermission, res);
    const body = parseInput(
      assignBody,
      await readJsonBody(req, ctx, 'POST /pp/v1/tickets/{ticket_id}/assign'),
    );
    const ticket = await tickets.assign(
      req.params.ticketId,
      body.assignee_id,
      ctx.principal,
      { version: body.version, ifMatch: ifMatch(req) },
    );
    await audit(ctx, 'pp.tickets.assign', ticket, {
      assignee_id: ticket.assignee?.id ?? null,
    });
    res.json(ticket);
  });

  router.post('/tickets/:ticketId/escalate', async (req, res) => {
    const ctx = await guard.authorize(req, ppTicketsUpdatePermission, res);
    const body = parseInput(
      escalateBody,
      await readJsonBody(req, ctx, 'POST /pp/v1/tickets/{ticket_id}/escalate'),
    );
    const ticket = await tickets.escalate(
      req.params.ticketId,
      body.reason,
      ctx.principal,
      { version: body.version, ifMatch: ifMatch(req) },
    );
    await audit(ctx, 'pp.tickets.escalate', ticket, {
      reason: body.reason,
      escalated_to: ticket.escalated_to,
      level: ticket.escalation_level,
    });
    res.json(ticket);
  });

  router.post('/tickets/:ticketId/close', async (req, res) => {
    const ctx = await guard.authorize(req, ppTicketsUpdatePermission, res);
    const body = parseInput(
      closeBody,
      await readJsonBody(req, ctx, 'POST /pp/v1/tickets/{ticket_id}/close'),
    );
    const ticket = await tickets.close(
      req.params.ticketId,
      body.resolution_notes,
      ctx.principal,
      { version: body.version, ifMatch: ifMatch(req) },
    );
    await audit(ctx, 'pp.tickets.close', ticket);
    res.json(ticket);
  });

  // No version here (nor on attachments): a comment is appended and changes none of the ticket's
  // fields, so it cannot overwrite a change its author has not seen.
  router.post('/tickets/:ticketId/comments', async (req, res) => {
    const ctx = await guard.authorize(req, ppTicketsUpdatePermission, res);
    const body = parseInput(
      commentBody,
      await readJsonBody(req, ctx, 'POST /pp/v1/tickets/{ticket_id}/comments'),
    );
    const ticket = await tickets.comment(
      req.params.ticketId,
      body.body,
      ctx.principal,
    );
    await audit(ctx, 'pp.tickets.comment', ticket, {
      length: body.body.length,
    });
    res.status(201).json(ticket);
  });

  // Attachments are JSON with base64 content, so they get the larger limit of the contract
  // (8mb); like every route here, the guard runs before the body is read.
  router.post('/tickets/:ticketId/attachments', async (req, res) => {
    const ctx = await guard.authorize(req, ppTicketsUpdatePermission, res);
    const body = parseInput(
      attachmentBody,
      await readJsonBody(
        req,
        ctx,
        'POST /pp/v1/tickets/{ticket_id}/attachments',
      ),
    );
    const content = Buffer.from(body.content_base64, 'base64');
    const attachment = await tickets.addAttachment(
      req.params.ticketId,
      { file_name: body.file_name, content_type: body.content_type, content },
      ctx.principal,
    );
    await guard.audit(ctx, {
      action: 'pp.tickets.attachment.add',
      resource: `ticket:${req.params.ticketId}`,
      details: {
        attachment_id: attachment.id,
        file_name: attachment.file_name,
        size_bytes: attachment.size_bytes,
      },
    });
    res.status(201).json(attachment);
  });

  router.get(
    '/tickets/:ticketId/attachments/:attachmentId',
    async (req, res) => {
      await guard.authorize(req, ppTicketsReadPermission, res);
      const file = await tickets.getAttachment(
        req.params.ticketId,
        req.params.attachmentId,
      );
      // Attachments never change: the id is a strong validator.
      if (notModified(req, res, `"${file.id}"`, { maxAgeSeconds: 3600 })) {
        return;
      }
      res.setHeader('Content-Type', file.content_type);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${encodeURIComponent(file.file_name)}"`,
      );
      res.status(200).send(file.content);
    },
  );

  router.use(ppAuditErrors(guard));
  return router;
}
