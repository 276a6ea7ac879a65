import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { knowledgeTestApp } from './__testUtils__/knowledgeTestApp';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

/* A model change: chunks stored with another model id are embedded again by the job. */
describe.each(databases.eachSupportedId())('re-embedding (%s)', id => {
  it('embeds chunks of another model again, and search finds them by vector', async () => {
    const t = await knowledgeTestApp(await databases.init(id));
    const { body } = await t.post(
      '/industry-knowledge/sources',
      { industry: 'education', name: 'Notes', type: 'upload' },
      'Ina Industry',
    );
    await t.post(
      `/industry-knowledge/sources/${body.source.id}/upload`,
      {
        file_name: 'optics.txt',
        content_base64: Buffer.from(
          'Snell’s law relates the angles of incidence and refraction to the refractive indices.',
        ).toString('base64'),
      },
      'Ina Industry',
    );
    // as if an older embedder had written it
    await t
      .knex('pp_knowledge_chunks')
      .update({ model_id: 'old-model-v0', embedding: Buffer.alloc(8) });
    expect(await t.core.jobs.reembed()).toBe(1);
    expect(await t.core.jobs.reembed()).toBe(0);
    const row = await t.knex('pp_knowledge_chunks').first();
    expect(row.model_id).toBe('pp-hash-ngram-256-v1');
    const found = await t.post(
      '/industry-knowledge/education/search',
      { query: 'refraction angles', mode: 'vector' },
      'Ina Industry',
    );
    expect(found.body.results[0]?.title).toBe('optics.txt');
  });
});
