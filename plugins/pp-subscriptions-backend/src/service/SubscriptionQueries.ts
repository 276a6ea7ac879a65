import { InputError, NotFoundError } from '@backstage/errors';
import type {
  PpAgentRunPage,
  PpAgentRunQuery,
  PpSubscriptionDetail,
  PpSubscriptionPage,
  PpSubscriptionQuery,
} from '@internal/plugin-pp-common';
import {
  ppClampLimit,
  ppDecodeCursor,
  ppEncodeCursor,
} from '@internal/plugin-pp-node';
import type { CustomerPortalStore } from '../database/CustomerPortalStore';
import type {
  ListSortField,
  SubscriptionStore,
} from '../database/SubscriptionStore';
import { SCORE_WINDOW_DAYS, scoreWindow, utcDay } from '../domain/score';
import type { SubscriptionSettings } from './config';
import type { IncidentStore } from '../database/IncidentStore';
import { incidentView } from './IncidentMonitor';
import { toApiAction } from './SubscriptionCommands';

const SORT_FIELDS: Record<string, ListSortField> = {
  score: 'score',
  errors: 'runs_failed_30d',
  customer: 'customer_name_lower',
};

const HISTORY_DAYS = 90;
const ACTIONS_SHOWN = 50;
const RECENT_ERRORS = 10;
const RECENT_INCIDENTS = 20;

/** Cursor strings go into queries: short, and no NUL (PostgreSQL text cannot hold it). */
const cursorText = (v: unknown): v is string =>
  typeof v === 'string' && v.length <= 200 && !v.includes('\u0000');

const isListCursor = (v: unknown): v is [string | number, string] =>
  Array.isArray(v) &&
  v.length === 2 &&
  (cursorText(v[0]) || (typeof v[0] === 'number' && Number.isFinite(v[0]))) &&
  cursorText(v[1]);

/** A run position: a UTC time the database can compare (a real calendar time, up to microseconds). */
const isRunPosition = (v: string) => {
  const m = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(\.\d{1,6})?Z?$/.exec(v);
  if (!m) return false;
  const t = new Date(`${m[1]}T${m[2]}Z`);
  return (
    !Number.isNaN(t.getTime()) &&
    t.toISOString().slice(0, 19) === `${m[1]}T${m[2]}`
  );
};

const isRunCursor = (v: unknown): v is [string, string] =>
  Array.isArray(v) &&
  v.length === 2 &&
  typeof v[0] === 'string' &&
  isRunPosition(v[0]) &&
  cursorText(v[1]);

/** The subscription reads: the list (PP's index), a detail (CP + scores), forensic runs (CP). */
export class SubscriptionQueries {
  constructor(
    private readonly cp: CustomerPortalStore,
    private readonly store: SubscriptionStore,
    private readonly settings: SubscriptionSettings,
    private readonly incidents: IncidentStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(query: PpSubscriptionQuery): Promise<PpSubscriptionPage> {
    const sort = query.sort ?? 'score';
    const desc = sort.startsWith('-');
    const field = SORT_FIELDS[desc ? sort.slice(1) : sort];
    const limit = ppClampLimit(query.limit, { fallback: 50, max: 200 });
    const after = query.cursor
      ? ppDecodeCursor(query.cursor, isListCursor, 'subscriptions cursor')
      : undefined;
    // the cursor's value is compared with the sort column: it must be of that column's type
    if (after) {
      const [value] = after;
      const fits =
        field === 'customer_name_lower'
          ? typeof value === 'string'
          : typeof value === 'number' &&
            (field === 'score'
              ? Math.abs(value) <= 1000
              : Number.isSafeInteger(value) && Math.abs(value) <= 2 ** 31 - 1);
      if (!fits) {
        throw new InputError(
          `Invalid subscriptions cursor: not from a page sorted by ${sort}; use next_cursor of the previous page`,
        );
      }
    }
    const filter = {
      status: query.status,
      band: query.band,
      scoreLt: query.score_lt,
      errorsGt: query.errors_gt,
      customer: query.customer,
      agent: query.agent,
      industry: query.industry,
    };
    const [rows, band_counts] = await Promise.all([
      this.store.list({
        filter,
        sort: { field, desc },
        limit: limit + 1,
        after,
      }),
      this.store.bandCounts(filter),
    ]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    let next_cursor: string | null = null;
    if (rows.length > limit && last) {
      const values: Record<ListSortField, string | number> = {
        score: last.score ?? -1,
        runs_failed_30d: last.runs_failed_30d,
        customer_name_lower: last.customer_name.toLowerCase(),
      };
      next_cursor = ppEncodeCursor([values[field], last.id]);
    }
    return { items, band_counts, limit, next_cursor };
  }

  async get(id: string): Promise<PpSubscriptionDetail> {
    const sub = await this.cp.getSubscription(id);
    if (!sub) throw new NotFoundError(`Subscription ${id} not found`);
    const today = utcDay(this.clock());
    const historyStart = scoreWindow(today, HISTORY_DAYS).start;
    const window = scoreWindow(today, SCORE_WINDOW_DAYS);
    const [score, history, marks, errors, incidents, actions] =
      await Promise.all([
        this.store.latestScore(id),
        this.store.scoreHistory(id, utcDay(historyStart)),
        this.cp.runMarks(id, window),
        this.cp.recentErrors(id, RECENT_ERRORS),
        this.incidents.listFor(id, RECENT_INCIDENTS),
        this.store.listActions(id, ACTIONS_SHOWN),
      ]);
    const days = new Map<
      string,
      { day: string; succeeded: number; failed: number; other: number }
    >();
    for (let d = new Date(window.start); d < window.end; ) {
      const day = utcDay(d);
      days.set(day, { day, succeeded: 0, failed: 0, other: 0 });
      d.setUTCDate(d.getUTCDate() + 1);
    }
    for (const m of marks) {
      const bucket = days.get(m.created_at.slice(0, 10));
      if (!bucket) continue;
      if (m.status === 'succeeded') bucket.succeeded += 1;
      else if (m.status === 'failed') bucket.failed += 1;
      else bucket.other += 1;
    }
    return {
      ...sub,
      expected_runs_per_day:
        sub.expected_runs_per_day ?? this.settings.defaultExpectedRunsPerDay,
      score: score ?? null,
      score_history: history,
      runs_per_day: [...days.values()],
      recent_errors: errors.map(e => ({
        run_id: e.id,
        created_at: e.created_at,
        error_message: e.error_message,
      })),
      actions: actions.map(toApiAction),
      incidents: incidents.flatMap(i => incidentView(i) ?? []),
    };
  }

  /** Forensic read: allow-listed fields only (the connector selects nothing else). */
  async runs(id: string, query: PpAgentRunQuery): Promise<PpAgentRunPage> {
    const sub = await this.cp.getSubscription(id);
    if (!sub) throw new NotFoundError(`Subscription ${id} not found`);
    const limit = ppClampLimit(query.limit, { fallback: 50, max: 200 });
    const before = query.cursor
      ? ppDecodeCursor(query.cursor, isRunCursor, 'agent runs cursor')
      : undefined;
    const rows = await this.cp.listRuns(id, {
      status: query.status,
      from: query.from ? new Date(query.from).toISOString() : undefined,
      to: query.to ? new Date(query.to).toISOString() : undefined,
      before: before ? { created_at: before[0], id: before[1] } : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items = page.map(r => ({
      id: r.id,
      agent_id: r.agent_id,
      status: r.status,
      inputs: r.inputs,
      outputs: r.outputs,
      actions: r.actions,
      error_message: r.error_message,
      created_at: r.created_at,
      started_at: r.started_at,
      finished_at: r.finished_at,
    }));
    const last = page[page.length - 1];
    return {
      items,
      limit,
      next_cursor:
        rows.length > limit && last
          ? ppEncodeCursor([last.position, last.id])
          : null,
    };
  }
}
