import {
  BOARD_GROUPS,
  filtersFromSearch,
  groupForBoard,
  hasFilters,
  searchFromFilters,
} from './board';
import { PP_AGENT_CREATION_STATUSES } from '@internal/plugin-pp-common';

describe('board', () => {
  it('puts every status in exactly one group', () => {
    for (const status of PP_AGENT_CREATION_STATUSES) {
      expect(
        BOARD_GROUPS.filter(g => g.statuses.includes(status)),
      ).toHaveLength(1);
    }
  });

  it('groups items in board order, keeping empty groups', () => {
    const groups = groupForBoard([
      { status: 'genesis_rejected' as const, n: 1 },
      { status: 'genesis_approved' as const, n: 2 },
      { status: 'ci_running' as const, n: 3 },
    ]);
    expect(groups.map(g => [g.key, g.items.map(i => i.n)])).toEqual([
      ['genesis', []],
      ['approved', [2]],
      ['building', [3]],
      ['handoff', []],
      ['ready', []],
      ['rejected', [1]],
    ]);
  });

  it('keeps filters in the URL and drops what is not a filter', () => {
    const f = filtersFromSearch(
      new URLSearchParams(
        'status=genesis_rejected,nonsense&overdue=true&q=tutor&sort=name',
      ),
    );
    expect(f).toEqual({
      status: ['genesis_rejected'],
      overdue: true,
      q: 'tutor',
      sort: 'name',
    });
    expect(searchFromFilters(f).toString()).toBe(
      'status=genesis_rejected&overdue=true&q=tutor&sort=name',
    );
    expect(
      hasFilters(filtersFromSearch(new URLSearchParams('sort=name'))),
    ).toBe(false);
    expect(filtersFromSearch(new URLSearchParams('sort=score')).sort).toBe(
      undefined,
    );
  });
});
