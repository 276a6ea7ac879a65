import {
  PpGuard,
  notModified,
  ppAuditErrors,
  ppRoute,
  sendCachedJson,
} from '@internal/plugin-pp-node';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { TicketApi } from './ticketApi';

export interface RouterOptions {
  api: TicketApi;
  guard: PpGuard;
}

/** Path and header fields merged into a JSON object body; any other body is left to fail validation. */
const withFields = (body: unknown, extra: Record<string, unknown>) =>
  body && typeof body === 'object' && !Array.isArray(body)
    ? { ...body, ...extra }
    : body;

/**
 * HTTP of the Ticketing block of the contract, relative to /pp/v1, plus the sub-resources a UI
 * needs (transition, attachments, assignees, SLA policy): each route only maps HTTP to one command
 * of `ticketApi.ts` (guard first, then the body with the contract's limit, see `ppRoute`).
 * Every change of a ticket's fields carries the version the caller read, as `If-Match: <ETag>` or
 * a `version` field; a missing one (or `If-Match: *`) is a 400, a stale one a 412.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { api, guard } = options;
  const router = Router();
  const cached = (req: Request, res: Response, body: unknown) =>
    sendCachedJson(req, res, body);
  const write = (req: Request, body: unknown) =>
    withFields(body, {
      ticket_id: req.params.ticketId,
      if_match: req.header('if-match') ?? undefined,
    });
  const append = (req: Request, body: unknown) =>
    withFields(body, { ticket_id: req.params.ticketId });

  router.get(
    '/tickets',
    // versioned: ETag from the tickets' change mark; agents are told to poll every 15 s
    ppRoute(guard, api.list, { input: req => req.query, maxAgeSeconds: 15 }),
  );
  // Not in the contract: who tickets can be assigned to (the assign picker).
  router.get(
    '/tickets/assignees',
    ppRoute(guard, api.assignees, { input: () => ({}), send: cached }),
  );
  // Not in the contract: the SLA policy in force (configuration, spec values by default).
  router.get(
    '/tickets/sla-policy',
    ppRoute(guard, api.slaPolicy, { input: () => ({}), send: cached }),
  );
  router.post(
    '/tickets',
    ppRoute(guard, api.create, {
      body: 'POST /pp/v1/tickets',
      input: (_req, body) => body,
      status: 201,
    }),
  );
  router.get(
    '/tickets/:ticketId',
    ppRoute(guard, api.get, {
      input: req => ({ ticket_id: req.params.ticketId }),
      send: cached,
    }),
  );
  router.put(
    '/tickets/:ticketId',
    ppRoute(guard, api.update, {
      body: 'PUT /pp/v1/tickets/{ticket_id}',
      input: write,
    }),
  );
  router.post(
    '/tickets/:ticketId/transition',
    ppRoute(guard, api.transition, {
      body: 'POST /pp/v1/tickets/{ticket_id}/transition',
      input: write,
    }),
  );
  router.post(
    '/tickets/:ticketId/assign',
    ppRoute(guard, api.assign, {
      body: 'POST /pp/v1/tickets/{ticket_id}/assign',
      input: write,
    }),
  );
  router.post(
    '/tickets/:ticketId/escalate',
    ppRoute(guard, api.escalate, {
      body: 'POST /pp/v1/tickets/{ticket_id}/escalate',
      input: write,
    }),
  );
  router.post(
    '/tickets/:ticketId/close',
    ppRoute(guard, api.close, {
      body: 'POST /pp/v1/tickets/{ticket_id}/close',
      input: write,
    }),
  );
  // No version on comments and attachments: they are appended and overwrite nothing.
  router.post(
    '/tickets/:ticketId/comments',
    ppRoute(guard, api.comment, {
      body: 'POST /pp/v1/tickets/{ticket_id}/comments',
      input: append,
      status: 201,
    }),
  );
  router.post(
    '/tickets/:ticketId/attachments',
    ppRoute(guard, api.addAttachment, {
      body: 'POST /pp/v1/tickets/{ticket_id}/attachments',
      input: append,
      status: 201,
    }),
  );
  router.get(
    '/tickets/:ticketId/attachments/:attachmentId',
    ppRoute(guard, api.attachment, {
      input: req => ({
        ticket_id: req.params.ticketId,
        attachment_id: req.params.attachmentId,
      }),
      send: (req, res, file) => {
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
    }),
  );

  router.use(ppAuditErrors(guard));
  return router;
}
