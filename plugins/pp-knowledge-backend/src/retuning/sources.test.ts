import { mockServices } from '@backstage/backend-test-utils';
import { CatalogRetuningAgents, HttpRetuningComplaints } from './sources';

describe('CatalogRetuningAgents', () => {
  const entity = {
    metadata: {
      name: 'ava-ads',
      title: 'Ava Ads',
      labels: { 'pp.waooaw.com/industry': 'marketing' },
      annotations: {
        'pp.waooaw.com/service-id': 'ava-ads-api',
        'pp.waooaw.com/evaluation-service':
          'Component:default/Ava-Ads-Evals, resource:qa/eval-bench',
      },
    },
  };

  it('names and places an agent from the catalog; unknown agents are undefined', async () => {
    const agents = new CatalogRetuningAgents({
      catalog: {
        getEntityByRef: async ref =>
          ref === 'component:default/ava-ads' ? entity : undefined,
      },
      auth: mockServices.auth(),
    });
    expect(await agents.get('ava-ads')).toEqual({
      agent_id: 'ava-ads',
      name: 'Ava Ads',
      industry: 'marketing',
      entity_ref: 'component:default/ava-ads',
      service_id: 'ava-ads-api',
      evaluation_reporters: [
        'component:default/ava-ads',
        'component:default/ava-ads-api',
        'component:default/ava-ads-evals',
        'resource:qa/eval-bench',
      ],
    });
    expect(await agents.get('nobody')).toBeUndefined();
  });

  it('falls back to the id when there is no catalog or it cannot be read', async () => {
    const fallback = {
      agent_id: 'lead-hunter',
      name: 'Lead hunter',
      industry: null,
      entity_ref: 'component:default/lead-hunter',
      service_id: 'lead-hunter',
      evaluation_reporters: ['component:default/lead-hunter'],
    };
    expect(await new CatalogRetuningAgents({}).get('lead-hunter')).toEqual(
      fallback,
    );
    const broken = new CatalogRetuningAgents({
      catalog: {
        getEntityByRef: async () => {
          throw new Error('catalog down');
        },
      },
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    expect(await broken.get('lead-hunter')).toEqual(fallback);
  });
});

describe('HttpRetuningComplaints', () => {
  const deps = (fetch: jest.Mock) => ({
    discovery: {
      getBaseUrl: async () => 'http://helpdesk',
      getExternalBaseUrl: async () => '',
    },
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    fetch: fetch as any,
  });
  const since = new Date('2026-12-04T10:00:00Z');

  it('counts the tickets about the agent since green took traffic, over every page', async () => {
    const pages = [
      {
        items: [
          {
            entity_ref: 'component:default/ava-ads',
            created_at: '2026-12-04T10:05:00Z',
          },
          {
            entity_ref: 'component:default/ava-ads',
            created_at: '2026-12-04T09:00:00Z',
          },
        ],
        next_cursor: 'c2',
      },
      {
        items: [
          {
            entity_ref: 'component:default/ava-ads',
            created_at: '2026-12-04T11:00:00Z',
          },
          {
            entity_ref: 'component:default/other',
            created_at: '2026-12-04T11:00:00Z',
          },
        ],
        next_cursor: null,
      },
    ];
    const fetch = jest.fn(
      async (_url: string) =>
        new Response(JSON.stringify(pages.shift()), { status: 200 }),
    );
    const c = new HttpRetuningComplaints(deps(fetch));
    expect(await c.since('component:default/ava-ads', since)).toBe(2);
    const first = new URL(fetch.mock.calls[0][0]);
    expect(first.pathname).toBe('/tickets');
    expect(first.searchParams.get('entity_ref')).toBe(
      'component:default/ava-ads',
    );
    expect(first.searchParams.get('created_from')).toBe(since.toISOString());
    expect(new URL(fetch.mock.calls[1][0]).searchParams.get('cursor')).toBe(
      'c2',
    );
  });

  it('a helpdesk that cannot be read gives no figure (the gate is inconclusive)', async () => {
    const c = new HttpRetuningComplaints(
      deps(jest.fn(async () => new Response('{}', { status: 503 }))),
    );
    expect(await c.since('component:default/ava-ads', since)).toBeUndefined();
    const down = new HttpRetuningComplaints(
      deps(
        jest.fn(async () => {
          throw new Error('ECONNREFUSED');
        }),
      ),
    );
    expect(
      await down.since('component:default/ava-ads', since),
    ).toBeUndefined();
  });
});
