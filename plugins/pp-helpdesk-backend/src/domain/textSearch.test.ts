import { fts5Query, parseTicketText, pgTsQuery } from './textSearch';

describe('parseTicketText', () => {
  it.each([
    ['TKT-000042', { seq: 42, words: ['tkt', '000042'] }],
    ['tkt42', { seq: 42, words: ['tkt42'] }],
    ['  Sign-in LOOP ', { words: ['sign', 'in', 'loop'] }],
    ["o'brien & x|y:*", { words: ['o', 'brien', 'x', 'y'] }],
    ['!!!', { words: [] }],
    ['Zahlung fehlgeschlagen', { words: ['zahlung', 'fehlgeschlagen'] }],
    ['a a a', { words: ['a'] }],
  ])('%p', (q, expected) => {
    expect(parseTicketText(q)).toEqual(expected);
  });

  it('never passes query syntax through', () => {
    const { words } = parseTicketText(`") OR 1=1 -- :* & !`);
    expect(pgTsQuery(words)).toBe('or:* & 1:*');
    expect(fts5Query(words)).toBe('"or"* AND "1"*');
  });
});
