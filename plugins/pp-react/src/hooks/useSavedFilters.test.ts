import { parseSavedFilters } from './useSavedFilters';

describe('parseSavedFilters', () => {
  it('keeps well-formed saved filters and drops anything else storage may hold', () => {
    expect(
      parseSavedFilters([
        { name: 'My critical', filters: { priority: ['critical'] } },
        { name: 'broken' },
        'junk',
        null,
      ]),
    ).toEqual([{ name: 'My critical', filters: { priority: ['critical'] } }]);
    expect(parseSavedFilters(undefined)).toEqual([]);
    expect(parseSavedFilters({ name: 'x' })).toEqual([]);
  });
});
