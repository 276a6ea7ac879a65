import {
  PP_AGENT_CREATION_STATUSES,
  PpAgentCreationQuery,
  PpAgentCreationStatus,
} from '@internal/plugin-pp-common';

/** The board's groups, in the order a creation moves through them. */
export const BOARD_GROUPS: ReadonlyArray<{
  key: string;
  title: string;
  statuses: readonly PpAgentCreationStatus[];
}> = [
  {
    key: 'genesis',
    title: 'At the Genesis gate',
    statuses: ['requested', 'genesis_validating'],
  },
  {
    key: 'approved',
    title: 'Approved, waiting for code generation',
    statuses: ['genesis_approved'],
  },
  {
    key: 'building',
    title: 'Code generation and CI/CD',
    statuses: ['generating', 'ci_running', 'ci_failed', 'ci_passed'],
  },
  {
    key: 'handoff',
    title: 'Handoff to the service team',
    statuses: ['handoff_pending', 'handoff_rejected'],
  },
  {
    key: 'ready',
    title: 'Production ready',
    statuses: ['production_ready'],
  },
  {
    key: 'rejected',
    title: 'Rejected by Genesis',
    statuses: ['genesis_rejected'],
  },
];

/** Items grouped for the board, every group kept (empty ones too), in board order. */
export function groupForBoard<T extends { status: PpAgentCreationStatus }>(
  items: readonly T[],
) {
  return BOARD_GROUPS.map(g => ({
    ...g,
    items: items.filter(i => g.statuses.includes(i.status)),
  }));
}

/** The board's filters as the URL keeps them. */
export type BoardFilters = Pick<
  PpAgentCreationQuery,
  'status' | 'overdue' | 'q' | 'sort'
>;

const SORTS = ['requested_at', '-requested_at', 'name', '-name'] as const;

export function filtersFromSearch(search: URLSearchParams): BoardFilters {
  const status = (search.get('status') ?? '')
    .split(',')
    .filter((s): s is PpAgentCreationStatus =>
      (PP_AGENT_CREATION_STATUSES as readonly string[]).includes(s),
    );
  const sort = search.get('sort') ?? '';
  return {
    status: status.length ? status : undefined,
    overdue: search.get('overdue') === 'true' ? true : undefined,
    q: search.get('q') || undefined,
    sort: (SORTS as readonly string[]).includes(sort)
      ? (sort as BoardFilters['sort'])
      : undefined,
  };
}

export function searchFromFilters(filters: BoardFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.status?.length) search.set('status', filters.status.join(','));
  if (filters.overdue) search.set('overdue', 'true');
  if (filters.q) search.set('q', filters.q);
  if (filters.sort) search.set('sort', filters.sort);
  return search;
}

export const hasFilters = (f: BoardFilters) =>
  !!(f.status?.length || f.overdue || f.q);
