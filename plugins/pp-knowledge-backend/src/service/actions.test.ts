import { mockCredentials } from '@backstage/backend-test-utils';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { knowledgeTestApp } from './__testUtils__/knowledgeTestApp';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

/* The MCP tools over the same commands as the routes: same permissions, same answers. */
describe.each(databases.eachSupportedId())('knowledge actions (%s)', id => {
  it('search, sources, runs and diff; search denied to a viewer', async () => {
    const t = await knowledgeTestApp(await databases.init(id));
    const as = (name: string) =>
      mockCredentials.service(`pp-principal:${t.test.userIds[name]}`);
    expect([...t.actions.keys()].sort()).toEqual([
      'pp-knowledge-diff',
      'pp-knowledge-runs-list',
      'pp-knowledge-search',
      'pp-knowledge-sources-list',
    ]);
    const { body } = await t.post(
      '/industry-knowledge/sources',
      { industry: 'marketing', name: 'Guide', type: 'upload' },
      'Ina Industry',
    );
    await t.post(
      `/industry-knowledge/sources/${body.source.id}/upload`,
      {
        file_name: 'seo.md',
        content_base64: Buffer.from(
          '# SEO\n\nInternal links help crawlers find deep pages.',
        ).toString('base64'),
      },
      'Ina Industry',
    );
    const call = (name: string, input: object, who: string) =>
      t.actions.get(name).action({ input, credentials: as(who) });

    const sources = await call(
      'pp-knowledge-sources-list',
      { industry: 'marketing' },
      'Vik Viewer',
    );
    expect(sources.output.items.map((s: any) => s.name)).toEqual(['Guide']);
    const runs = await call(
      'pp-knowledge-runs-list',
      { source_id: body.source.id },
      'Vik Viewer',
    );
    expect(runs.output.items[0]).toMatchObject({
      trigger: 'upload',
      status: 'succeeded',
    });
    const diff = await call(
      'pp-knowledge-diff',
      { industry: 'marketing' },
      'Vik Viewer',
    );
    expect(diff.output).toMatchObject({
      embeddings_added: 1,
      change_percent: 100,
    });
    const found = await call(
      'pp-knowledge-search',
      {
        industry: 'marketing',
        query: 'internal links crawlers',
        limit: 5,
        mode: 'hybrid',
      },
      'Ina Industry',
    );
    expect(found.output.results[0]).toMatchObject({ source_name: 'Guide' });
    await expect(
      call(
        'pp-knowledge-search',
        { industry: 'marketing', query: 'links', limit: 5, mode: 'hybrid' },
        'Vik Viewer',
      ),
    ).rejects.toThrow();
  });
});
