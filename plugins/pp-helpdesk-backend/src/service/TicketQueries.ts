import { NotFoundError } from '@backstage/errors';
import {
  PpRoleKey,
  PpTicketDetail,
  PpTicketPage,
  PpTicketPerson,
  PpTicketQuery,
  PpTicketTimelineEntry,
  ppPermissionRule,
  ppRolesAllow,
  ppTicketTransitionsFrom,
  ppTicketsUpdatePermission,
} from '@internal/plugin-pp-common';
import {
  PpNotifierDirectory,
  PpPrincipal,
  ppClampLimit,
} from '@internal/plugin-pp-node';
import { TicketState, listItem, person } from '../domain/ticket';
import { TicketAttachmentContent, TicketStore } from '../database/TicketStore';

/** The reads of the helpdesk: the queue, one ticket with its timeline, assignees, attachments. */
export class TicketQueries {
  constructor(
    private readonly store: TicketStore,
    private readonly users: PpNotifierDirectory,
  ) {}

  async list(query: PpTicketQuery, actor: PpPrincipal): Promise<PpTicketPage> {
    const limit = ppClampLimit(query.limit, { fallback: 50, max: 200 });
    const who = (value?: string) => (value === 'me' ? actor.id : value);
    const { limit: _l, cursor, ...filter } = query;
    const page = await this.store.page(
      {
        ...filter,
        assignee: who(filter.assignee),
        reporter: who(filter.reporter),
      },
      { limit, cursor },
    );
    return {
      items: page.rows.map(listItem),
      total_count: page.total_count,
      total_count_exact: page.total_exact,
      limit,
      next_cursor: page.next_cursor,
    };
  }

  async get(ref: string): Promise<PpTicketDetail> {
    return this.detail(await this.store.find(ref));
  }

  async detail(t: TicketState): Promise<PpTicketDetail> {
    const [comments, history, attachments] = await Promise.all([
      this.store.comments(t.id),
      this.store.history(t.id),
      this.store.attachments(t.id),
    ]);
    const timeline: Array<PpTicketTimelineEntry & { order: number }> = [
      ...history.map(h => ({
        kind: 'change' as const,
        id: `h${h.id}`,
        at: h.at.toISOString(),
        actor: person(h.author.id, h.author.name, h.author.email),
        field: h.field,
        old_value: h.old_value,
        new_value: h.new_value,
        order: 0,
      })),
      ...comments.map(c => ({
        kind: 'comment' as const,
        id: `c${c.id}`,
        at: c.at.toISOString(),
        actor: person(c.author.id, c.author.name, c.author.email),
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
      attachments,
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
      const page = await this.users.listUsers({
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

  async attachment(
    ref: string,
    attachmentId: string,
  ): Promise<TicketAttachmentContent> {
    const t = await this.store.find(ref);
    const a = await this.store.attachment(t.id, attachmentId);
    if (!a) throw new NotFoundError(`Attachment ${attachmentId} not found`);
    return a;
  }
}
