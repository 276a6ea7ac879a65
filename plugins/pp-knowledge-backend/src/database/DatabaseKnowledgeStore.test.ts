import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { DatabaseKnowledgeStore } from './DatabaseKnowledgeStore';
import type { NewDocument } from './KnowledgeStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

const doc = (i: number, patch: Partial<NewDocument> = {}): NewDocument => ({
  id: `doc-${String(i).padStart(4, '0')}`,
  source_id: 'source-1',
  industry: 'sales',
  external_id: `record-${i}`,
  title: `Record ${i}`,
  url: `https://example.com/${i}`,
  published_at: new Date('2026-01-01T00:00:00Z'),
  content_hash: `hash-${i}`,
  ...patch,
});

describe.each(databases.eachSupportedId())(
  'DatabaseKnowledgeStore documents (%s)',
  id => {
    it('updates changed documents in a few statements, not one per document', async () => {
      const knex = await databases.init(id);
      const store = await DatabaseKnowledgeStore.create({
        database: { getClient: async () => knex },
      });
      const all = Array.from({ length: 450 }, (_, i) => doc(i));
      await store.transaction(async uow => {
        await uow.insertDocuments(all);
        await uow.markDocumentsRemoved(['doc-0001'], 3);
      });

      // every document but the last changes; doc-0001 (removed) comes back
      const changed = all.slice(0, 449).map((d, i) =>
        doc(i, {
          title: `Record ${i}, second edition`,
          url: i % 2 ? null : d.url,
          published_at: i % 2 ? null : new Date('2026-02-01T00:00:00Z'),
          content_hash: `hash-${i}-b`,
        }),
      );
      const updates: string[] = [];
      const onQuery = (q: { sql: string }) => {
        if (/pp_knowledge_documents/.test(q.sql)) updates.push(q.sql);
      };
      knex.on('query', onQuery);
      await store.transaction(uow => uow.updateDocuments(changed));
      knex.off('query', onQuery);
      expect(updates).toHaveLength(3); // 200 rows a statement

      const rows = await knex('pp_knowledge_documents').orderBy('id');
      expect(rows).toHaveLength(450);
      const row = (i: number) => rows[i];
      expect(row(0)).toMatchObject({
        id: 'doc-0000',
        source_id: 'source-1',
        industry: 'sales',
        external_id: 'record-0',
        title: 'Record 0, second edition',
        url: 'https://example.com/0',
        content_hash: 'hash-0-b',
        removed_in: null,
      });
      expect(new Date(row(0).published_at).toISOString()).toBe(
        '2026-02-01T00:00:00.000Z',
      );
      expect(row(1)).toMatchObject({
        title: 'Record 1, second edition',
        url: null,
        published_at: null,
        content_hash: 'hash-1-b',
        removed_in: null,
      });
      expect(row(449)).toMatchObject({
        title: 'Record 449',
        content_hash: 'hash-449',
      });
      expect(await store.transaction(uow => uow.updateDocuments([]))).toBe(
        undefined,
      );
    });
  },
);

describe.each(databases.eachSupportedId())(
  'DatabaseKnowledgeStore keyword counts (%s)',
  id => {
    it('keeps each keyword’s count of current chunks as chunks are added and ended', async () => {
      const knex = await databases.init(id);
      const store = await DatabaseKnowledgeStore.create({
        database: { getClient: async () => knex },
      });
      const chunk = (
        n: number,
        industry: 'sales' | 'marketing',
        keywords: string[],
      ) => ({
        id: `chunk-${n}`,
        industry,
        source_id: 'source-1',
        document_id: 'doc-1',
        position: n,
        text: `text ${n}`,
        content_hash: `hash-${n}`,
        keywords,
        embedding: Buffer.alloc(8),
        model_id: 'test',
        version_from: 1,
      });
      await store.transaction(uow =>
        uow.insertChunks([
          chunk(1, 'sales', ['pipeline review', 'quota']),
          chunk(2, 'sales', ['pipeline review', 'quota', 'quota']),
          chunk(3, 'sales', ['pipeline review', 'x'.repeat(300)]),
          chunk(4, 'marketing', ['quota']),
        ]),
      );
      const counts = (industry: 'sales' | 'marketing', min = 1) =>
        store.transaction(uow => uow.keywordCounts(industry, min));
      expect(await counts('sales')).toEqual(
        new Map([
          ['pipeline review', 3],
          ['quota', 2],
        ]),
      );
      expect(await counts('sales', 3)).toEqual(
        new Map([['pipeline review', 3]]),
      );
      expect(await counts('marketing')).toEqual(new Map([['quota', 1]]));

      // ending a chunk twice counts it once; a count at 0 is gone
      await store.transaction(async uow => {
        await uow.endChunks(['chunk-1', 'chunk-2'], 2);
        await uow.endChunks(['chunk-2', 'chunk-4'], 2);
        await uow.insertChunks([
          { ...chunk(5, 'sales', ['pipeline review']), version_from: 2 },
        ]);
      });
      expect(await counts('sales')).toEqual(new Map([['pipeline review', 2]]));
      expect(await counts('marketing')).toEqual(new Map());
      expect(
        await knex('pp_knowledge_keyword_counts').where('chunks', '<=', 0),
      ).toEqual([]);
    });
  },
);
