import { randomUUID } from 'node:crypto';
import { CustomErrorBase, InputError } from '@backstage/errors';
import {
  PpCreateTicketRequest,
  PpTicketAttachment,
  PpTicketStatus,
  PpUpdateTicketRequest,
  PpUser,
  ppPermissionRule,
  ppRolesAllow,
  ppTicketsUpdatePermission,
} from '@internal/plugin-pp-common';
import {
  PpNotifierDirectory,
  PpPrincipal,
  PpTransactionalNotifier,
  ppJsonEtag,
} from '@internal/plugin-pp-node';
import { checkAttachment } from '../domain/attachments';
import {
  LifecycleEvent,
  TicketActor,
  assertChangeAllowed,
  noteResponse,
  transitionTicket,
} from '../domain/lifecycle';
import {
  TicketNotice,
  assignedNotice,
  commentedNotice,
  createdNotice,
  escalatedNotice,
  statusNotice,
} from '../domain/notices';
import { SlaFields, planSla, replanSla } from '../domain/sla';
import {
  TicketState,
  historyValue,
  normLabel,
  ticketKey,
  uniqueLabels,
} from '../domain/ticket';
import { TicketStore, TicketTransaction } from '../database/TicketStore';
import { HelpdeskSettings } from './config';

/**
 * 412: the ticket changed since the caller read it; nothing was written. Backstage's error
 * middleware answers with the `statusCode` it finds on the error, for routes and actions alike.
 */
export class PreconditionFailedError extends CustomErrorBase {
  name = 'PreconditionFailedError' as const;
  readonly statusCode = 412;
  /** The ticket's version now (a field of the error body, for agents to re-read and retry). */
  readonly current_version?: number;

  constructor(message: string, currentVersion?: number) {
    super(message);
    if (currentVersion !== undefined) this.current_version = currentVersion;
  }
}

/**
 * What the caller says it read: a version number or the ETag of `GET /tickets/{id}`. Every change
 * of a ticket's fields (update, transition, assign, escalate, close) requires one of them; a
 * missing one is a 400, a stale one a 412 and nothing is written.
 */
export interface Precondition {
  version?: number;
  ifMatch?: string;
}

/**
 * The writes that take no version: comments and attachments only append, applied to the row as it
 * is in the transaction (read locked on PostgreSQL), so they wait for a concurrent write instead
 * of failing; the SLA job (`system`) works on the current row and, on a concurrent change, leaves
 * the ticket to its next run.
 */
export type Unversioned = 'append' | 'system';

/** Whether a catalog entity may be named as the affected entity (a service or an agent). */
export type EntityCheck = (
  ref: string,
) => Promise<'ok' | 'not_found' | 'wrong_kind'>;

/** One change of a ticket: applied to a draft inside the unit of work. */
export type TicketChange = (
  draft: TicketState,
  now: Date,
) => {
  notices: TicketNotice[];
  comment?: string;
  attachment?: Omit<PpTicketAttachment, 'uploaded_at'> & { content: Buffer };
  /** SLA events to record; only those new for their deadline are kept (see SlaMonitor). */
  after?: (uow: TicketTransaction, ticket: TicketState) => Promise<void>;
};

/** The person a principal is, for history and notices. */
const author = (actor: PpPrincipal) => ({
  id: actor.id,
  name: actor.name,
  email: actor.email,
});

/**
 * The helpdesk's writes. Each is one unit of work: the ticket is read in a transaction, the
 * domain rules change a draft, the row is written at the version read (412 when another write got
 * there first), one history row per changed field, the comment or attachment, and the notices go
 * into the outbox in that same transaction. After the commit the notifier is asked to deliver.
 */
export class TicketCommands {
  constructor(
    private readonly deps: {
      store: TicketStore;
      notifier: PpTransactionalNotifier;
      users: PpNotifierDirectory;
      settings: HelpdeskSettings;
      checkEntity?: EntityCheck;
      now: () => Date;
      /** Reads the detail answered after a write (TicketQueries.get). */
      read: (
        ref: string,
      ) => Promise<import('@internal/plugin-pp-common').PpTicketDetail>;
    },
  ) {}

  private get teamLeads() {
    return this.deps.settings.teamLeads;
  }

  async create(input: PpCreateTicketRequest, actor: PpPrincipal) {
    const now = this.deps.now();
    const entityRef = await this.checkedEntity(input.entity_ref);
    const assignee = input.assignee_id
      ? await this.assignableUser(input.assignee_id)
      : undefined;
    const sla: SlaFields = {
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
    Object.assign(sla, planSla(sla, this.deps.settings.sla[input.priority]));
    const id = randomUUID();
    await this.deps.store.transaction(async uow => {
      const t = await uow.insert({
        ...sla,
        id,
        title: input.title.trim(),
        description: input.description,
        reporter_id: actor.id,
        reporter_name: actor.name,
        reporter_email: actor.email,
        // Assignment at creation by the reporter (the creator) is not a response.
        assignee_id: assignee?.id ?? null,
        assignee_name: assignee?.name ?? null,
        assignee_email: assignee?.email ?? null,
        entity_ref: entityRef,
        labels: uniqueLabels(input.labels ?? []),
        resolution_notes: null,
        version: 1,
        escalation_level: 0,
        escalated_to: null,
        escalation_reason: null,
        escalated_at: null,
        updated_at: now,
      });
      await uow.addHistory(
        t.id,
        author(actor),
        [
          { field: 'created', old: null, new: ticketKey(t.seq) },
          ...(assignee
            ? [
                {
                  field: 'assignee',
                  old: null,
                  new: historyValue(t, 'assignee'),
                },
              ]
            : []),
        ],
        now,
      );
      await this.deps.notifier.enqueue(uow.tx, createdNotice(t, actor));
    });
    this.deps.notifier.flush();
    return this.deps.read(id);
  }

  async update(
    ref: string,
    input: PpUpdateTicketRequest,
    actor: PpPrincipal,
    pre: Precondition,
  ) {
    const entityRef =
      input.entity_ref === undefined
        ? undefined
        : await this.checkedEntity(input.entity_ref);
    return this.change(ref, actor, pre, (t, now) => {
      const notices: TicketNotice[] = [];
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
        Object.assign(t, replanSla(t, this.deps.settings.sla[t.priority]));
      }
      if (input.status !== undefined && input.status !== t.status) {
        notices.push(
          ...this.lifecycleNotices(
            t,
            actor,
            transitionTicket(t, input.status, now, {
              reason: input.escalation_reason,
            }),
          ),
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
  ) {
    return this.change(ref, actor, pre, (t, now) => {
      if (input.resolution_notes?.trim()) {
        t.resolution_notes = input.resolution_notes.trim();
      }
      const event = transitionTicket(t, input.status, now, {
        reason: input.reason,
      });
      return {
        notices: this.lifecycleNotices(t, actor, event),
        comment: input.comment?.trim() || undefined,
      };
    });
  }

  async assign(
    ref: string,
    assigneeId: string | null,
    actor: PpPrincipal,
    pre: Precondition,
  ) {
    const id = assigneeId === 'me' ? actor.id : assigneeId;
    const assignee = id ? await this.assignableUser(id) : null;
    return this.change(ref, actor, pre, (t, now) => {
      t.assignee_id = assignee?.id ?? null;
      t.assignee_name = assignee?.name ?? null;
      t.assignee_email = assignee?.email ?? null;
      if (assignee) noteResponse(t, actor, now);
      const notice = assignedNotice(t, actor);
      return { notices: notice ? [notice] : [] };
    });
  }

  /** Appends a comment; allowed on closed tickets too (the one change a closed ticket takes). */
  async comment(ref: string, body: string, actor: PpPrincipal) {
    return this.change(ref, actor, 'append', (t, now) => {
      if (t.status !== 'closed') noteResponse(t, actor, now);
      const notice = commentedNotice(t, actor, body.trim());
      return { comment: body.trim(), notices: notice ? [notice] : [] };
    });
  }

  async addAttachment(
    ref: string,
    file: { file_name: string; content_type: string; content: Buffer },
    actor: PpPrincipal,
  ): Promise<PpTicketAttachment> {
    const { contentType, fileName } = checkAttachment(
      this.deps.settings.attachments,
      file,
    );
    const attachmentId = randomUUID();
    const ticket = await this.change(ref, actor, 'append', t => ({
      notices: [],
      attachment: {
        id: attachmentId,
        ticket_id: t.id,
        file_name: fileName,
        content_type: contentType,
        size_bytes: file.content.length,
        uploaded_by: actor.id,
        content: file.content,
      },
    }));
    return ticket.attachments.find(a => a.id === attachmentId)!;
  }

  /** The notices of a lifecycle step. */
  lifecycleNotices(
    t: TicketState,
    actor: TicketActor,
    event: LifecycleEvent | undefined,
  ): TicketNotice[] {
    if (!event) return [];
    if (event.kind === 'escalated') {
      return [escalatedNotice(t, actor, event.reason, this.teamLeads)];
    }
    const notice = statusNotice(t, actor, event.from, event.to);
    return notice ? [notice] : [];
  }

  /**
   * The one write path of an existing ticket (see the class comment). `pre` is the caller's
   * version, or `Unversioned` for appends and the SLA job.
   */
  async change(
    ref: string,
    actor: PpPrincipal,
    pre: Precondition | Unversioned,
    change: TicketChange,
  ) {
    const expected =
      typeof pre === 'string'
        ? undefined
        : await this.expectedVersion(ref, pre);
    const now = this.deps.now();
    const id = await this.deps.store.transaction(async uow => {
      const before = await uow.find(ref, { lock: pre === 'append' });
      if (expected !== undefined && expected !== before.version) {
        throw new PreconditionFailedError(
          `${ticketKey(before.seq)} is at version ${
            before.version
          }, not ${expected}; reload and try again`,
          before.version,
        );
      }
      const draft: TicketState = { ...before, labels: [...before.labels] };
      const result = change(draft, now);
      const changed = assertChangeAllowed(before, draft, {
        attachment: !!result.attachment,
      });
      if (!changed.length && !result.comment && !result.attachment) {
        // nothing changed: no new version, no history, no notices
        await result.after?.(uow, before);
        return before.id;
      }
      if (!(await uow.update(before, draft, now))) {
        throw new PreconditionFailedError(
          `${ticketKey(
            before.seq,
          )} was changed by someone else meanwhile; reload and try again`,
        );
      }
      const changes: Array<{
        field: string;
        old: string | null;
        new: string | null;
      }> = changed.map(field => ({
        field,
        old: historyValue(before, field),
        new: historyValue(draft, field),
      }));
      if (result.attachment) {
        await uow.addAttachment(result.attachment, now);
        changes.push({
          field: 'attachment',
          old: null,
          new: `${result.attachment.file_name} (${result.attachment.size_bytes} bytes)`,
        });
      }
      await uow.addHistory(before.id, author(actor), changes, now);
      if (result.comment) {
        await uow.addComment(before.id, author(actor), result.comment, now);
      }
      await result.after?.(uow, draft);
      await this.deps.notifier.enqueue(uow.tx, result.notices);
      return before.id;
    });
    this.deps.notifier.flush();
    return this.deps.read(id);
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
      const current = await this.deps.read(ref);
      if (!tags.includes(ppJsonEtag(current))) {
        throw new PreconditionFailedError(
          `${current.key} changed since you read it (now version ${current.version}); reload and try again`,
          current.version,
        );
      }
      if (expected !== undefined && expected !== current.version) {
        throw new PreconditionFailedError(
          `${current.key} is at version ${current.version}, not ${expected}`,
          current.version,
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

  private async checkedEntity(ref: string | null | undefined) {
    if (!ref) return null;
    const normalized = ref.trim().toLocaleLowerCase('en-US');
    if (!/^component:[a-z0-9._-]+\/[a-z0-9._-]+$/.test(normalized)) {
      throw new InputError(
        `entity_ref must be a catalog Component ref like component:default/payment-service`,
      );
    }
    const found = await this.deps.checkEntity?.(normalized);
    if (found === 'not_found') {
      throw new InputError(`Catalog entity ${normalized} not found`);
    }
    if (found === 'wrong_kind') {
      throw new InputError(
        `Catalog entity ${normalized} is neither a service nor an AI agent`,
      );
    }
    return normalized;
  }

  private async assignableUser(id: string): Promise<PpUser> {
    const user = await this.deps.users.getUser(id);
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
}
