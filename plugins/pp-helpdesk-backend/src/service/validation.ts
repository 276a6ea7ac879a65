import {
  PP_TICKET_PRIORITIES,
  PP_TICKET_STATUSES,
  PP_TICKET_TYPES,
} from '@internal/plugin-pp-common';
import { z } from 'zod';

const label = z.string().trim().min(1).max(40);
const labels = z.array(label).max(20);
const entityRef = z.string().trim().max(255).nullable();
/**
 * Optional in the body only because `If-Match` may carry it instead; TicketService refuses a write
 * (PUT, transition, assign, escalate, close) that has neither.
 */
const version = z.number().int().positive().optional();

export const createTicketBody = z.object({
  type: z.enum(PP_TICKET_TYPES),
  priority: z.enum(PP_TICKET_PRIORITIES),
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().min(1).max(20_000),
  entity_ref: entityRef.optional(),
  labels: labels.optional(),
  assignee_id: z.string().min(1).max(64).nullable().optional(),
});

export const updateTicketBody = z
  .object({
    version,
    type: z.enum(PP_TICKET_TYPES).optional(),
    priority: z.enum(PP_TICKET_PRIORITIES).optional(),
    title: z.string().trim().min(3).max(200).optional(),
    description: z.string().trim().min(1).max(20_000).optional(),
    status: z.enum(PP_TICKET_STATUSES).optional(),
    entity_ref: entityRef.optional(),
    labels: labels.optional(),
    add_labels: labels.optional(),
    remove_labels: labels.optional(),
    resolution_notes: z.string().max(20_000).nullable().optional(),
    escalation_reason: z.string().max(2_000).optional(),
  })
  .strict();

export const transitionBody = z.object({
  version,
  status: z.enum(PP_TICKET_STATUSES),
  resolution_notes: z.string().max(20_000).optional(),
  reason: z.string().max(2_000).optional(),
  comment: z.string().max(20_000).optional(),
});

export const assignBody = z.object({
  version,
  assignee_id: z.string().min(1).max(64).nullable(),
});

export const escalateBody = z.object({
  version,
  reason: z.string().trim().min(10).max(2_000),
});

export const closeBody = z.object({
  version,
  resolution_notes: z.string().trim().min(10).max(20_000),
});

export const commentBody = z.object({
  body: z.string().trim().min(1).max(20_000),
});

export const attachmentBody = z.object({
  file_name: z.string().trim().min(1).max(255),
  content_type: z.string().trim().min(3).max(128),
  content_base64: z.string().min(1),
});

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

export const listTicketsQuery = z.object({
  type: multi(PP_TICKET_TYPES),
  priority: multi(PP_TICKET_PRIORITIES),
  status: multi(PP_TICKET_STATUSES),
  assignee: z.string().min(1).max(64).optional(),
  reporter: z.string().min(1).max(64).optional(),
  entity_ref: z.string().min(1).max(255).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});
