import {
  ppChangeMarkNotifies,
  ppTestDatabases,
} from '@internal/plugin-pp-node/testUtils';
import {
  DatabaseKnowledgeStore,
  knowledgeMigrationConfig,
} from './DatabaseKnowledgeStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

const TABLES = [
  'pp_knowledge_sources',
  'pp_knowledge_runs',
  'pp_knowledge_documents',
  'pp_knowledge_chunks',
  'pp_knowledge_versions',
];

const UNIQUE = /^(23505|SQLITE_CONSTRAINT_UNIQUE)$/;

describe.each(databases.eachSupportedId())('knowledge migrations (%s)', id => {
  it('the knowledge and retuning marks notify listeners on PostgreSQL, and stop when stepped down', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest(knowledgeMigrationConfig);
    const pg = knex.client.config.client === 'pg';
    for (const family of ['knowledge', 'retuning']) {
      expect(await ppChangeMarkNotifies(knex, family)).toBe(pg);
    }
    expect(await knex.migrate.down(knowledgeMigrationConfig)).toEqual([
      expect.any(Number),
      ['20270111100000_knowledge_change_marks_notify.js'],
    ]);
    for (const family of ['knowledge', 'retuning']) {
      expect(await ppChangeMarkNotifies(knex, family)).toBe(false);
    }
  });

  it('step up and down, with their unique keys and the change mark', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest(knowledgeMigrationConfig);
    for (const t of TABLES) expect(await knex.schema.hasTable(t)).toBe(true);
    const insert = (table: string, row: object) =>
      knex(table)
        .insert(row)
        .then(
          () => 'inserted',
          (e: any) => String(e?.code ?? e?.message ?? e),
        );
    const mark = async () =>
      Number(
        (await knex('pp_change_marks').where({ family: 'knowledge' }).first())
          .generation,
      );
    const now = new Date();
    const source = (sid: string) => ({
      id: sid,
      industry: 'sales',
      name: 'Feed',
      type: 'rss',
      connection: '{}',
      frequency: 'daily',
      time: '02:00',
      time_zone: 'Asia/Kolkata',
      status: 'active',
      created_at: now,
      updated_at: now,
    });
    const before = await mark();
    expect(await insert('pp_knowledge_sources', source('s1'))).toBe('inserted');
    expect(await mark()).toBeGreaterThan(before);
    // one name per industry
    expect(await insert('pp_knowledge_sources', source('s2'))).toMatch(UNIQUE);
    const doc = (did: string) => ({
      id: did,
      source_id: 's1',
      industry: 'sales',
      external_id: 'x1',
      title: 't',
      content_hash: 'h',
      updated_at: now,
    });
    expect(await insert('pp_knowledge_documents', doc('d1'))).toBe('inserted');
    expect(await insert('pp_knowledge_documents', doc('d2'))).toMatch(UNIQUE);
    expect(
      await insert('pp_knowledge_chunks', {
        id: 'c1',
        industry: 'sales',
        source_id: 's1',
        document_id: 'd1',
        position: 0,
        text: 'hello',
        content_hash: 'h',
        keywords: '[]',
        embedding: Buffer.from(new Float32Array([0.5, 0.25]).buffer),
        model_id: 'm',
        version_from: 1,
      }),
    ).toBe('inserted');
    const blob = (await knex('pp_knowledge_chunks').where({ id: 'c1' }).first())
      .embedding as Buffer;
    expect([...new Float32Array(new Uint8Array(blob).buffer)]).toEqual([
      0.5, 0.25,
    ]);
    const version = (vid: string, seq: number, label: string) => ({
      id: vid,
      industry: 'sales',
      seq,
      label,
      created_at: now,
      chunks: 1,
      added: 1,
      modified: 0,
      removed: 0,
      topics: '[]',
      embedding_model: 'm',
    });
    expect(
      await insert('pp_knowledge_versions', version('v1', 1, 'v2027-01-05')),
    ).toBe('inserted');
    // one seq and one label per industry
    expect(
      await insert('pp_knowledge_versions', version('v2', 1, 'v2027-01-05-2')),
    ).toMatch(UNIQUE);
    expect(
      await insert('pp_knowledge_versions', version('v3', 2, 'v2027-01-05')),
    ).toMatch(UNIQUE);

    await knex.migrate.rollback(knowledgeMigrationConfig, true);
    for (const t of TABLES) expect(await knex.schema.hasTable(t)).toBe(false);
    await knex.migrate.latest(knowledgeMigrationConfig);
    expect(await knex.schema.hasTable('pp_knowledge_chunks')).toBe(true);
  });

  it('fills the keyword counts from the current chunks stored before them', async () => {
    const knex = await databases.init(id);
    await knex.migrate.up({
      ...knowledgeMigrationConfig,
      name: '20270105100000_knowledge.js',
    });
    const chunk = (
      cid: string,
      industry: string,
      keywords: string[],
      versionTo: number | null = null,
    ) => ({
      id: cid,
      industry,
      source_id: 's1',
      document_id: 'd1',
      position: 0,
      text: 'hello',
      content_hash: 'h',
      keywords: JSON.stringify(keywords),
      embedding: Buffer.alloc(8),
      model_id: 'm',
      version_from: 1,
      version_to: versionTo,
    });
    await knex('pp_knowledge_chunks').insert([
      chunk('c1', 'sales', ['quota', 'pipeline review']),
      chunk('c2', 'sales', ['quota', 'quota']),
      chunk('c3', 'sales', ['quota'], 2), // ended: not counted
      chunk('c4', 'education', ['syllabus']),
    ]);
    await knex.migrate.latest(knowledgeMigrationConfig);
    const rows = await knex('pp_knowledge_keyword_counts').orderBy([
      'industry',
      'keyword',
    ]);
    expect(rows.map(r => [r.industry, r.keyword, Number(r.chunks)])).toEqual([
      ['education', 'syllabus', 1],
      ['sales', 'pipeline review', 1],
      ['sales', 'quota', 2],
    ]);
  });

  it('honours migrations.skip', async () => {
    const knex = await databases.init(id);
    await DatabaseKnowledgeStore.create({
      database: { getClient: async () => knex, migrations: { skip: true } },
    });
    expect(await knex.schema.hasTable('pp_knowledge_sources')).toBe(false);
    await DatabaseKnowledgeStore.create({
      database: { getClient: async () => knex },
    });
    expect(await knex.schema.hasTable('pp_knowledge_sources')).toBe(true);
  });
});
