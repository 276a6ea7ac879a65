import { InputError } from '@backstage/errors';
import {
  PpAgentCreationPage,
  PpAgentCreationQuery,
  PpAgentCreationSummary,
  ppAgentCreationPageSchema,
  ppAgentCreationQuerySchema,
  ppAgentsReadPermission,
} from '@internal/plugin-pp-common';
import {
  PpApiRouter,
  ppClampLimit,
  ppCommand,
  ppDecodeCursor,
  ppEncodeCursor,
} from '@internal/plugin-pp-node';
import {
  CreationListRow,
  CreationListSortField,
  DatabaseCreationList,
} from '../database/DatabaseCreationList';
import { stepTimings } from '../domain/creation';
import type { PeopleNames } from './peopleNames';

const isListCursor = (v: unknown): v is [string, string] =>
  Array.isArray(v) &&
  v.length === 2 &&
  typeof v[0] === 'string' &&
  typeof v[1] === 'string' &&
  v[0].length <= 200 &&
  v[1].length <= 36;

/** The board's view of a creation at `now`: its open step, if any, timed against its budget. */
export function toCreationSummary(
  row: CreationListRow,
  now: Date,
  names: Record<string, string> = {},
): PpAgentCreationSummary {
  const open = stepTimings(
    {
      id: row.id,
      status: row.status,
      created_at: row.created_at,
      history: row.history,
    },
    now,
  ).find(s => s.ended_at === null);
  return {
    agent_id: row.agent_id,
    agent_name: row.agent_name,
    industry: row.industry as PpAgentCreationSummary['industry'],
    specialty: row.specialty,
    status: row.status,
    requested_by: row.created_by,
    requested_by_name: names[row.created_by] ?? null,
    requested_at: row.created_at.toISOString(),
    current_step: open
      ? {
          step: open.step,
          title: open.title,
          started_at: open.started_at.toISOString(),
          elapsed_ms: open.elapsed_ms,
          budget_ms: open.budget_ms,
          overdue: open.overdue,
        }
      : null,
  };
}

/** The creations board: filters, sort, keyset pages, counts per status. */
export class CreationList {
  constructor(
    private readonly list: DatabaseCreationList,
    private readonly now: () => Date = () => new Date(),
    private readonly names: PeopleNames = async () => ({}),
  ) {}

  async page(query: PpAgentCreationQuery): Promise<PpAgentCreationPage> {
    const sort = query.sort ?? '-requested_at';
    const desc = sort.startsWith('-');
    const field: CreationListSortField =
      (desc ? sort.slice(1) : sort) === 'name' ? 'agent_name' : 'created_at';
    const limit = ppClampLimit(query.limit, { fallback: 50, max: 200 });
    const after = query.cursor
      ? ppDecodeCursor(query.cursor, isListCursor, 'creations cursor')
      : undefined;
    if (
      after &&
      field === 'created_at' &&
      Number.isNaN(new Date(after[0]).getTime())
    ) {
      throw new InputError(
        `Invalid creations cursor: not from a page sorted by ${sort}; use next_cursor of the previous page`,
      );
    }
    const now = this.now();
    const filter = {
      statuses: query.status,
      overdue: query.overdue,
      q: query.q,
    };
    const [rows, status_counts] = await Promise.all([
      this.list.list({
        filter,
        sort: { field, desc },
        limit: limit + 1,
        after,
        now,
      }),
      this.list.statusCounts(filter, now),
    ]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const next_cursor =
      rows.length > limit && last
        ? ppEncodeCursor([
            field === 'agent_name'
              ? last.agent_name.toLowerCase()
              : last.created_at.toISOString(),
            last.id,
          ])
        : null;
    const names = await this.names(items.map(r => r.created_by));
    return {
      items: items.map(r => toCreationSummary(r, now, names)),
      status_counts,
      limit,
      next_cursor,
    };
  }
}

/** `pp.agents.list`: the creations board, for whoever may read agents. */
export function creationListApi(list: CreationList) {
  return {
    list: ppCommand({
      name: 'pp.agents.list',
      permission: ppAgentsReadPermission,
      input: ppAgentCreationQuerySchema,
      run: (_ctx, query) => list.page(query),
    }),
  };
}

/** @public */
export type CreationListApi = ReturnType<typeof creationListApi>;

/** Mounts `GET /agents/creations` (not in the contract file: the portal's board). */
export function mountCreationList(routes: PpApiRouter, api: CreationListApi) {
  routes.get('/agents/creations', {
    command: api.list,
    summary: 'Agent creations on the board',
    description:
      'Every agent creation with its state and current step against the spec’s budget. Filter by status (repeat or comma-separated), overdue (`true`: the current step is over its budget) and q (part of the agent name); sort by requested_at or name (`-` for descending, default newest first); page with next_cursor. status_counts count every filter but status.',
    portalOnly: true,
    response: ppAgentCreationPageSchema,
  });
}
