import { filtersFromSearch, hasFilters, searchFromFilters } from './filters';

describe('subscription list filters in the URL', () => {
  it('round-trips every filter and the sort', () => {
    const filters = {
      status: ['active' as const, 'churned' as const],
      band: ['red' as const],
      score_lt: 60,
      errors_gt: 5,
      customer: 'Demo Bak',
      agent: 'sales-prospecting-sdr',
      industry: 'sales',
      sort: '-errors' as const,
    };
    const search = searchFromFilters(filters);
    expect(search.toString()).toBe(
      'status=active%2Cchurned&band=red&score_lt=60&errors_gt=5&customer=Demo+Bak&agent=sales-prospecting-sdr&industry=sales&sort=-errors',
    );
    expect(filtersFromSearch(search)).toEqual(filters);
  });

  it('drops what is not a filter value (a hand-edited URL)', () => {
    expect(
      filtersFromSearch(
        new URLSearchParams(
          'status=active,bogus&band=purple&score_lt=abc&errors_gt=-1&sort=price&customer=%20%20',
        ),
      ),
    ).toEqual({ status: ['active'] });
  });

  it('tells whether any filter is set, the sort aside', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ sort: 'customer' })).toBe(false);
    expect(hasFilters({ status: [] })).toBe(false);
    expect(hasFilters({ score_lt: 60 })).toBe(true);
  });
});
