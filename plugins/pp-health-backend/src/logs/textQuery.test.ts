import {
  isEmptyLogText,
  logHighlights,
  parseLogText,
  toSimpleQueryString,
} from './textQuery';

describe('parseLogText', () => {
  it('reads words, phrases, or and exclusions like websearch_to_tsquery', () => {
    const parsed = parseLogText(
      'timeout "card declined" or refund -debug -"cache hit"',
    );
    expect(parsed.groups.map(g => g.map(t => t.raw))).toEqual([
      ['timeout'],
      ['card declined', 'refund'],
    ]);
    expect(parsed.excluded.map(t => t.raw)).toEqual(['debug', 'cache hit']);
    expect(parsed.groups[1][0].words).toEqual(['card', 'declined']);
  });

  it('drops terms without letters or digits and a dangling or', () => {
    expect(isEmptyLogText(parseLogText('"" - !! or'))).toBe(true);
    const parsed = parseLogText('or Cus_42 or');
    expect(parsed.groups).toEqual([[{ raw: 'Cus_42', words: ['cus', '42'] }]]);
  });

  it('keeps an unterminated phrase', () => {
    expect(parseLogText('"card declined').groups[0][0].raw).toBe(
      'card declined',
    );
  });
});

describe('logHighlights', () => {
  const message = 'Timeout: upstream timeout after 3000 ms; timeouts=2';

  it('marks whole words (case-insensitive) and phrases across punctuation', () => {
    expect(logHighlights(message, parseLogText('timeout'), 'words')).toEqual([
      { start: 0, end: 7 },
      { start: 18, end: 25 },
    ]);
    expect(
      logHighlights(
        'card  declined, cus_42.',
        parseLogText('"card declined" cus_42'),
        'words',
      ),
    ).toEqual([
      { start: 0, end: 14 },
      { start: 16, end: 22 },
    ]);
  });

  it('marks substrings for the SQLite store and merges overlaps', () => {
    expect(
      logHighlights(message, parseLogText('timeout out'), 'substring'),
    ).toEqual([
      { start: 0, end: 7 },
      { start: 18, end: 25 },
      { start: 41, end: 48 },
    ]);
  });

  it('never marks excluded terms', () => {
    expect(logHighlights(message, parseLogText('-timeout'), 'words')).toEqual(
      [],
    );
  });
});

describe('toSimpleQueryString', () => {
  it('quotes every term, groups alternatives and negates exclusions', () => {
    expect(
      toSimpleQueryString(
        parseLogText('timeout "card declined" or refund -debug say\\"x'),
      ),
    ).toBe('"timeout" ("card declined" | "refund") "say  x" -"debug"');
  });
});
