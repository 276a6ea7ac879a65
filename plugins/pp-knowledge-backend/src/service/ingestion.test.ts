import { mockServices } from '@backstage/backend-test-utils';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { startTestServer } from '../ingest/testUtils';
import { knowledgeTestApp } from './__testUtils__/knowledgeTestApp';
import { createIngestPorts } from './ingestPorts';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const RSS = (items: Array<{ guid: string; title: string; body: string }>) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed</title>${items
    .map(
      i =>
        `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://example.com/${i.guid}</link><description>${i.body}</description></item>`,
    )
    .join('')}</channel></rss>`;

/*
 * The real ingest modules (src/ingest) against local HTTP servers: an api source (JSON with a JSON
 * path and a bearer credential) and an rss source, test connection, run now and search.
 */
describe.each(databases.eachSupportedId())('ingestion over HTTP (%s)', id => {
  let t: Awaited<ReturnType<typeof knowledgeTestApp>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let rssItems = [
    {
      guid: 'r1',
      title: 'Cold outreach',
      body: 'Personalised cold emails to CFOs book more meetings.',
    },
    {
      guid: 'r2',
      title: 'Renewals',
      body: 'Start renewal talks ninety days before the contract ends.',
    },
  ];
  const seen: string[] = [];

  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      seen.push(String(req.headers.authorization ?? ''));
      if (req.url === '/api/items') {
        if (req.headers.authorization !== 'Bearer s3cret-token') {
          res.writeHead(401).end('{}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            data: {
              items: [
                {
                  id: 1,
                  title: 'Lead scoring',
                  body: 'Score leads by intent signals such as pricing page visits.',
                },
                {
                  id: 2,
                  title: 'Demo scripts',
                  body: 'A demo follows the buyer’s three main problems, not the menu.',
                },
              ],
            },
          }),
        );
        return;
      }
      if (req.url === '/feed.xml') {
        res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(RSS(rssItems));
        return;
      }
      res.writeHead(404).end();
    });
    t = await knowledgeTestApp(await databases.init(id), {
      ingest: createIngestPorts(
        mockServices.rootConfig({
          data: {
            pp: {
              knowledge: {
                credentialsKey: Buffer.alloc(32, 3).toString('base64'),
                fetch: { allowPrivateNetworks: true, timeoutMs: 3000 },
              },
            },
          },
        }),
        mockServices.logger.mock(),
      ),
    });
  });
  afterAll(() => server?.close());

  it('an api source: test connection, run, search', async () => {
    const body = {
      industry: 'sales',
      name: 'CRM API',
      type: 'api',
      connection: {
        url: `${server.url}/api/items`,
        auth_type: 'bearer',
        json_path: '$.data.items[*]',
        fields: { content: 'body' },
      },
      credential: 's3cret-token',
    };
    const test = await t.post(
      '/industry-knowledge/sources/test-connection',
      body,
      'Ina Industry',
    );
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ ok: true, records: 2 });
    expect(test.body.sample[0].title).toBe('Lead scoring');
    const wrong = await t.post(
      '/industry-knowledge/sources/test-connection',
      { ...body, credential: 'nope' },
      'Ina Industry',
    );
    expect(wrong.body).toMatchObject({ ok: false, status_code: 401 });
    expect(
      (
        await t.post(
          '/industry-knowledge/sources/test-connection',
          body,
          'Vik Viewer',
        )
      ).status,
    ).toBe(403);

    const created = await t.post(
      '/industry-knowledge/sources',
      body,
      'Ina Industry',
    );
    expect(created.status).toBe(201);
    const run = await t.post(
      `/industry-knowledge/sources/${created.body.source.id}/run`,
      {},
      'Ina Industry',
    );
    expect(run.body).toMatchObject({ status: 'succeeded', records_added: 2 });
    const found = await t.post(
      '/industry-knowledge/sales/search',
      { query: 'pricing page intent' },
      'Ina Industry',
    );
    expect(found.body.results[0]).toMatchObject({
      title: 'Lead scoring',
      source_name: 'CRM API',
    });
  });

  it('an rss source: a removed item leaves the next version', async () => {
    const { body } = await t.post(
      '/industry-knowledge/sources',
      {
        industry: 'sales',
        name: 'Sales blog',
        type: 'rss',
        connection: { url: `${server.url}/feed.xml` },
      },
      'Ina Industry',
    );
    const path = `/industry-knowledge/sources/${body.source.id}/run`;
    expect((await t.post(path, {}, 'Ina Industry')).body).toMatchObject({
      status: 'succeeded',
      records_added: 2,
    });
    rssItems = rssItems.slice(0, 1);
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    expect((await t.post(path, {}, 'Ina Industry')).body).toMatchObject({
      status: 'succeeded',
      records_removed: 1,
    });
    const diff = await t.get('/industry-knowledge/sales/diff', 'Vik Viewer');
    expect(diff.body).toMatchObject({
      embeddings_removed: 1,
      embeddings_added: 0,
    });
  });

  it('a private address is refused unless allowed', async () => {
    const guarded = createIngestPorts(
      mockServices.rootConfig(),
      mockServices.logger.mock(),
    );
    const result = await guarded.testConnection(
      {
        type: 'rss',
        connection: { url: `${server.url}/feed.xml`, auth_type: 'none' },
      },
      guarded.fetchOptions,
    );
    expect(result.ok).toBe(false);
    expect(result.duration_ms).toBeLessThan(8000);
  });
});
