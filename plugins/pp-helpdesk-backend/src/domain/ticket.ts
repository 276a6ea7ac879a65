import {
  PpTicketEscalationPath,
  PpTicketListItem,
  PpTicketPerson,
  PpTicketPriority,
} from '@internal/plugin-pp-common';
import type { PpNotificationMessage } from '@internal/plugin-pp-node';
import { SlaFields, slaView } from './sla';

/**
 * A ticket as the domain rules see it: one row of pp_tickets with real dates. Pure data; the
 * stores read and write it, the rules (lifecycle, SLA) change copies of it.
 */
export interface TicketState extends SlaFields {
  seq: number;
  id: string;
  title: string;
  description: string;
  reporter_id: string;
  reporter_name: string;
  reporter_email: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
  entity_ref: string | null;
  labels: string[];
  resolution_notes: string | null;
  version: number;
  escalation_level: number;
  escalated_to: PpTicketEscalationPath | null;
  escalation_reason: string | null;
  escalated_at: Date | null;
  updated_at: Date;
}

/** Fields whose every change is written to pp_ticket_history. */
export const HISTORY_FIELDS = [
  'type',
  'priority',
  'status',
  'title',
  'description',
  'assignee',
  'entity_ref',
  'labels',
  'resolution_notes',
  'first_response_at',
  'response_due_at',
  'resolution_due_at',
  'paused_seconds',
  'response_warned_at',
  'response_breached_at',
  'resolution_warned_at',
  'resolution_breached_at',
  'escalation_level',
  'escalated_to',
  'escalation_reason',
  'resolved_at',
  'closed_at',
] as const;

export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** `TKT-000123`. */
export function ticketKey(seq: number): string {
  return `TKT-${String(seq).padStart(6, '0')}`;
}

/** How a field shows in the history (`null` when empty). */
export function historyValue(t: TicketState, field: HistoryField) {
  if (field === 'assignee') {
    return t.assignee_id
      ? `${t.assignee_name ?? t.assignee_id} (${t.assignee_id})`
      : null;
  }
  if (field === 'labels') return t.labels.length ? t.labels.join(', ') : null;
  const v = (t as any)[field];
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** The history fields that differ between two states of a ticket. */
export function changedFields(before: TicketState, after: TicketState) {
  return HISTORY_FIELDS.filter(
    f => historyValue(before, f) !== historyValue(after, f),
  );
}

export function person(
  id: string,
  name: string | null,
  email: string | null,
): PpTicketPerson {
  return { id, name: name ?? id, email: email ?? null };
}

export function listItem(t: TicketState): PpTicketListItem {
  return {
    id: t.id,
    key: ticketKey(t.seq),
    type: t.type,
    priority: t.priority,
    status: t.status,
    title: t.title,
    reporter: person(t.reporter_id, t.reporter_name, t.reporter_email),
    assignee: t.assignee_id
      ? person(t.assignee_id, t.assignee_name, t.assignee_email)
      : null,
    entity_ref: t.entity_ref,
    labels: t.labels,
    escalation_level: t.escalation_level,
    sla: slaView(t),
    version: t.version,
    created_at: t.created_at.toISOString(),
    updated_at: t.updated_at.toISOString(),
  };
}

export function normLabel(label: string) {
  return label.trim().toLocaleLowerCase('en-US');
}

export function uniqueLabels(labels: string[]): string[] {
  return [...new Set(labels.map(normLabel).filter(Boolean))];
}

export function severityOf(
  priority: PpTicketPriority,
): PpNotificationMessage['severity'] {
  return priority === 'medium' ? 'normal' : priority;
}
