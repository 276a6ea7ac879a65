import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { knowledgeTestApp } from '../service/__testUtils__/knowledgeTestApp';
import { createIngestPorts } from '../service/ingestPorts';
import { knowledgeDemoEnabled, seedDemoKnowledge } from './demoKnowledge';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

describe('knowledgeDemoEnabled', () => {
  it('follows pp.demo.enabled, can be turned off, refuses production', () => {
    const on = new ConfigReader({ pp: { demo: { enabled: true } } });
    expect(knowledgeDemoEnabled(on, {})).toBe(true);
    expect(knowledgeDemoEnabled(new ConfigReader({}), {})).toBe(false);
    expect(
      knowledgeDemoEnabled(
        new ConfigReader({
          pp: {
            demo: { enabled: true },
            knowledge: { demo: { enabled: false } },
          },
        }),
        {},
      ),
    ).toBe(false);
    expect(() => knowledgeDemoEnabled(on, { NODE_ENV: 'production' })).toThrow(
      /production/,
    );
  });
});

describe.each(databases.eachSupportedId())('demo knowledge (%s)', id => {
  it('one labelled upload source per industry with two versions, once', async () => {
    const t = await knowledgeTestApp(await databases.init(id), {
      ingest: createIngestPorts(
        mockServices.rootConfig({ data: {} }),
        mockServices.logger.mock(),
      ),
    });
    const seed = () =>
      seedDemoKnowledge({
        store: t.store,
        commands: t.core.commands,
        logger: mockServices.logger.mock(),
      });
    await seed();
    await seed();
    const sources = await t.knex('pp_knowledge_sources').select('*');
    expect(sources).toHaveLength(3);
    expect(sources.every(s => Boolean(s.demo) && s.type === 'upload')).toBe(
      true,
    );
    for (const industry of ['marketing', 'education', 'sales']) {
      const diff = (
        await t.get(`/industry-knowledge/${industry}/diff`, 'Vik Viewer')
      ).body;
      expect(diff.to.label).toBe('v2026-12-04-2');
      expect(diff).toMatchObject({
        embeddings_added: 1,
        embeddings_modified: 1,
        embeddings_removed: 1,
      });
    }
  });
});
