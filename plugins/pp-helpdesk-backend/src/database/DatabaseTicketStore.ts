import { randomUUID } from 'node:crypto';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { PpTicketAttachment } from '@internal/plugin-pp-common';
import {
  isPostgres,
  ppDecodeCursor,
  ppEncodeCursor,
  readPpChangeMark,
} from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { slaSchedule } from '../domain/sla';
import { fts5Query, parseTicketText, pgTsQuery } from '../domain/textSearch';
import { TicketState } from '../domain/ticket';
import {
  TicketAttachmentContent,
  TicketAuthor,
  TicketCommentRow,
  TicketFilter,
  TicketHistoryRow,
  TicketPageRows,
  TicketStore,
  TicketTransaction,
} from './TicketStore';

/** Runs the helpdesk migrations (their own knex migrations table). */
export async function migrateHelpdesk(db: Knex) {
  await db.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-pp-helpdesk-backend',
      'migrations',
    ),
    tableName: 'pp_helpdesk_knex_migrations',
  });
}

const DATE_FIELDS = [
  'created_at',
  'updated_at',
  'response_due_at',
  'resolution_due_at',
  'first_response_at',
  'paused_since',
  'response_warned_at',
  'response_breached_at',
  'resolution_warned_at',
  'resolution_breached_at',
  'escalated_at',
  'resolved_at',
  'closed_at',
] as const;

/** The queue's columns (no description: rows of a page stay small). */
const LIST_COLUMNS = [
  'seq',
  'id',
  'type',
  'priority',
  'status',
  'title',
  'reporter_id',
  'reporter_name',
  'reporter_email',
  'assignee_id',
  'assignee_name',
  'assignee_email',
  'entity_ref',
  'labels',
  'version',
  'escalation_level',
  'sla_response_minutes',
  'sla_resolution_minutes',
  'sla_escalation_path',
  'response_due_at',
  'resolution_due_at',
  'first_response_at',
  'paused_seconds',
  'paused_since',
  'response_warned_at',
  'response_breached_at',
  'resolution_warned_at',
  'resolution_breached_at',
  'queue_due_at',
  'resolved_at',
  'closed_at',
  'created_at',
  'updated_at',
];
/** Every stored column of a ticket except the search vector. */
const TICKET_COLUMNS = [
  ...LIST_COLUMNS,
  'description',
  'resolution_notes',
  'escalated_to',
  'escalation_reason',
  'escalated_at',
];

/** Above this many matches the queue's total of a filtered search is "at least N". */
const COUNT_CAP = 10_000;
/** The list's columns read from `pp_tickets t` (the text search statements). */
const pageColumns = LIST_COLUMNS.map(c => `t."${c}"`).join(', ');
/**
 * A text search's first page first tests this many tickets in queue order (PostgreSQL): a word
 * in 5 % of them fills the page there; rarer words go through the text index.
 */
const PROBE = 1_000;

/** A ticket's place in the queue: its SLA due time, then its id. */
interface QueueKey {
  due: Date;
  id: string;
}

/** The tickets after `after` in queue order (keyset paging); all of them without it. */
function afterKey(qb: Knex.QueryBuilder, after: QueueKey | undefined) {
  if (!after) return qb;
  return qb.where(w =>
    w
      .where('queue_due_at', '>', after.due)
      .orWhere(w2 =>
        w2.where('queue_due_at', '=', after.due).andWhere('id', '>', after.id),
      ),
  );
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const d = new Date(
    typeof value === 'string' && /^\d+$/.test(value)
      ? Number(value)
      : (value as any),
  );
  return Number.isNaN(d.getTime()) ? null : d;
}

function fromRow(row: any): TicketState {
  const t: any = { ...row };
  delete t.queue_due_at;
  for (const f of DATE_FIELDS) t[f] = toDate(row[f]);
  t.seq = Number(row.seq);
  t.version = Number(row.version);
  t.paused_seconds = Number(row.paused_seconds);
  t.escalation_level = Number(row.escalation_level);
  t.sla_response_minutes = Number(row.sla_response_minutes);
  t.sla_resolution_minutes = Number(row.sla_resolution_minutes);
  t.labels = JSON.parse(row.labels ?? '[]');
  t.description = row.description ?? '';
  t.resolution_notes = row.resolution_notes ?? null;
  t.escalated_to = row.escalated_to ?? null;
  t.escalation_reason = row.escalation_reason ?? null;
  return t as TicketState;
}

/** The stored row of a ticket state, with the SLA schedule derived from it. */
function toRow(t: Omit<TicketState, 'seq'>) {
  return {
    id: t.id,
    type: t.type,
    priority: t.priority,
    status: t.status,
    title: t.title,
    description: t.description,
    reporter_id: t.reporter_id,
    reporter_name: t.reporter_name,
    reporter_email: t.reporter_email,
    assignee_id: t.assignee_id,
    assignee_name: t.assignee_name,
    assignee_email: t.assignee_email,
    entity_ref: t.entity_ref,
    labels: JSON.stringify(t.labels),
    resolution_notes: t.resolution_notes,
    version: t.version,
    sla_response_minutes: t.sla_response_minutes,
    sla_resolution_minutes: t.sla_resolution_minutes,
    sla_escalation_path: t.sla_escalation_path,
    response_due_at: t.response_due_at,
    resolution_due_at: t.resolution_due_at,
    first_response_at: t.first_response_at,
    paused_seconds: t.paused_seconds,
    paused_since: t.paused_since,
    response_warned_at: t.response_warned_at,
    response_breached_at: t.response_breached_at,
    resolution_warned_at: t.resolution_warned_at,
    resolution_breached_at: t.resolution_breached_at,
    ...slaSchedule(t),
    escalation_level: t.escalation_level,
    escalated_to: t.escalated_to,
    escalation_reason: t.escalation_reason,
    escalated_at: t.escalated_at,
    resolved_at: t.resolved_at,
    closed_at: t.closed_at,
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}

const isQueueCursor = (v: unknown): v is [number, string] =>
  Array.isArray(v) &&
  v.length === 2 &&
  typeof v[0] === 'number' &&
  typeof v[1] === 'string';

/** Only the count filters (type, priority, status): the maintained counters answer exactly. */
function countersAnswer(f: TicketFilter) {
  return (
    !f.assignee &&
    !f.reporter &&
    !f.entity_ref &&
    !f.created_from &&
    !f.q?.trim()
  );
}

/**
 * The helpdesk's tables through knex, on SQLite and PostgreSQL. Create it with `create`, which
 * runs the migrations unless the backend says to skip them (`backend.database.skipMigrations`).
 */
export class DatabaseTicketStore implements TicketStore {
  static async create(options: {
    database: { getClient(): Promise<Knex>; migrations?: { skip?: boolean } };
    skipMigrations?: boolean;
    /** How many tickets a text search's first page tests in queue order (PostgreSQL). */
    textProbeSize?: number;
    /** Above how many matches a filtered queue's total is "at least N" (tests). */
    countCap?: number;
  }): Promise<DatabaseTicketStore> {
    const db = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await migrateHelpdesk(db);
    }
    return new DatabaseTicketStore(
      db,
      options.textProbeSize ?? PROBE,
      options.countCap ?? COUNT_CAP,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly probeSize: number,
    private readonly countCap: number,
  ) {}

  // ----- reads ------------------------------------------------------------------------------------

  changeMark(): Promise<string> {
    return readPpChangeMark(this.db, 'tickets');
  }

  async find(ref: string): Promise<TicketState> {
    return this.findIn(this.db, ref, false);
  }

  private async findIn(
    db: Knex | Knex.Transaction,
    ref: string,
    lock: boolean,
  ): Promise<TicketState> {
    const key = /^TKT-(\d{1,12})$/i.exec(ref.trim());
    const select = () => {
      const q = db('pp_tickets').select(TICKET_COLUMNS);
      return lock && isPostgres(this.db) ? q.forUpdate() : q;
    };
    let row;
    if (key) row = await select().where('seq', Number(key[1])).first();
    else if (/^[0-9a-f-]{36}$/i.test(ref)) {
      row = await select().where('id', ref.toLowerCase()).first();
    }
    if (!row) throw new NotFoundError(`Ticket ${ref} not found`);
    return fromRow(row);
  }

  private filtered(qb: Knex.QueryBuilder, f: TicketFilter) {
    if (f.type?.length) qb.whereIn('type', f.type);
    if (f.priority?.length) qb.whereIn('priority', f.priority);
    if (f.status?.length) qb.whereIn('status', f.status);
    if (f.assignee === 'unassigned') qb.whereNull('assignee_id');
    else if (f.assignee) qb.where('assignee_id', f.assignee);
    if (f.reporter) qb.where('reporter_id', f.reporter);
    if (f.entity_ref) {
      qb.where('entity_ref', f.entity_ref.toLocaleLowerCase('en-US'));
    }
    if (f.created_from) qb.where('created_at', '>=', new Date(f.created_from));
    if (f.q?.trim()) this.textMatch(qb, f.q);
    return qb;
  }

  /** `q`: word prefixes through the text index (PostgreSQL full text, SQLite FTS5), or a key. */
  private textMatch(qb: Knex.QueryBuilder, q: string) {
    const { seq, words } = parseTicketText(q);
    return qb.where(w => {
      if (words.length && isPostgres(this.db)) {
        w.whereRaw(`search @@ to_tsquery('simple', ?)`, [pgTsQuery(words)]);
      } else if (words.length) {
        w.whereRaw(
          'seq in (select rowid from pp_tickets_fts where pp_tickets_fts match ?)',
          [fts5Query(words)],
        );
      } else {
        w.whereRaw('1 = 0');
      }
      if (seq !== undefined) w.orWhere('seq', seq);
    });
  }

  /**
   * The first page of a text search on PostgreSQL, when the first PROBE tickets in queue order
   * (with the other filters) settle it: all of them tested (page and count exact), or a full page
   * among them (a common word; the total is then "at least" the matches among them). One
   * statement; undefined when the word is rarer than that. The window carries only the ticket's
   * keys and search vector; the page's columns are read for its own tickets only.
   */
  private async pgTextProbe(
    filter: TicketFilter & { q: string },
    limit: number,
  ): Promise<
    | { rows: any[]; total: { total_count: number; total_exact: boolean } }
    | undefined
  > {
    const window = this.filtered(
      this.db('pp_tickets').select(['seq', 'queue_due_at', 'id', 'search']),
      { ...filter, q: undefined },
    )
      .orderBy([{ column: 'queue_due_at' }, { column: 'id' }])
      .limit(this.probeSize)
      .toSQL();
    const matching = this.textMatch(
      this.db
        .queryBuilder()
        .from('c')
        .select([
          'seq',
          'queue_due_at',
          'id',
          this.db.raw('count(*) over () as probe_matches'),
        ]),
      filter.q,
    )
      .orderBy([{ column: 'queue_due_at' }, { column: 'id' }])
      .limit(limit + 1)
      .toSQL();
    const { rows } = await this.db.raw(
      `with c as materialized (${window.sql}), m as (${matching.sql})
       select k.n as probe_candidates, m.probe_matches, ${pageColumns}
       from (select count(*) as n from c) k
       left join m on true
       left join pp_tickets t on t.seq = m.seq
       order by m.queue_due_at asc, m.id asc`,
      [...window.bindings, ...matching.bindings],
    );
    const scanned = Number(rows[0]?.probe_candidates ?? 0);
    const matched = rows.filter((r: any) => r.id !== null);
    const matches = Number(matched[0]?.probe_matches ?? 0);
    if (scanned < this.probeSize || matched.length > limit) {
      return {
        rows: matched,
        total: { total_count: matches, total_exact: scanned < this.probeSize },
      };
    }
    return undefined;
  }

  /**
   * A rarer word's page on PostgreSQL, in one statement: up to `countCap` matches collected
   * through the text index (the planner cannot tell how many a word matches, and walking the
   * queue index for a rare one reads most of the table), counted, and the first page of them
   * sorted and read (after `after`, for a later page). Undefined when there are more than
   * `countCap` (the queue index serves those, with "at least").
   */
  private async pgTextMatches(
    filter: TicketFilter,
    limit: number,
    after?: QueueKey,
  ): Promise<
    | { rows: any[]; total: { total_count: number; total_exact: boolean } }
    | undefined
  > {
    const capped = this.filtered(
      this.db('pp_tickets').select(['seq', 'queue_due_at', 'id']),
      filter,
    )
      .limit(this.countCap + 1)
      .toSQL();
    const page = afterKey(
      this.db.queryBuilder().from('m').select(['seq', 'queue_due_at', 'id']),
      after,
    )
      .orderBy([{ column: 'queue_due_at' }, { column: 'id' }])
      .limit(limit + 1)
      .toSQL();
    const { rows } = await this.db.raw(
      `with m as materialized (${capped.sql})
       select k.n as matches, ${pageColumns}
       from (select count(*) as n from m) k
       left join lateral (${page.sql}) p on k.n <= ?
       left join pp_tickets t on t.seq = p.seq
       order by p.queue_due_at asc, p.id asc`,
      [...capped.bindings, ...page.bindings, this.countCap],
    );
    const matches = Number(rows[0]?.matches ?? 0);
    if (matches > this.countCap) return undefined;
    return {
      rows: rows.filter((r: any) => r.id !== null),
      total: { total_count: matches, total_exact: true },
    };
  }

  private async total(
    f: TicketFilter,
  ): Promise<{ total_count: number; total_exact: boolean }> {
    if (countersAnswer(f)) {
      const q = this.db('pp_ticket_counts');
      if (f.type?.length) q.whereIn('type', f.type);
      if (f.priority?.length) q.whereIn('priority', f.priority);
      if (f.status?.length) q.whereIn('status', f.status);
      const [{ n }] = await q.sum({ n: 'n' });
      return { total_count: Number(n ?? 0), total_exact: true };
    }
    const capped = this.filtered(this.db('pp_tickets').select('seq'), f).limit(
      this.countCap + 1,
    );
    const [{ n }] = await this.db.from(capped.as('matches')).count({ n: '*' });
    const count = Number(n);
    return count > this.countCap
      ? { total_count: this.countCap, total_exact: false }
      : { total_count: count, total_exact: true };
  }

  async page(
    filter: TicketFilter,
    opts: { limit: number; cursor?: string },
  ): Promise<TicketPageRows> {
    let after: QueueKey | undefined;
    if (opts.cursor) {
      const [ms, id] = ppDecodeCursor(opts.cursor, isQueueCursor);
      after = { due: new Date(ms), id };
    }
    const q = afterKey(
      this.filtered(this.db('pp_tickets').select(LIST_COLUMNS), filter),
      after,
    );
    let rows: any[];
    let total: { total_count: number; total_exact: boolean };
    const text = filter.q?.trim();
    const probed =
      text && isPostgres(this.db) && !opts.cursor
        ? await this.pgTextProbe({ ...filter, q: text }, opts.limit)
        : undefined;
    // a rarer word, or a later page: through the text index, else (over the cap) the queue's
    const matched =
      !probed && text && isPostgres(this.db)
        ? await this.pgTextMatches(filter, opts.limit, after)
        : undefined;
    if (probed) {
      ({ rows, total } = probed);
    } else if (matched) {
      ({ rows, total } = matched);
    } else if (text && isPostgres(this.db)) {
      total = { total_count: this.countCap, total_exact: false };
      rows = await q
        .orderBy([{ column: 'queue_due_at' }, { column: 'id' }])
        .limit(opts.limit + 1);
    } else {
      [rows, total] = await Promise.all([
        q
          .orderBy([{ column: 'queue_due_at' }, { column: 'id' }])
          .limit(opts.limit + 1),
        this.total(filter),
      ]);
    }
    const more = rows.length > opts.limit;
    const last = rows[opts.limit - 1];
    return {
      rows: rows.slice(0, opts.limit).map(fromRow),
      ...total,
      next_cursor: more
        ? ppEncodeCursor([toDate(last.queue_due_at)!.getTime(), last.id])
        : null,
    };
  }

  async history(ticketId: string): Promise<TicketHistoryRow[]> {
    const rows = await this.db('pp_ticket_history')
      .where('ticket_id', ticketId)
      .orderBy('id');
    return rows.map((h: any) => ({
      id: String(h.id),
      author: {
        id: h.changed_by_id,
        name: h.changed_by_name,
        email: h.changed_by_email ?? null,
      },
      field: h.field,
      old_value: h.old_value,
      new_value: h.new_value,
      at: toDate(h.changed_at)!,
    }));
  }

  async comments(ticketId: string): Promise<TicketCommentRow[]> {
    const rows = await this.db('pp_ticket_comments').where(
      'ticket_id',
      ticketId,
    );
    return rows.map((c: any) => ({
      id: String(c.id),
      author: {
        id: c.author_id,
        name: c.author_name,
        email: c.author_email ?? null,
      },
      body: c.body,
      at: toDate(c.created_at)!,
    }));
  }

  async attachments(ticketId: string): Promise<PpTicketAttachment[]> {
    const rows = await this.db('pp_ticket_attachments')
      .where('ticket_id', ticketId)
      .orderBy('uploaded_at')
      .select(
        'id',
        'ticket_id',
        'file_name',
        'content_type',
        'size_bytes',
        'uploaded_by',
        'uploaded_at',
      );
    return rows.map((a: any) => ({
      id: a.id,
      ticket_id: a.ticket_id,
      file_name: a.file_name,
      content_type: a.content_type,
      size_bytes: Number(a.size_bytes),
      uploaded_by: a.uploaded_by,
      uploaded_at: toDate(a.uploaded_at)!.toISOString(),
    }));
  }

  async attachment(
    ticketId: string,
    attachmentId: string,
  ): Promise<TicketAttachmentContent | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(attachmentId)) return undefined;
    const a = await this.db('pp_ticket_attachments')
      .where({ id: attachmentId.toLowerCase(), ticket_id: ticketId })
      .first();
    if (!a) return undefined;
    return {
      id: a.id,
      ticket_id: a.ticket_id,
      file_name: a.file_name,
      content_type: a.content_type,
      size_bytes: Number(a.size_bytes),
      uploaded_by: a.uploaded_by,
      uploaded_at: toDate(a.uploaded_at)!.toISOString(),
      content: Buffer.from(a.content),
    };
  }

  async dueForSlaCheck(now: Date, limit: number): Promise<string[]> {
    const rows = await this.db('pp_tickets')
      .whereNotNull('next_sla_check_at')
      .andWhere('next_sla_check_at', '<=', now)
      .orderBy('next_sla_check_at')
      .limit(limit)
      .select('id');
    return rows.map(r => r.id);
  }

  async deferSlaCheck(ticketId: string, until: Date): Promise<void> {
    await this.db('pp_tickets')
      .where({ id: ticketId })
      .whereNotNull('next_sla_check_at')
      .update({ next_sla_check_at: until });
  }

  // ----- writes -----------------------------------------------------------------------------------

  async transaction<T>(
    work: (tx: TicketTransaction) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(tx => work(this.unitOfWork(tx)));
  }

  private unitOfWork(tx: Knex.Transaction): TicketTransaction {
    const historyRow = (
      ticketId: string,
      author: TicketAuthor,
      field: string,
      o: string | null,
      n: string | null,
      now: Date,
    ) => ({
      ticket_id: ticketId,
      changed_by_id: author.id,
      changed_by_name: author.name,
      changed_by_email: author.email,
      field,
      old_value: o,
      new_value: n,
      changed_at: now,
    });
    return {
      tx,
      find: (ref, opts) => this.findIn(tx, ref, opts?.lock ?? false),
      insert: async ticket => {
        await tx('pp_tickets').insert(toRow(ticket));
        return this.findIn(tx, ticket.id, false);
      },
      update: async (before, after, now) => {
        const updated = await tx('pp_tickets')
          .where({ id: before.id, version: before.version })
          .update({
            ...toRow({ ...after, version: before.version + 1 }),
            id: before.id,
            created_at: before.created_at,
            updated_at: now,
          });
        return updated === 1;
      },
      addHistory: async (ticketId, author, changes, now) => {
        if (!changes.length) return;
        await tx('pp_ticket_history').insert(
          changes.map(c =>
            historyRow(ticketId, author, c.field, c.old, c.new, now),
          ),
        );
      },
      addComment: async (ticketId, author, body, now) => {
        await tx('pp_ticket_comments').insert({
          id: randomUUID(),
          ticket_id: ticketId,
          author_id: author.id,
          author_name: author.name,
          author_email: author.email,
          body,
          created_at: now,
        });
      },
      addAttachment: async (a, now) => {
        await tx('pp_ticket_attachments').insert({
          id: a.id,
          ticket_id: a.ticket_id,
          file_name: a.file_name,
          content_type: a.content_type,
          size_bytes: a.size_bytes,
          content: a.content,
          uploaded_by: a.uploaded_by,
          uploaded_at: now,
        });
      },
      recordSlaEvent: async (ticket, event, dueAt, now) => {
        const inserted = await tx('pp_ticket_sla_events')
          .insert({
            ticket_id: ticket.id,
            target: event.target,
            kind: event.kind,
            due_at: dueAt,
            priority: ticket.priority,
            occurred_at: now,
          })
          .onConflict(['ticket_id', 'target', 'kind', 'due_at'])
          .ignore()
          .returning('id');
        return inserted.length > 0;
      },
    };
  }
}
