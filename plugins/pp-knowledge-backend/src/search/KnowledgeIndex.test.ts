import { HashingEmbedder } from './Embedder';
import { KnowledgeIndex, KnowledgeIndexRow } from './KnowledgeIndex';
import { syntheticCorpus } from './__testUtils__/syntheticCorpus';

const embedder = new HashingEmbedder();

function row(
  id: string,
  text: string,
  extra: Partial<KnowledgeIndexRow> = {},
): KnowledgeIndexRow {
  return {
    id,
    source_id: 'src-a',
    version_from: 1,
    version_to: null,
    text,
    vector: embedder.embedOne(text),
    ...extra,
  };
}

const TEXTS: Record<string, string> = {
  budget:
    'Marketing budget planning for the next quarter: paid search and social.',
  enroll:
    'Student enrollment forecast and admission targets for the autumn term.',
  churn: 'Customer churn rose after the price change; retention offers helped.',
  seo: 'Organic search ranking improved after the keyword and backlink work.',
  pipeline: 'Sales pipeline review: deals by stage, forecast accuracy, quota.',
};

async function small() {
  return KnowledgeIndex.build(
    Object.entries(TEXTS).map(([id, text]) => row(id, text)),
    { dimension: 256 },
  );
}

const search = (
  index: KnowledgeIndex,
  query: string,
  extra: Partial<Parameters<KnowledgeIndex['search']>[0]> = {},
) =>
  index
    .search({ query, queryVector: embedder.embedOne(query), ...extra })
    .map(h => h.id);

describe('KnowledgeIndex', () => {
  it('finds rows by vector, by keyword and hybrid', async () => {
    const index = await small();
    expect(index.size).toBe(5);
    expect(search(index, 'enrollment forecast', { mode: 'vector' })[0]).toBe(
      'enroll',
    );
    expect(search(index, 'churn retention', { mode: 'keyword' })).toEqual([
      'churn',
    ]);
    const hybrid = index.search({
      query: 'search ranking keyword',
      queryVector: embedder.embedOne('search ranking keyword'),
      limit: 3,
    });
    expect(hybrid[0].id).toBe('seo');
    expect(hybrid).toHaveLength(3);
    expect(hybrid[0].score).toBeGreaterThan(hybrid[1].score);
    // a keyword search only needs the text; stopwords alone match nothing
    expect(index.search({ query: 'the and of', mode: 'keyword' })).toEqual([]);
  });

  it('fuses by reciprocal rank: a row both rankings find beats one found by one only', async () => {
    const index = await small();
    const [first] = index.search({
      query: 'forecast',
      queryVector: embedder.embedOne('sales pipeline forecast quota'),
      limit: 5,
    });
    // keyword "forecast" matches enroll and pipeline; the vector prefers pipeline
    expect(first.id).toBe('pipeline');
    // first by vector, first or second by keyword
    expect(first.score).toBeGreaterThanOrEqual(1 / 61 + 1 / 62);
  });

  it('filters by source and by version; retire and remove', async () => {
    const index = await KnowledgeIndex.build(
      [
        row('old', 'Budget planning for trade shows, version one.', {
          version_from: 1,
          version_to: 2,
        }),
        row('new', 'Budget planning for trade shows, version two.', {
          version_from: 2,
        }),
        row('other', 'Budget planning for trade shows at another source.', {
          source_id: 'src-b',
          version_from: 1,
        }),
      ],
      { dimension: 256 },
    );
    const q = 'budget planning trade shows';
    expect(search(index, q).sort()).toEqual(['new', 'other']);
    expect(search(index, q, { versionSeq: 1 }).sort()).toEqual([
      'old',
      'other',
    ]);
    expect(search(index, q, { versionSeq: 2 }).sort()).toEqual([
      'new',
      'other',
    ]);
    expect(search(index, q, { sourceIds: ['src-b'] })).toEqual(['other']);
    expect(search(index, q, { sourceIds: ['nope'] })).toEqual([]);
    expect(
      index
        .exactSearch(embedder.embedOne(q), {
          versionSeq: 1,
          sourceIds: ['src-a'],
        })
        .map(h => h.id),
    ).toEqual(['old']);

    index.retire(['new'], 3);
    expect(search(index, q)).toEqual(['other']);
    expect(search(index, q, { versionSeq: 2 }).sort()).toEqual([
      'new',
      'other',
    ]);
    index.remove(['other']);
    expect(index.size).toBe(2);
    expect(search(index, q, { versionSeq: 2 })).toEqual(['new']);
    await index.add([
      row('other', 'Now about student enrollment.', { source_id: 'src-b' }),
    ]);
    expect(search(index, 'enrollment', { mode: 'keyword' })).toEqual(['other']);
    // a replaced id keeps one row
    await index.add([
      row('other', 'Replaced again: churn.', { source_id: 'src-b' }),
    ]);
    expect(index.size).toBe(3);
    expect(search(index, 'enrollment', { mode: 'keyword' })).toEqual([]);
  });

  it('refuses vectors of another dimension and a vector search without a vector', async () => {
    const index = await small();
    expect(() =>
      index.search({ query: 'x y', queryVector: new Float32Array(8) }),
    ).toThrow(/8 dimensions; this index holds 256/);
    expect(() => index.search({ query: 'budget', mode: 'vector' })).toThrow(
      /needs the query's vector/,
    );
    await expect(
      index.add([{ ...row('bad', 'text'), vector: new Float32Array(3) }]),
    ).rejects.toThrow(/re-embed/);
  });

  it('grows past its first capacity without losing rows', async () => {
    const index = new KnowledgeIndex({ dimension: 256 });
    for (let i = 0; i < 5; i++) {
      await index.add(
        Array.from({ length: 50 }, (_, j) =>
          row(`r${i}-${j}`, `Batch ${i} note ${j} about topic${i * 50 + j}.`),
        ),
      );
    }
    expect(index.size).toBe(250);
    expect(search(index, 'topic7 note', { mode: 'vector', limit: 1 })).toEqual([
      'r0-7',
    ]);
    expect(search(index, 'topic201', { mode: 'keyword' })).toEqual(['r4-1']);
  });

  it('has recall@10 ≥ 0.95 against exact search on 2 000 synthetic chunks, filtered too', async () => {
    const corpus = syntheticCorpus({
      industry: 'education',
      count: 2000,
      queryCount: 60,
    });
    const index = await KnowledgeIndex.build(
      corpus.chunks.map((c, i) => ({
        id: c.id,
        source_id: c.source_id,
        version_from: 1 + (i % 3),
        version_to: i % 5 === 0 ? 3 : null,
        text: c.text,
        vector: embedder.embedOne(c.text),
      })),
      { dimension: 256 },
    );
    let recall = 0;
    let filteredRecall = 0;
    for (const query of corpus.queries) {
      const v = embedder.embedOne(query);
      const exact = new Set(index.exactSearch(v, { limit: 10 }).map(h => h.id));
      const got = index.search({ query, queryVector: v, mode: 'vector' });
      recall += got.filter(h => exact.has(h.id)).length / exact.size;

      const f = {
        sourceIds: ['education-source-1', 'education-source-2'],
        versionSeq: 2,
      };
      const exactF = new Set(
        index.exactSearch(v, { limit: 10, ...f }).map(h => h.id),
      );
      const gotF = index.search({
        query,
        queryVector: v,
        mode: 'vector',
        ...f,
      });
      expect(gotF.length).toBe(exactF.size);
      filteredRecall += gotF.filter(h => exactF.has(h.id)).length / exactF.size;
    }
    expect(recall / corpus.queries.length).toBeGreaterThanOrEqual(0.95);
    expect(filteredRecall / corpus.queries.length).toBeGreaterThanOrEqual(0.95);
  }, 30_000);
});
