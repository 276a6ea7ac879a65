import {
  PpGuard,
  createPpApiRouter,
  notModified,
  ppAuditErrors,
} from '@internal/plugin-pp-node';
import {
  ppTicketAssigneesSchema,
  ppTicketAttachmentSchema,
  ppTicketDetailSchema,
  ppTicketPageSchema,
  ppTicketSettingsSchema,
} from '@internal/plugin-pp-common';
import { TicketApi } from './ticketApi';

export interface RouterOptions {
  api: TicketApi;
  guard: PpGuard;
}

/**
 * HTTP of the Ticketing block of the contract, relative to /pp/v1, plus the sub-resources a UI
 * needs (assignees, SLA policy): each route maps HTTP to one command of `ticketApi.ts` (guard
 * first, then the body with the contract's limit) and documents itself (`createPpApiRouter`).
 * Every change of a ticket's fields carries the version the caller read, as `If-Match: <ETag>` or
 * a `version` field; a missing one (or `If-Match: *`) is a 400, a stale one a 412.
 */
export async function createRouter(options: RouterOptions) {
  const { api, guard } = options;
  const routes = createPpApiRouter({
    pluginId: 'pp-helpdesk',
    title: 'Helpdesk',
    guard,
  });
  const versioned = { headers: { 'If-Match': 'if_match' }, errors: [409, 412] };

  routes.get('/tickets', {
    command: api.list,
    summary: 'List tickets (the queue)',
    description:
      'Tickets sorted by SLA due time, filtered by type, priority, status, assignee (`me`, `unassigned` or a user id), affected catalog entity or text (`q`: words match the start of words in title and description; `TKT-123` finds that ticket). Page with `next_cursor`. `total_count` is exact unless `total_count_exact` is false (then at least that many). Versioned: poll with If-None-Match every 15 s.',
    response: ppTicketPageSchema,
    maxAgeSeconds: 15,
  });
  routes.get('/tickets/assignees', {
    command: api.assignees,
    summary: 'Who tickets can be assigned to',
    portalOnly: true,
    response: ppTicketAssigneesSchema,
    etag: true,
  });
  routes.get('/tickets/sla-policy', {
    command: api.slaPolicy,
    summary: 'The SLA policy in force and the attachment limits',
    portalOnly: true,
    response: ppTicketSettingsSchema,
    etag: true,
  });
  routes.post('/tickets', {
    command: api.create,
    summary: 'Open a ticket',
    description:
      'A support, incident or feature_request ticket; its SLA due times follow from the priority.',
    status: 201,
    response: ppTicketDetailSchema,
  });
  routes.get('/tickets/{ticket_id}', {
    command: api.get,
    summary: 'One ticket with its SLA state, allowed transitions and timeline',
    description: '`ticket_id` is the key (TKT-000123) or the id.',
    response: ppTicketDetailSchema,
    etag: true,
  });
  routes.put('/tickets/{ticket_id}', {
    command: api.update,
    summary: 'Change a ticket’s fields',
    description:
      'Send the version you read as `If-Match` or `version`. A closed ticket takes comments only (409).',
    response: ppTicketDetailSchema,
    ...versioned,
  });
  routes.post('/tickets/{ticket_id}/transition', {
    command: api.transition,
    summary: 'Move a ticket to another status',
    description:
      'Legal moves follow the lifecycle; anything else is a 409 that names the allowed transitions.',
    response: ppTicketDetailSchema,
    ...versioned,
  });
  routes.post('/tickets/{ticket_id}/assign', {
    command: api.assign,
    summary: 'Assign a ticket',
    response: ppTicketDetailSchema,
    ...versioned,
  });
  routes.post('/tickets/{ticket_id}/escalate', {
    command: api.escalate,
    summary: 'Escalate a ticket',
    response: ppTicketDetailSchema,
    ...versioned,
  });
  routes.post('/tickets/{ticket_id}/close', {
    command: api.close,
    summary: 'Close a resolved ticket with resolution notes',
    response: ppTicketDetailSchema,
    ...versioned,
  });
  // No version on comments and attachments: they are appended and overwrite nothing.
  routes.post('/tickets/{ticket_id}/comments', {
    command: api.comment,
    summary: 'Comment on a ticket',
    description:
      'Counts as the first response when not by the reporter; closed tickets take comments too.',
    status: 201,
    response: ppTicketDetailSchema,
  });
  routes.post('/tickets/{ticket_id}/attachments', {
    command: api.addAttachment,
    summary: 'Attach a file (base64 JSON)',
    status: 201,
    response: ppTicketAttachmentSchema,
    errors: [409],
  });
  routes.get('/tickets/{ticket_id}/attachments/{attachment_id}', {
    command: api.attachment,
    summary: 'Download an attachment',
    rawResponse: {
      contentType: 'application/octet-stream',
      description: 'The file, with its own content type',
    },
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
  });

  routes.router.use(ppAuditErrors(guard));
  return routes;
}
