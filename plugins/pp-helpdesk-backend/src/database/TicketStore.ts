import {
  PpTicketAttachment,
  PpTicketPriority,
  PpTicketQuery,
  PpTicketStatus,
  PpTicketType,
} from '@internal/plugin-pp-common';
import { Knex } from 'knex';
import { SlaEvent } from '../domain/sla';
import { TicketState } from '../domain/ticket';

/** A person as history, comments and attachments record them. */
export interface TicketAuthor {
  id: string;
  name: string;
  email: string | null;
}

/** One page of the queue, ordered by (queue_due_at, id). */
export interface TicketPageRows {
  rows: TicketState[];
  /** Exact, or a lower bound when `total_exact` is false. */
  total_count: number;
  total_exact: boolean;
  next_cursor: string | null;
}

/** The queue filters after `me` is resolved. */
export type TicketFilter = Omit<PpTicketQuery, 'limit' | 'cursor'> & {
  type?: PpTicketType[];
  priority?: PpTicketPriority[];
  status?: PpTicketStatus[];
};

export interface TicketHistoryRow {
  id: string;
  author: TicketAuthor;
  field: string;
  old_value: string | null;
  new_value: string | null;
  at: Date;
}

export interface TicketCommentRow {
  id: string;
  author: TicketAuthor;
  body: string;
  at: Date;
}

/** The stored attachment with its bytes. */
export interface TicketAttachmentContent extends PpTicketAttachment {
  content: Buffer;
}

/** The writes of one unit of work, all in one transaction. */
export interface TicketTransaction {
  /** The transaction itself, for the outbox (notices commit with the change). */
  readonly tx: Knex.Transaction;
  /** `lock`: hold the row until the transaction ends (PostgreSQL; SQLite has one writer). */
  find(ref: string, opts?: { lock?: boolean }): Promise<TicketState>;
  insert(ticket: Omit<TicketState, 'seq'>): Promise<TicketState>;
  /** Writes `after` where the row is still at `before.version`; false when it is not. */
  update(before: TicketState, after: TicketState, now: Date): Promise<boolean>;
  addHistory(
    ticketId: string,
    author: TicketAuthor,
    changes: Array<{ field: string; old: string | null; new: string | null }>,
    now: Date,
  ): Promise<void>;
  addComment(
    ticketId: string,
    author: TicketAuthor,
    body: string,
    now: Date,
  ): Promise<void>;
  addAttachment(
    attachment: Omit<TicketAttachmentContent, 'uploaded_at'>,
    now: Date,
  ): Promise<void>;
  /** Records an SLA event for a deadline; false when that deadline's event was recorded before. */
  recordSlaEvent(
    ticket: TicketState,
    event: SlaEvent,
    dueAt: Date,
    now: Date,
  ): Promise<boolean>;
}

/**
 * The helpdesk's storage. `DatabaseTicketStore` is the knex implementation (SQLite and
 * PostgreSQL); the commands, queries and the SLA monitor depend on this interface only.
 */
export interface TicketStore {
  /** Runs `work` as one transaction (the unit of work of a command). */
  transaction<T>(work: (tx: TicketTransaction) => Promise<T>): Promise<T>;
  find(ref: string): Promise<TicketState>;
  /** The queue's change mark: raised by every write to a ticket (see readPpChangeMark). */
  changeMark(): Promise<string>;
  page(
    filter: TicketFilter,
    opts: { limit: number; cursor?: string },
  ): Promise<TicketPageRows>;
  history(ticketId: string): Promise<TicketHistoryRow[]>;
  comments(ticketId: string): Promise<TicketCommentRow[]>;
  attachments(ticketId: string): Promise<PpTicketAttachment[]>;
  attachment(
    ticketId: string,
    attachmentId: string,
  ): Promise<TicketAttachmentContent | undefined>;
  /** Ids of tickets whose next SLA check is due, oldest first. */
  dueForSlaCheck(now: Date, limit: number): Promise<string[]>;
  /** Moves a ticket's next SLA check to `until` (after a failed check). */
  deferSlaCheck(ticketId: string, until: Date): Promise<void>;
}
