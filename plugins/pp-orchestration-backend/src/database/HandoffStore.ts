import type { Knex } from 'knex';
import { toIso } from '@internal/plugin-pp-node';
import type { EvaluatedItem, OlaEventKind } from '../domain/handoff';

export type HandoffStatus = 'pending' | 'accepted' | 'rejected';

/** One pp_agent_handoffs row. */
export interface HandoffRow {
  id: string;
  creation_id: string;
  agent_id: string;
  status: HandoffStatus;
  /** the checklist as PP evaluated it last (at submit, then at the decision) */
  items: EvaluatedItem[];
  complete: boolean;
  submitted_at: Date;
  reminder_at: Date;
  deadline: Date;
  initiated_by: string;
  initiated_by_id: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
  notes: string | null;
}

type Db = Knex | Knex.Transaction;

const date = (v: unknown) => {
  const iso = toIso(v);
  return iso ? new Date(iso) : null;
};

function toRow(r: any): HandoffRow {
  return {
    id: String(r.id),
    creation_id: String(r.creation_id),
    agent_id: String(r.agent_id),
    status: r.status as HandoffStatus,
    items: typeof r.items === 'string' ? JSON.parse(r.items) : r.items,
    complete: Boolean(r.complete),
    submitted_at: date(r.submitted_at)!,
    reminder_at: date(r.reminder_at)!,
    deadline: date(r.deadline)!,
    initiated_by: String(r.initiated_by),
    initiated_by_id: r.initiated_by_id ?? null,
    decided_by: r.decided_by ?? null,
    decided_at: date(r.decided_at),
    reason: r.reason ?? null,
    notes: r.notes ?? null,
  };
}

/** The handoffs (`pp_agent_handoffs`) and their OLA events (`pp_agent_handoff_ola_events`). */
export const handoffStore = {
  async insert(db: Db, row: HandoffRow): Promise<void> {
    await db('pp_agent_handoffs').insert({
      ...row,
      items: JSON.stringify(row.items),
    });
  },

  async get(db: Db, id: string): Promise<HandoffRow | undefined> {
    const r = await db('pp_agent_handoffs').where({ id }).first();
    return r ? toRow(r) : undefined;
  },

  /** Records the decision when the handoff is still pending; false when it was decided meanwhile. */
  async decide(
    db: Db,
    id: string,
    change: Pick<
      HandoffRow,
      | 'status'
      | 'items'
      | 'complete'
      | 'decided_by'
      | 'decided_at'
      | 'reason'
      | 'notes'
    >,
  ): Promise<boolean> {
    const updated = await db('pp_agent_handoffs')
      .where({ id, status: 'pending' })
      .update({ ...change, items: JSON.stringify(change.items) });
    return updated > 0;
  },

  /**
   * A pending handoff's checklist as PP evaluated it again (no decision): false when it was
   * decided meanwhile.
   */
  async reevaluate(
    db: Db,
    id: string,
    change: Pick<HandoffRow, 'items' | 'complete'>,
  ): Promise<boolean> {
    const updated = await db('pp_agent_handoffs')
      .where({ id, status: 'pending' })
      .update({
        complete: change.complete,
        items: JSON.stringify(change.items),
      });
    return updated > 0;
  },

  /** One page of handoffs of a status, the nearest deadline first. */
  async list(
    db: Db,
    filter: { status: HandoffStatus; limit: number; offset: number },
  ): Promise<{ items: HandoffRow[]; total: number }> {
    const base = db('pp_agent_handoffs').where({ status: filter.status });
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .orderBy([
        { column: 'deadline', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset);
    return { items: rows.map(toRow), total: Number(count) };
  },

  /** Pending handoffs whose reminder time has come: the OLA job's batch. */
  async dueForOla(db: Db, now: Date, limit: number): Promise<HandoffRow[]> {
    const rows = await db('pp_agent_handoffs')
      .where({ status: 'pending' })
      .andWhere('reminder_at', '<=', now)
      .whereNotExists(
        db('pp_agent_handoff_ola_events as e')
          .whereRaw('?? = ??', ['e.handoff_id', 'pp_agent_handoffs.id'])
          .andWhere('e.kind', 'breach'),
      )
      .orderBy('deadline')
      .limit(limit);
    return rows.map(toRow);
  },

  async olaEvents(
    db: Db,
    handoffId: string,
  ): Promise<Array<{ kind: OlaEventKind; deadline: Date }>> {
    const rows = await db('pp_agent_handoff_ola_events').where({
      handoff_id: handoffId,
    });
    return rows.map(r => ({
      kind: r.kind as OlaEventKind,
      deadline: date(r.deadline)!,
    }));
  },

  /** Records an OLA event once: false when it was recorded already (by another run). */
  async recordOlaEvent(
    db: Db,
    event: {
      handoff_id: string;
      kind: OlaEventKind;
      deadline: Date;
      due_at: Date;
      recorded_at: Date;
    },
  ): Promise<boolean> {
    try {
      await db.transaction(async sp => {
        await sp('pp_agent_handoff_ola_events').insert(event);
      });
      return true;
    } catch (e: any) {
      if (
        e?.code === '23505' ||
        String(e?.code).startsWith('SQLITE_CONSTRAINT')
      ) {
        return false;
      }
      throw e;
    }
  },
};
