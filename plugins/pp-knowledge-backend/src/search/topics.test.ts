import {
  chunkKeywords,
  diffTopics,
  topicMinChunks,
  topicsFromCounts,
  topicsOf,
} from './topics';

const doc = (topic: string, i: number) =>
  `${topic} drives results. Teams review ${topic} weekly, and ${topic} budgets shift by quarter ${i}. ` +
  `The report on week ${i} covers reach, spend and the audience.`;

describe('chunkKeywords', () => {
  it('prefers repeated word pairs and content words, never stopwords or numbers', () => {
    const k = chunkKeywords(doc('influencer marketing', 7));
    expect(k[0]).toBe('influencer marketing');
    expect(k).toEqual(expect.arrayContaining(['influencer', 'marketing']));
    expect(k).not.toContain('the');
    expect(k).not.toContain('7');
    expect(k.length).toBeLessThanOrEqual(8);
  });

  it('takes no number words as keywords', () => {
    expect(
      chunkKeywords(
        'Four steps, four checks and a third review: pricing pages convert, pricing pages sell.',
      ),
    ).toEqual(expect.not.arrayContaining(['four', 'third', 'four steps']));
    expect(
      chunkKeywords(
        'Four steps, four checks: pricing pages convert, pricing pages sell.',
      )[0],
    ).toBe('pricing pages');
  });

  it('is deterministic and gives nothing for text without content words', () => {
    const text = 'Enrollment grows; enrollment forecasts guide staffing.';
    expect(chunkKeywords(text)).toEqual(chunkKeywords(text));
    expect(chunkKeywords(text)[0]).toBe('enrollment');
    expect(chunkKeywords('the and of 12 345')).toEqual([]);
  });
});

describe('topicsOf and diffTopics on a controlled corpus', () => {
  const corpus = (topics: string[]) =>
    topics.flatMap((t, ti) =>
      Array.from({ length: 20 + ti }, (_, i) => chunkKeywords(doc(t, i))),
    );
  const filler = Array.from({ length: 60 }, (_, i) =>
    chunkKeywords(`Unrelated note ${i} about office parking number ${i}.`),
  );

  const v1 = topicsOf([
    ...corpus(['print advertising', 'email campaigns', 'search ads']),
    ...filler,
  ]);
  const v2 = topicsOf([
    ...corpus(['influencer marketing', 'email campaigns', 'search ads']),
    ...filler,
  ]);

  it('gives the same topics from the keywords frequent enough to count as from every list', () => {
    const lists = [
      ...corpus(['influencer marketing', 'email campaigns', 'search ads']),
      ...filler,
      // keywords of one chunk each, and a word pair whose words are rare
      ...['zebra crossing', 'walrus', 'narwhal'].map(k => k.split(' ')),
      ['zebra crossing'],
    ];
    const df = new Map<string, number>();
    for (const l of lists) {
      for (const k of new Set(l)) df.set(k, (df.get(k) ?? 0) + 1);
    }
    const min = topicMinChunks(lists.length);
    const frequent = new Map([...df].filter(([, c]) => c >= min));
    expect(frequent.size).toBeLessThan(df.size);
    expect(topicsFromCounts(frequent, lists.length)).toEqual(topicsOf(lists));
  });

  it('finds the corpus topics as word pairs that absorb their words, and skips boilerplate', () => {
    const labels = v1.map(t => t.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'print advertising',
        'email campaigns',
        'search ads',
      ]),
    );
    expect(labels).not.toContain('print');
    expect(labels).not.toContain('advertising');
    expect(v1.find(t => t.label === 'print advertising')!.chunks).toBe(20);
    // "results", "report" … occur in every topic chunk (~51 %): boilerplate, no topic
    expect(labels).not.toContain('report');
  });

  it('a new topic appears and a removed one disappears', () => {
    const d = diffTopics(v1, v2);
    expect(d.new_topics.map(t => t.label)).toContain('influencer marketing');
    expect(d.removed_topics.map(t => t.label)).toContain('print advertising');
    expect(d.new_topics.map(t => t.label)).not.toContain('email campaigns');
    expect(d.removed_topics.map(t => t.label)).not.toContain('search ads');
    expect(diffTopics(v1, v1)).toEqual({ new_topics: [], removed_topics: [] });
    expect(diffTopics([], v1).new_topics).toHaveLength(v1.length);
  });

  it('ignores keywords of a single chunk and honours max', () => {
    const t = topicsOf([['alpha', 'beta'], ['alpha'], ['gamma']]);
    expect(t).toEqual([{ label: 'alpha', chunks: 2 }]);
    expect(
      topicsOf(corpus(['print advertising', 'email campaigns', 'search ads']), {
        max: 2,
      }),
    ).toHaveLength(2);
  });
});
