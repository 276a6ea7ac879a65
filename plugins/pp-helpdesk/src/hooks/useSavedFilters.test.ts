import { parseSaved } from './useSavedFilters';

describe('parseSaved', () => {
  it('keeps well-formed saved filters and drops anything else storage may hold', () => {
    expect(
      parseSaved([
        { name: 'My critical', filters: { priority: ['critical'] } },
        { name: 'broken' },
        'junk',
        null,
      ]),
    ).toEqual([{ name: 'My critical', filters: { priority: ['critical'] } }]);
    expect(parseSaved(undefined)).toEqual([]);
    expect(parseSaved({ name: 'x' })).toEqual([]);
  });
});
