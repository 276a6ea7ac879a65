import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import {
  PP_TICKET_TRANSITIONS,
  PpCreateTicketRequest,
  PpRoleKey,
  PpTicketAttachment,
  PpTicketDetail,
  PpTicketEscalationPath,
  PpTicketListItem,
  PpTicketPage,
  PpTicketPerson,
  PpTicketPriority,
  PpTicketStatus,
  PpTicketTimelineEntry,
  PpTicketType,
  PpUpdateTicketRequest,
  PpUser,
  ppIsTicketTransitionAllowed,
  ppPermissionRule,
  ppRolesAllow,
  ppTicketTransitionsFrom,
  ppTicketsUpdatePermission,
} from '@internal/plugin-pp-common';
import {
  DatabaseIdentityStore,
  PpAuditEntry,
  PpNotificationMessage,
  PpNotifier,
  PpPrincipal,
  isPostgres,
  likePattern,
  ppJsonEtag,
} from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import { HelpdeskSettings } from './config';
import {
  SlaEvent,
  SlaFields,
  applyPolicy,
  applyStatusClock,
  dueSlaEvents,
  isDone,
  slaSchedule,
  slaView,
} from './sla';

/**
 * 412: the ticket changed since the caller read it; nothing was written. Not one of Backstage's
 * error classes, but its error middleware answers with a `statusCode` it finds on the error, in
 * the usual `{error: {name, message}}` shape, for the routes and the agent actions alike.
 */
export class PreconditionFailedError extends CustomErrorBase {
  name = 'PreconditionFailedError' as const;
  readonly statusCode = 412;
}

/**
 * What the caller says it read: a version number or the ETag of `GET /tickets/{id}`. Every change
 * of a ticket's fields (update, transition, escalate, close, assign) requires one of them; a
 * missing one is a 400, a stale one a 412 and nothing is written.
 */
export interface Precondition {
  version?: number;
  ifMatch?: string;
}

/**
 * The writes that take no version. Comments and attachments only append (`append`): they change
 * none of the fields a caller edits and are applied to the ticket as it is inside the transaction,
 * so they cannot overwrite anybody's change; they read the row locked (PostgreSQL; SQLite has one
 * writer), so a concurrent write makes them wait, never fail with 412. The SLA job (`system`) also
 * works on the current row, and on a concurrent change leaves the ticket to its next run.
 */
type Unversioned = 'append' | 'system';

/** A change of a ticket, applied to a copy of the row read in the write's transaction. */
type ChangeFn = (
  draft: TicketState,
  now: Date,
) => {
  notices: Notice[];
  comment?: string;
  extra?: (
    tx: Knex.Transaction,
    now: Date,
    ticket: TicketState,
    record: (
      field: string,
      o: string | null,
      n: string | null,
    ) => Promise<void>,
  ) => Promise<void>;
};

/** Whether a catalog entity may be named as the affected entity (a service or an agent). */
export type EntityCheck = (
  ref: string,
) => Promise<'ok' | 'not_found' | 'wrong_kind'>;

interface TicketState extends SlaFields {
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

/** Fields whose every change is written to pp_ticket_history. */
const HISTORY_FIELDS = [
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
  for (const f of DATE_FIELDS) t[f] = toDate(row[f]);
  t.seq = Number(row.seq);
  t.version = Number(row.version);
  t.paused_seconds = Number(row.paused_seconds);
  t.escalation_level = Number(row.escalation_level);
  t.sla_response_minutes = Number(row.sla_response_minutes);
  t.sla_resolution_minutes = Number(row.sla_resolution_minutes);
  t.labels = JSON.parse(row.labels ?? '[]');
  t.description = row.description ?? '';
  return t as TicketState;
}

/** `TKT-000123`. */
export function ticketKey(seq: number): string {
  return `TKT-${String(seq).padStart(6, '0')}`;
}

function historyValue(t: TicketState, field: (typeof HISTORY_FIELDS)[number]) {
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

function person(
  id: string,
  name: string | null,
  email: string | null,
): PpTicketPerson {
  return { id, name: name ?? id, email: email ?? null };
}

function listItem(t: TicketState): PpTicketListItem {
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

/** Cursor of the queue: the last row's (queue_due_at, id). */
function encodeCursor(t: TicketState & { queue_due_at?: unknown }) {
  const due = toDate((t as any).queue_due_at)!;
  return Buffer.from(JSON.stringify([due.getTime(), t.id])).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): { due: Date; id: string } {
  try {
    const [ms, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (typeof ms === 'number' && typeof id === 'string') {
      return { due: new Date(ms), id };
    }
  } catch {
    // fall through
  }
  throw new InputError('Invalid cursor; use next_cursor of the previous page');
}

export interface TicketListQuery {
  type?: PpTicketType[];
  priority?: PpTicketPriority[];
  status?: PpTicketStatus[];
  assignee?: string;
  reporter?: string;
  entity_ref?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

type Notice = Omit<PpNotificationMessage, 'reference'>;

/** The attachment bytes as they are stored. */
export interface TicketAttachmentContent extends PpTicketAttachment {
  content: Buffer;
}

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/png': b =>
    b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')),
  'image/jpeg': b => b.subarray(0, 3).equals(Buffer.from('ffd8ff', 'hex')),
  'image/gif': b => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')),
  'application/pdf': b => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'application/zip': b =>
    b.subarray(0, 4).equals(Buffer.from('504b0304', 'hex')),
};

function looksLike(contentType: string, bytes: Buffer): boolean {
  const magic = MAGIC[contentType];
  if (magic) return magic(bytes);
  // text types: valid UTF-8 without NUL bytes
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The SLA job acts as this principal in history and audit. */
export const SYSTEM: PpPrincipal = {
  kind: 'bootstrap',
  id: 'pp-helpdesk-sla',
  ref: 'plugin:pp-helpdesk/sla',
  name: 'SLA monitor',
  email: null,
  status: 'active',
  roles: [],
  entityRef: null,
};

function normLabel(label: string) {
  return label.trim().toLocaleLowerCase('en-US');
}

function uniqueLabels(labels: string[]): string[] {
  return [...new Set(labels.map(normLabel).filter(Boolean))];
}

function severityOf(
  priority: PpTicketPriority,
): PpNotificationMessage['severity'] {
  return priority === 'medium' ? 'normal' : priority;
}

/**
 * Tickets: lifecycle (PP_TICKET_TRANSITIONS), history of every field change, comments, attachments,
 * SLA timers and escalation. HTTP routes and AI-agent actions both call this, after the PP guard.
 */
export class TicketService {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      db: Knex;
      users: DatabaseIdentityStore;
      notifier?: PpNotifier;
      settings: HelpdeskSettings;
      logger: LoggerService;
      checkEntity?: EntityCheck;
      /** Audit records of what the SLA job does (routes and actions audit through the guard). */
      audit?: (entry: PpAuditEntry) => Promise<void>;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  get settings() {
    return this.options.settings;
  }

  private get db() {
    return this.options.db;
  }

  // ---------------------------------------------------------------- reads

  /** `lock`: hold the row until the transaction ends (PostgreSQL; SQLite has one writer anyway). */
  private async findRow(
    ref: string,
    db: Knex | Knex.Transaction = this.db,
    lock = false,
  ): Promise<TicketState> {
    const key = /^TKT-(\d{1,12})$/i.exec(ref.trim());
    const select = () => {
      const q = db('pp_tickets');
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

  async list(
    query: TicketListQuery,
    actor: PpPrincipal,
  ): Promise<PpTicketPage> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const filtered = (qb: Knex.QueryBuilder) => {
      if (query.type?.length) qb.whereIn('type', query.type);
      if (query.priority?.length) qb.whereIn('priority', query.priority);
      if (query.status?.length) qb.whereIn('status', query.status);
      const who = (value: string) => (value === 'me' ? actor.id : value);
      if (query.assignee === 'unassigned') qb.whereNull('assignee_id');
      else if (query.assignee) qb.where('assignee_id', who(query.assignee));
      if (query.reporter) qb.where('reporter_id', who(query.reporter));
      if (query.entity_ref) {
        qb.where('entity_ref', query.entity_ref.toLocaleLowerCase('en-US'));
      }
      if (query.q?.trim()) {
        const text = query.q.trim();
        const key = /^TKT-?(\d{1,12})$/i.exec(text);
        qb.where(w => {
          const pattern = likePattern(text);
          w.whereRaw(`lower(title) like ? escape '\\'`, [pattern]).orWhereRaw(
            `lower(description) like ? escape '\\'`,
            [pattern],
          );
          if (key) w.orWhere('seq', Number(key[1]));
        });
      }
      return qb;
    };
    const page = filtered(this.db('pp_tickets').select(LIST_COLUMNS));
    if (query.cursor) {
      const { due, id } = decodeCursor(query.cursor);
      page.where(w =>
        w
          .where('queue_due_at', '>', due)
          .orWhere(w2 =>
            w2.where('queue_due_at', '=', due).andWhere('id', '>', id),
          ),
      );
    }
    const [rows, [{ count }]] = await Promise.all([
      page
        .orderBy([{ column: 'queue_due_at' }, { column: 'id' }])
        .limit(limit + 1),
      filtered(this.db('pp_tickets')).count({ count: '*' }),
    ]);
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map(fromRow);
    return {
      items: items.map(listItem),
      total_count: Number(count),
      limit,
      next_cursor: more ? encodeCursor(rows[limit - 1]) : null,
    };
  }

  async get(ref: string): Promise<PpTicketDetail> {
    const t = await this.findRow(ref);
    return this.detail(t);
  }

  private async detail(
    t: TicketState,
    db: Knex | Knex.Transaction = this.db,
  ): Promise<PpTicketDetail> {
    const [comments, history, attachments] = await Promise.all([
      db('pp_ticket_comments').where('ticket_id', t.id),
      db('pp_ticket_history').where('ticket_id', t.id).orderBy('id'),
      db('pp_ticket_attachments')
        .where('ticket_id', t.id)
        .orderBy('uploaded_at')
        .select(
          'id',
          'ticket_id',
          'file_name',
          'content_type',
          'size_bytes',
          'uploaded_by',
          'uploaded_at',
        ),
    ]);
    const timeline: Array<PpTicketTimelineEntry & { order: number }> = [
      ...history.map((h: any) => ({
        kind: 'change' as const,
        id: `h${h.id}`,
        at: toDate(h.changed_at)!.toISOString(),
        actor: person(h.changed_by_id, h.changed_by_name, h.changed_by_email),
        field: h.field,
        old_value: h.old_value,
        new_value: h.new_value,
        order: 0,
      })),
      ...comments.map((c: any) => ({
        kind: 'comment' as const,
        id: `c${c.id}`,
        at: toDate(c.created_at)!.toISOString(),
        actor: person(c.author_id, c.author_name, c.author_email),
        body: c.body,
        order: 1,
      })),
    ];
    timeline.sort(
      (a, b) =>
        a.at.localeCompare(b.at) ||
        a.order - b.order ||
        a.id.localeCompare(b.id, 'en', { numeric: true }),
    );
    return {
      ...listItem(t),
      description: t.description,
      resolution_notes: t.resolution_notes,
      escalated_to: t.escalated_to,
      escalation_reason: t.escalation_reason,
      escalated_at: t.escalated_at?.toISOString() ?? null,
      resolved_at: t.resolved_at?.toISOString() ?? null,
      closed_at: t.closed_at?.toISOString() ?? null,
      attachments: attachments.map((a: any) => ({
        id: a.id,
        ticket_id: a.ticket_id,
        file_name: a.file_name,
        content_type: a.content_type,
        size_bytes: Number(a.size_bytes),
        uploaded_by: a.uploaded_by,
        uploaded_at: toDate(a.uploaded_at)!.toISOString(),
      })),
      allowed_transitions: [...ppTicketTransitionsFrom(t.status)],
      timeline: timeline.map(({ order, ...entry }) => entry),
    };
  }

  /** People who may be assigned tickets: active users allowed to update them. */
  async assignees(): Promise<PpTicketPerson[]> {
    const rule = ppPermissionRule(ppTicketsUpdatePermission.name)!;
    const roles: PpRoleKey[] = [
      'helpdesk_agent',
      'infrastructure_engineer',
      'admin',
    ];
    const byId = new Map<string, PpTicketPerson>();
    for (const role of roles) {
      const page = await this.options.users.listUsers({
        role,
        status: 'active',
        limit: 200,
        offset: 0,
      });
      for (const u of page.items) {
        if (u.kind === 'user' && ppRolesAllow(rule, u.roles)) {
          byId.set(u.id, person(u.id, u.name, u.email));
        }
      }
    }
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  // ---------------------------------------------------------------- writes

  async create(
    input: PpCreateTicketRequest,
    actor: PpPrincipal,
  ): Promise<PpTicketDetail> {
    const now = this.now();
    const entityRef = await this.checkedEntity(input.entity_ref);
    const assignee = input.assignee_id
      ? await this.assignableUser(input.assignee_id, actor)
      : undefined;
    const policy = this.settings.sla[input.priority];
    const base: SlaFields = {
      type: input.type,
      priority: input.priority,
      status: 'open',
      sla_response_minutes: 0,
      sla_resolution_minutes: 0,
      sla_escalation_path: 'team_lead',
      created_at: now,
      response_due_at: now,
      resolution_due_at: now,
      first_response_at: null,
      paused_seconds: 0,
      paused_since: null,
      response_warned_at: null,
      response_breached_at: null,
      resolution_warned_at: null,
      resolution_breached_at: null,
      resolved_at: null,
      closed_at: null,
    };
    Object.assign(base, applyPolicy(base, policy));
    // Assignment at creation by someone other than the reporter (the creator) is not a response.
    const id = randomUUID();
    const row = {
      id,
      ...base,
      ...slaSchedule(base),
      title: input.title.trim(),
      description: input.description,
      reporter_id: actor.id,
      reporter_name: actor.name,
      reporter_email: actor.email,
      assignee_id: assignee?.id ?? null,
      assignee_name: assignee?.name ?? null,
      assignee_email: assignee?.email ?? null,
      entity_ref: entityRef,
      labels: JSON.stringify(uniqueLabels(input.labels ?? [])),
      resolution_notes: null,
      version: 1,
      escalation_level: 0,
      escalated_to: null,
      escalation_reason: null,
      escalated_at: null,
      updated_at: now,
    };
    const created = await this.db.transaction(async tx => {
      await tx('pp_tickets').insert(row);
      const t = await this.findRow(id, tx);
      await tx('pp_ticket_history').insert(
        this.historyRow(t, actor, 'created', null, ticketKey(t.seq), now),
      );
      if (assignee) {
        await tx('pp_ticket_history').insert(
          this.historyRow(
            t,
            actor,
            'assignee',
            null,
            historyValue(t, 'assignee'),
            now,
          ),
        );
      }
      return t;
    });
    const key = ticketKey(created.seq);
    await this.send(created, {
      topic: 'helpdesk.ticket.created',
      title: `${key} ${created.priority} ${created.type.replace('_', ' ')}: ${
        created.title
      }`,
      description: `${
        actor.name
      } opened ${key}. Response due ${created.response_due_at.toISOString()}.`,
      severity: severityOf(created.priority),
      to: {
        userIds: assignee && assignee.id !== actor.id ? [assignee.id] : [],
      },
      slackChannel: 'helpdesk',
    });
    return this.get(id);
  }

  async update(
    ref: string,
    input: PpUpdateTicketRequest,
    actor: PpPrincipal,
    pre: Precondition,
  ): Promise<PpTicketDetail> {
    const entityRef =
      input.entity_ref === undefined
        ? undefined
        : await this.checkedEntity(input.entity_ref);
    return this.mutate(ref, actor, pre, (t, now) => {
      const notices: Notice[] = [];
      if (input.title !== undefined) t.title = input.title.trim();
      if (input.description !== undefined) t.description = input.description;
      if (entityRef !== undefined) t.entity_ref = entityRef;
      if (input.labels !== undefined) t.labels = uniqueLabels(input.labels);
      if (input.add_labels?.length) {
        t.labels = uniqueLabels([...t.labels, ...input.add_labels]);
      }
      if (input.remove_labels?.length) {
        const drop = new Set(input.remove_labels.map(normLabel));
        t.labels = t.labels.filter(l => !drop.has(l));
      }
      if (input.resolution_notes !== undefined) {
        t.resolution_notes = input.resolution_notes?.trim() || null;
      }
      if (
        (input.type !== undefined && input.type !== t.type) ||
        (input.priority !== undefined && input.priority !== t.priority)
      ) {
        t.type = input.type ?? t.type;
        t.priority = input.priority ?? t.priority;
        Object.assign(t, applyPolicy(t, this.settings.sla[t.priority]));
      }
      if (input.status !== undefined && input.status !== t.status) {
        notices.push(
          ...this.transitionDraft(t, input.status, actor, now, {
            reason: input.escalation_reason,
          }),
        );
      }
      return { notices };
    });
  }

  async transition(
    ref: string,
    input: {
      status: PpTicketStatus;
      resolution_notes?: string;
      reason?: string;
      comment?: string;
    },
    actor: PpPrincipal,
    pre: Precondition,
  ): Promise<PpTicketDetail> {
    return this.mutate(ref, actor, pre, (t, now) => {
      if (input.resolution_notes?.trim()) {
        t.resolution_notes = input.resolution_notes.trim();
      }
      const notices = this.transitionDraft(t, input.status, actor, now, {
        reason: input.reason,
      });
      return { notices, comment: input.comment?.trim() || undefined };
    });
  }

  async escalate(
    ref: string,
    reason: string,
    actor: PpPrincipal,
    pre: Precondition,
  ) {
    return this.transition(ref, { status: 'escalated', reason }, actor, pre);
  }

  async close(
    ref: string,
    resolutionNotes: string,
    actor: PpPrincipal,
    pre: Precondition,
  ) {
    return this.transition(
      ref,
      { status: 'closed', resolution_notes: resolutionNotes },
      actor,
      pre,
    );
  }

  async assign(
    ref: string,
    assigneeId: string | null,
    actor: PpPrincipal,
    pre: Precondition,
  ): Promise<PpTicketDetail> {
    const id = assigneeId === 'me' ? actor.id : assigneeId;
    const assignee = id ? await this.assignableUser(id, actor) : null;
    return this.mutate(ref, actor, pre, (t, now) => {
      if (t.status === 'closed') {
        throw new ConflictError(`${ticketKey(t.seq)} is closed`);
      }
      t.assignee_id = assignee?.id ?? null;
      t.assignee_name = assignee?.name ?? null;
      t.assignee_email = assignee?.email ?? null;
      if (assignee && actor.id !== t.reporter_id && !t.first_response_at) {
        t.first_response_at = now;
      }
      const notices: Notice[] = [];
      if (assignee && assignee.id !== actor.id) {
        notices.push({
          topic: 'helpdesk.ticket.assigned',
          title: `${ticketKey(t.seq)} assigned to you: ${t.title}`,
          description: `${actor.name} assigned ${ticketKey(t.seq)} (${
            t.priority
          }) to you.`,
          severity: severityOf(t.priority),
          to: { userIds: [assignee.id] },
        });
      }
      return { notices };
    });
  }

  /**
   * Appends a comment. No version: a comment changes none of the ticket's fields, so it cannot
   * overwrite a change the commenter has not seen (see `Unversioned`).
   */
  async comment(
    ref: string,
    body: string,
    actor: PpPrincipal,
  ): Promise<PpTicketDetail> {
    return this.mutate(ref, actor, 'append', (t, now) => {
      if (t.status === 'closed') {
        throw new ConflictError(
          `${ticketKey(t.seq)} is closed; reopen is not possible`,
        );
      }
      if (actor.id !== t.reporter_id && !t.first_response_at) {
        t.first_response_at = now;
      }
      const involved = [t.reporter_id, t.assignee_id].filter(
        (x): x is string => !!x && x !== actor.id,
      );
      return {
        comment: body.trim(),
        notices: involved.length
          ? [
              {
                topic: 'helpdesk.ticket.commented',
                title: `New comment on ${ticketKey(t.seq)}: ${t.title}`,
                description: `${actor.name}: ${body.trim().slice(0, 300)}`,
                to: { userIds: involved },
              },
            ]
          : [],
      };
    });
  }

  async addAttachment(
    ref: string,
    file: { file_name: string; content_type: string; content: Buffer },
    actor: PpPrincipal,
  ): Promise<PpTicketAttachment> {
    const { maxBytes, contentTypes } = this.settings.attachments;
    const contentType = file.content_type.toLowerCase().split(';')[0].trim();
    if (!contentTypes.includes(contentType)) {
      throw new InputError(
        `Attachments of type ${contentType} are not accepted; allowed: ${contentTypes.join(
          ', ',
        )}`,
      );
    }
    if (file.content.length === 0 || file.content.length > maxBytes) {
      throw new InputError(
        `An attachment must be between 1 byte and ${maxBytes} bytes; this one is ${file.content.length}`,
      );
    }
    if (!looksLike(contentType, file.content)) {
      throw new InputError(`The file's content is not ${contentType}`);
    }
    const fileName = file.file_name.replace(/[\\/\r\n"]/g, '_').trim();
    const attachmentId = randomUUID();
    // No version, like comments: an attachment is appended, nothing is overwritten.
    await this.mutate(ref, actor, 'append', t => {
      if (t.status === 'closed') {
        throw new ConflictError(`${ticketKey(t.seq)} is closed`);
      }
      return {
        extra: async (tx, now, ticket, record) => {
          await tx('pp_ticket_attachments').insert({
            id: attachmentId,
            ticket_id: ticket.id,
            file_name: fileName,
            content_type: contentType,
            size_bytes: file.content.length,
            content: file.content,
            uploaded_by: actor.id,
            uploaded_at: now,
          });
          await record(
            'attachment',
            null,
            `${fileName} (${file.content.length} bytes)`,
          );
        },
        notices: [],
      };
    });
    const att = await this.getAttachment(ref, attachmentId);
    const { content, ...meta } = att;
    return meta;
  }

  async getAttachment(
    ref: string,
    attachmentId: string,
  ): Promise<TicketAttachmentContent> {
    const t = await this.findRow(ref);
    const a = /^[0-9a-f-]{36}$/i.test(attachmentId)
      ? await this.db('pp_ticket_attachments')
          .where({ id: attachmentId.toLowerCase(), ticket_id: t.id })
          .first()
      : undefined;
    if (!a) throw new NotFoundError(`Attachment ${attachmentId} not found`);
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

  // ---------------------------------------------------------------- SLA job

  /**
   * Flags breach-imminent (≥ 80 % of the time used; notifies the assignee), marks breaches
   * (100 %; email) and escalates breached tickets along their path. The scheduler runs it on one
   * instance at a time; the version check makes a concurrent user edit and this job safe.
   */
  async runSlaCheck(): Promise<{
    warned: number;
    breached: number;
    escalated: number;
  }> {
    const now = this.now();
    const result = { warned: 0, breached: 0, escalated: 0 };
    const due = await this.db('pp_tickets')
      .whereNotNull('next_sla_check_at')
      .andWhere('next_sla_check_at', '<=', now)
      .orderBy('next_sla_check_at')
      .limit(500)
      .select('id');
    for (const { id } of due) {
      let events: SlaEvent[] = [];
      let escalatedTo: PpTicketEscalationPath | null = null;
      let ticket: PpTicketDetail;
      try {
        ticket = await this.mutate(id, SYSTEM, 'system', (t, at) => {
          const due_ = dueSlaEvents(t, at);
          events = due_.events;
          escalatedTo = null;
          Object.assign(t, due_.changes);
          const notices: Notice[] = events.map(event =>
            event.kind === 'breach_imminent'
              ? this.warnNotice(t, event)
              : this.breachNotice(t, event),
          );
          const breach = events.find(e => e.kind === 'breached');
          if (breach) {
            const escalated = this.escalateDraft(
              t,
              `SLA ${breach.target} target breached`,
              SYSTEM,
              at,
            );
            if (escalated) {
              escalatedTo = t.escalated_to;
              notices.push(escalated);
            }
          }
          return { notices };
        });
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        // changed by someone meanwhile: the next run looks again
        continue;
      }
      for (const event of events) {
        if (event.kind === 'breach_imminent') result.warned += 1;
        else result.breached += 1;
        await this.options.audit?.({
          principal: SYSTEM.ref,
          action: `pp.tickets.sla.${event.kind}`,
          resource: `ticket:${ticket.key}`,
          outcome: 'success',
          details: { ticket_id: ticket.id, target: event.target },
        });
      }
      if (escalatedTo) {
        result.escalated += 1;
        await this.options.audit?.({
          principal: SYSTEM.ref,
          action: 'pp.tickets.escalate',
          resource: `ticket:${ticket.key}`,
          outcome: 'success',
          reason: ticket.escalation_reason,
          details: {
            ticket_id: ticket.id,
            escalated_to: escalatedTo,
            level: ticket.escalation_level,
          },
        });
      }
    }
    return result;
  }

  // ---------------------------------------------------------------- internals

  private transitionDraft(
    t: TicketState,
    to: PpTicketStatus,
    actor: PpPrincipal,
    now: Date,
    opts: { reason?: string },
  ): Notice[] {
    const from = t.status;
    if (!ppIsTicketTransitionAllowed(from, to)) {
      const allowed = PP_TICKET_TRANSITIONS[from];
      throw new ConflictError(
        `${ticketKey(t.seq)} cannot move from ${from} to ${to}; allowed: ${
          allowed.length ? allowed.join(', ') : 'none (closed is final)'
        }`,
      );
    }
    if (to === 'escalated') {
      const reason = opts.reason?.trim() ?? '';
      if (reason.length < 10) {
        throw new InputError(
          'Escalating needs a reason of at least 10 characters',
        );
      }
      const notice = this.escalateDraft(t, reason, actor, now);
      return notice ? [notice] : [];
    }
    if (to === 'closed' && !t.resolution_notes?.trim()) {
      throw new InputError('Closing a ticket requires resolution notes');
    }
    Object.assign(t, applyStatusClock(t, from, to, now));
    t.status = to;
    if (to === 'in_progress' && !t.first_response_at) t.first_response_at = now;
    if (to === 'resolved') t.resolved_at = now;
    if (to === 'closed') t.closed_at = now;
    if (from === 'resolved' && to === 'in_progress') t.resolved_at = null;
    const involved = [t.reporter_id, t.assignee_id].filter(
      (x): x is string => !!x && x !== actor.id,
    );
    return involved.length
      ? [
          {
            topic: `helpdesk.ticket.${to}`,
            title: `${ticketKey(t.seq)} is ${to.replace('_', ' ')}: ${t.title}`,
            description: `${actor.name} moved ${ticketKey(
              t.seq,
            )} from ${from.replace('_', ' ')} to ${to.replace('_', ' ')}.`,
            to: { userIds: involved },
          },
        ]
      : [];
  }

  /** Moves the ticket to escalated (or raises the level when it already is). */
  private escalateDraft(
    t: TicketState,
    reason: string,
    actor: PpPrincipal,
    now: Date,
  ): Notice | undefined {
    if (t.status !== 'escalated') {
      if (!ppIsTicketTransitionAllowed(t.status, 'escalated')) return undefined;
      Object.assign(t, applyStatusClock(t, t.status, 'escalated', now));
      t.status = 'escalated';
    }
    t.escalation_level += 1;
    t.escalated_to = t.sla_escalation_path;
    t.escalation_reason = reason;
    t.escalated_at = now;
    const key = ticketKey(t.seq);
    return {
      topic: 'helpdesk.ticket.escalated',
      title: `${key} escalated to ${
        t.escalated_to === 'infrastructure_engineer'
          ? 'infrastructure engineers'
          : 'team leads'
      } (level ${t.escalation_level}): ${t.title}`,
      description: `${actor.name}: ${reason}`,
      severity: severityOf(t.priority),
      slackChannel: 'helpdesk',
      // resolved when sent: the escalation group plus the assignee
      to: { userIds: t.assignee_id ? [t.assignee_id] : [] },
      ...{ escalateTo: t.escalated_to },
    } as Notice;
  }

  private warnNotice(t: TicketState, event: SlaEvent): Notice {
    const due =
      event.target === 'response' ? t.response_due_at : t.resolution_due_at;
    return {
      topic: 'helpdesk.sla.breach_imminent',
      title: `${ticketKey(t.seq)} ${event.target} SLA breach imminent: ${
        t.title
      }`,
      description: `80 % of the ${t.priority} ${
        event.target
      } time is used; due ${due.toISOString()}.`,
      severity: 'high',
      // the assignee; nobody assigned yet: the helpdesk agents
      to: t.assignee_id
        ? { userIds: [t.assignee_id] }
        : { roles: ['helpdesk_agent'] },
    };
  }

  private breachNotice(t: TicketState, event: SlaEvent): Notice {
    const due =
      event.target === 'response' ? t.response_due_at : t.resolution_due_at;
    return {
      topic: 'helpdesk.sla.breached',
      title: `${ticketKey(t.seq)} breached its ${event.target} SLA: ${t.title}`,
      description: `The ${t.priority} ${
        event.target
      } target (due ${due.toISOString()}) has passed.`,
      severity: 'critical',
      to: t.assignee_id
        ? { userIds: [t.assignee_id] }
        : { roles: ['helpdesk_agent'] },
      email: true,
      ...{ escalateTo: t.sla_escalation_path },
    } as Notice;
  }

  /** Recipients of the escalation path: infrastructure engineers, or the team leads (admins if none). */
  private async pathRecipients(path: PpTicketEscalationPath) {
    if (path === 'infrastructure_engineer') {
      return {
        roles: ['infrastructure_engineer'] as PpRoleKey[],
        userIds: [],
        emails: [],
      };
    }
    const userIds: string[] = [];
    const emails: string[] = [];
    for (const email of this.settings.teamLeads) {
      const user = await this.options.users.getUserByEmail(email);
      if (user && user.status === 'active') userIds.push(user.id);
      else emails.push(email);
    }
    if (!userIds.length && !emails.length) {
      return { roles: ['admin'] as PpRoleKey[], userIds, emails };
    }
    return { roles: [] as PpRoleKey[], userIds, emails };
  }

  private async send(t: TicketState, notice: Notice) {
    const { notifier, logger } = this.options;
    if (!notifier) return;
    try {
      const { escalateTo, ...message } = notice as Notice & {
        escalateTo?: PpTicketEscalationPath;
      };
      const to = {
        userIds: [...(message.to?.userIds ?? [])],
        roles: [...(message.to?.roles ?? [])],
      };
      let emailAddresses: string[] | undefined;
      if (escalateTo) {
        const path = await this.pathRecipients(escalateTo);
        to.userIds.push(...path.userIds);
        to.roles.push(...path.roles);
        if (message.email && path.emails.length) emailAddresses = path.emails;
      }
      await notifier.notify({
        ...message,
        to: {
          userIds: [...new Set(to.userIds)],
          roles: [...new Set(to.roles)],
        },
        ...(emailAddresses && { emailAddresses }),
        link: `/pp/helpdesk/tickets/${ticketKey(t.seq)}`,
        reference: `ticket:${ticketKey(t.seq)}`,
      });
    } catch (error) {
      // The notifier records and retries failed deliveries itself; this is a storage failure.
      logger.error(
        `Could not queue helpdesk notification ${notice.topic}: ${error}`,
      );
    }
  }

  private async checkedEntity(ref: string | null | undefined) {
    if (!ref) return null;
    const normalized = ref.trim().toLocaleLowerCase('en-US');
    if (!/^component:[a-z0-9._-]+\/[a-z0-9._-]+$/.test(normalized)) {
      throw new InputError(
        `entity_ref must be a catalog Component ref like component:default/payment-service`,
      );
    }
    const check = this.options.checkEntity;
    if (check) {
      const found = await check(normalized);
      if (found === 'not_found') {
        throw new InputError(`Catalog entity ${normalized} not found`);
      }
      if (found === 'wrong_kind') {
        throw new InputError(
          `Catalog entity ${normalized} is neither a service nor an AI agent`,
        );
      }
    }
    return normalized;
  }

  private async assignableUser(
    id: string,
    _actor: PpPrincipal,
  ): Promise<PpUser> {
    const user = await this.options.users.getUser(id);
    if (!user || user.status !== 'active' || user.kind !== 'user') {
      throw new InputError(
        `Assignee ${id} is not an active Platform Portal user`,
      );
    }
    const rule = ppPermissionRule(ppTicketsUpdatePermission.name)!;
    if (!ppRolesAllow(rule, user.roles)) {
      throw new InputError(
        `${user.name} cannot work on tickets (needs helpdesk_agent, infrastructure_engineer or admin)`,
      );
    }
    return user;
  }

  private historyRow(
    t: { id: string },
    actor: PpPrincipal,
    field: string,
    oldValue: string | null,
    newValue: string | null,
    now: Date,
  ) {
    return {
      ticket_id: t.id,
      changed_by_id: actor.id,
      changed_by_name: actor.name,
      changed_by_email: actor.email,
      field,
      old_value: oldValue,
      new_value: newValue,
      changed_at: now,
    };
  }

  /**
   * The version a write must find: the caller's `version` and/or `If-Match` (they must agree), or
   * an InputError when the caller sent neither.
   */
  private async expectedVersion(
    ref: string,
    pre: Precondition,
  ): Promise<number> {
    let expected: number | undefined = pre.version;
    if (pre.ifMatch !== undefined) {
      const tags = pre.ifMatch
        .split(',')
        .map(s => s.trim().replace(/^W\//, ''));
      if (tags.includes('*')) {
        // `*` matches any version: it would skip the check the version is there for.
        throw new InputError(
          'If-Match: * is not accepted: a ticket write needs the concrete version you read (the ETag of GET /tickets/{ticket_id} in If-Match, or a "version" field)',
        );
      }
      const current = await this.get(ref);
      if (!tags.includes(ppJsonEtag(current))) {
        throw new PreconditionFailedError(
          `${current.key} changed since you read it (now version ${current.version}); reload and try again`,
        );
      }
      if (expected !== undefined && expected !== current.version) {
        throw new PreconditionFailedError(
          `${current.key} is at version ${current.version}, not ${expected}`,
        );
      }
      expected = current.version;
    }
    if (expected === undefined) {
      throw new InputError(
        'Send the version you read: a "version" field or an If-Match header with the ETag of GET /tickets/{ticket_id}',
      );
    }
    return expected;
  }

  /**
   * The one write path of an existing ticket: check the caller's version (`Precondition`; see
   * `Unversioned` for the writes without one), apply the change to a copy, write it with
   * `WHERE version = <read version>` (412 when someone else got there first, nothing written), one
   * history row per changed field, the comment, then the notifications.
   */
  private async mutate(
    ref: string,
    actor: PpPrincipal,
    pre: Precondition | Unversioned,
    change: ChangeFn,
  ): Promise<PpTicketDetail> {
    if (pre === 'system') return this.mutateOnce(ref, actor, {}, change);
    if (pre === 'append') {
      return this.mutateOnce(ref, actor, { lock: true }, change);
    }
    const expected = await this.expectedVersion(ref, pre);
    return this.mutateOnce(ref, actor, { expected }, change);
  }

  private async mutateOnce(
    ref: string,
    actor: PpPrincipal,
    opts: { expected?: number; lock?: boolean },
    change: ChangeFn,
  ): Promise<PpTicketDetail> {
    const { expected } = opts;
    const now = this.now();
    const { ticket, notices } = await this.db.transaction(async tx => {
      const before = await this.findRow(ref, tx, opts.lock);
      if (expected !== undefined && expected !== before.version) {
        throw new PreconditionFailedError(
          `${ticketKey(before.seq)} is at version ${
            before.version
          }, not ${expected}; reload and try again`,
        );
      }
      const draft: TicketState = { ...before, labels: [...before.labels] };
      const result = change(draft, now);
      const changed = HISTORY_FIELDS.filter(
        f => historyValue(before, f) !== historyValue(draft, f),
      );
      if (!changed.length && !result.comment && !result.extra) {
        // nothing changed: no new version, no history, no notifications
        return { ticket: before, notices: [] as Notice[] };
      }
      const schedule = slaSchedule(draft);
      const updated = await tx('pp_tickets')
        .where({ id: before.id, version: before.version })
        .update({
          type: draft.type,
          priority: draft.priority,
          status: draft.status,
          title: draft.title,
          description: draft.description,
          assignee_id: draft.assignee_id,
          assignee_name: draft.assignee_name,
          assignee_email: draft.assignee_email,
          entity_ref: draft.entity_ref,
          labels: JSON.stringify(draft.labels),
          resolution_notes: draft.resolution_notes,
          sla_response_minutes: draft.sla_response_minutes,
          sla_resolution_minutes: draft.sla_resolution_minutes,
          sla_escalation_path: draft.sla_escalation_path,
          response_due_at: draft.response_due_at,
          resolution_due_at: draft.resolution_due_at,
          first_response_at: draft.first_response_at,
          paused_seconds: draft.paused_seconds,
          paused_since: draft.paused_since,
          response_warned_at: draft.response_warned_at,
          response_breached_at: draft.response_breached_at,
          resolution_warned_at: draft.resolution_warned_at,
          resolution_breached_at: draft.resolution_breached_at,
          queue_due_at: schedule.queue_due_at,
          next_sla_check_at: schedule.next_sla_check_at,
          escalation_level: draft.escalation_level,
          escalated_to: draft.escalated_to,
          escalation_reason: draft.escalation_reason,
          escalated_at: draft.escalated_at,
          resolved_at: draft.resolved_at,
          closed_at: draft.closed_at,
          version: before.version + 1,
          updated_at: now,
        });
      if (updated !== 1) {
        throw new PreconditionFailedError(
          `${ticketKey(
            before.seq,
          )} was changed by someone else meanwhile; reload and try again`,
        );
      }
      const rows = changed.map(f =>
        this.historyRow(
          before,
          actor,
          f,
          historyValue(before, f),
          historyValue(draft, f),
          now,
        ),
      );
      if (rows.length) await tx('pp_ticket_history').insert(rows);
      if (result.comment) {
        await tx('pp_ticket_comments').insert({
          id: randomUUID(),
          ticket_id: before.id,
          author_id: actor.id,
          author_name: actor.name,
          author_email: actor.email,
          body: result.comment,
          created_at: now,
        });
      }
      if (result.extra) {
        await result.extra(tx, now, draft, async (field, o, n) => {
          await tx('pp_ticket_history').insert(
            this.historyRow(before, actor, field, o, n, now),
          );
        });
      }
      return {
        ticket: { ...draft, version: before.version + 1, updated_at: now },
        notices: result.notices,
      };
    });
    for (const notice of notices) await this.send(ticket, notice);
    return this.get(ticket.id);
  }
}

export { isDone };
