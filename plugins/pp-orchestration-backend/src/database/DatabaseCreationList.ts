import { likePattern, toIso } from '@internal/plugin-pp-node';
import { Knex } from 'knex';
import {
  CreationHistoryEntry,
  CreationStatus,
  STEP_BUDGETS,
} from '../domain/creation';

/** What the creations board filters on. */
export interface CreationListFilter {
  statuses?: readonly CreationStatus[];
  /** true: the current step is over its budget at `now`; false: it is not */
  overdue?: boolean;
  /** part of the agent name, any case */
  q?: string;
}

export type CreationListSortField = 'created_at' | 'agent_name';

/** One row of the board with the moves that time its current step. */
export interface CreationListRow {
  id: string;
  agent_id: string;
  agent_name: string;
  industry: string;
  specialty: string;
  status: CreationStatus;
  created_by: string;
  created_at: Date;
  history: CreationHistoryEntry[];
}

/**
 * The creations board's reads (`GET /pp/v1/agents/creations`), beside the per-creation store:
 * filters, keyset pages and counts per status, in SQL that runs on SQLite and PostgreSQL.
 */
export class DatabaseCreationList {
  constructor(private readonly db: Knex) {}

  /**
   * The current step is over budget: the creation is in one of the step's statuses and it
   * entered the step (from outside it) longer ago than the budget. Same rule as `stepTimings`.
   */
  private overdue(qb: Knex.QueryBuilder, now: Date, overdue: boolean) {
    const db = this.db;
    const clause = function overdueClause(this: Knex.QueryBuilder) {
      for (const budget of STEP_BUDGETS) {
        this.orWhere(function inStep() {
          const entered = db('pp_agent_creation_steps as s')
            .max('s.at')
            .whereRaw('s.creation_id = c.id')
            .whereIn('s.to_status', budget.statuses as CreationStatus[])
            .where(function enteredFromOutside() {
              this.whereNull('s.from_status').orWhereNotIn(
                's.from_status',
                budget.statuses as CreationStatus[],
              );
            });
          this.whereIn(
            'c.status',
            budget.statuses as CreationStatus[],
          ).whereRaw('(?) < ?', [
            entered,
            new Date(now.getTime() - budget.budget_ms),
          ]);
        });
      }
    };
    if (overdue) qb.where(clause);
    else qb.whereNot(clause);
  }

  private filtered(filter: CreationListFilter, now: Date, withStatus = true) {
    const qb = this.db('pp_agent_creations as c');
    if (withStatus && filter.statuses?.length) {
      qb.whereIn('c.status', filter.statuses as CreationStatus[]);
    }
    if (filter.q) {
      qb.whereRaw("lower(c.agent_name) like ? escape '\\'", [
        likePattern(filter.q),
      ]);
    }
    if (filter.overdue !== undefined) this.overdue(qb, now, filter.overdue);
    return qb;
  }

  async list(options: {
    filter: CreationListFilter;
    sort: { field: CreationListSortField; desc: boolean };
    limit: number;
    after?: [string, string];
    now: Date;
  }): Promise<CreationListRow[]> {
    const { filter, sort, limit, after, now } = options;
    const qb = this.filtered(filter, now);
    const dir = sort.desc ? 'desc' : 'asc';
    const cmp = sort.desc ? '<' : '>';
    const column =
      sort.field === 'agent_name' ? 'lower(c.agent_name)' : 'c.created_at';
    if (after) {
      const value = sort.field === 'agent_name' ? after[0] : new Date(after[0]);
      qb.where(function keyset() {
        this.whereRaw(`${column} ${cmp} ?`, [value]).orWhere(function tie() {
          this.whereRaw(`${column} = ?`, [value]).where('c.id', cmp, after[1]);
        });
      });
    }
    const rows = await qb
      .select(
        'c.id',
        'c.agent_id',
        'c.agent_name',
        'c.industry',
        'c.specialty',
        'c.status',
        'c.created_by',
        'c.created_at',
      )
      .orderByRaw(`${column} ${dir}, c.id ${dir}`)
      .limit(limit);
    const ids = rows.map(r => String(r.id));
    const steps = ids.length
      ? await this.db('pp_agent_creation_steps')
          .whereIn('creation_id', ids)
          .select(
            'creation_id',
            'from_status',
            'to_status',
            'event',
            'actor_kind',
            'actor_id',
            'at',
          )
          .orderBy(['creation_id', 'seq'])
      : [];
    const history = new Map<string, CreationListRow['history']>();
    for (const s of steps) {
      const list = history.get(String(s.creation_id)) ?? [];
      list.push({
        at: new Date(toIso(s.at)!),
        from: (s.from_status as CreationStatus) ?? null,
        to: s.to_status as CreationStatus,
        event: s.event,
        actor: { kind: s.actor_kind, id: String(s.actor_id) },
      });
      history.set(String(s.creation_id), list);
    }
    return rows.map(r => ({
      id: String(r.id),
      agent_id: String(r.agent_id),
      agent_name: String(r.agent_name),
      industry: String(r.industry),
      specialty: String(r.specialty),
      status: r.status as CreationStatus,
      created_by: String(r.created_by),
      created_at: new Date(toIso(r.created_at)!),
      history: history.get(String(r.id)) ?? [],
    }));
  }

  /** Creations per status under every filter but the status one. */
  async statusCounts(
    filter: CreationListFilter,
    now: Date,
  ): Promise<Record<string, number>> {
    const rows: Array<{ status: string; n: number | string }> =
      await this.filtered(filter, now, false)
        .select('c.status')
        .count({ n: '*' })
        .groupBy('c.status');
    return Object.fromEntries(rows.map(r => [String(r.status), Number(r.n)]));
  }
}
