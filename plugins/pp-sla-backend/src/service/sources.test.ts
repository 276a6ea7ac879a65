import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { HttpSlaSources } from './sources';

const AGENTS = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'maths-tutor', title: 'JEE Maths Tutor' },
    spec: { type: 'ai-agent', lifecycle: 'production', owner: 'group:ai' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'untitled-agent' },
    spec: { type: 'ai-agent', lifecycle: 'production', owner: 'group:ai' },
  },
];

/** The plugin's sources with Backstage's catalog service mock holding two agents. */
function withCatalog(catalog = catalogServiceMock({ entities: AGENTS })) {
  const logger = mockServices.logger.mock();
  const sources = new HttpSlaSources({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    logger,
    catalog,
    timeoutMs: 2000,
  });
  return { sources, catalog, logger };
}

describe('HttpSlaSources.agentNames', () => {
  it('names agents by their catalog titles in one read, as the plugin itself; unknown and untitled ones are left out', async () => {
    const { sources, catalog } = withCatalog();
    const read = jest.spyOn(catalog, 'getEntitiesByRefs');
    const names = await sources.agentNames([
      'maths-tutor',
      'untitled-agent',
      'ghost-agent',
      'maths-tutor',
    ]);
    expect([...names]).toEqual([['maths-tutor', 'JEE Maths Tutor']]);
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith(
      {
        entityRefs: [
          'component:default/maths-tutor',
          'component:default/untitled-agent',
          'component:default/ghost-agent',
        ],
        fields: ['metadata.name', 'metadata.title'],
      },
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
    // nothing to name: no read
    expect((await sources.agentNames([])).size).toBe(0);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('a catalog that cannot be read names nobody and says so in the log (the callers fall back to the id in words)', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: async () => {
        throw new Error('catalog answered 503');
      },
    });
    const { sources, logger } = withCatalog(catalog);
    expect((await sources.agentNames(['maths-tutor'])).size).toBe(0);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('catalog answered 503'),
    );
  });
});
