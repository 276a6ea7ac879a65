import { ConfigReader } from '@backstage/config';
import { randomBytes } from 'node:crypto';
import { CredentialVault } from './credentials';
import { fetchSource, readFetchOptions } from './fetchSource';
import { testConnection } from './testConnection';
import { startTestServer } from './testUtils';
import type { FetchOptions } from './types';

const fetchOptions: FetchOptions = {
  timeoutMs: 1000,
  maxBytes: 100_000,
  allowPrivateNetworks: true,
};
const vault = new CredentialVault(randomBytes(32), {
  env: { PP_KNOWLEDGE_TOKEN: 'tok' },
});
const deps = { fetchOptions, vault };

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer((req, res) => {
    if (req.url === '/items') {
      if (req.headers.authorization !== 'Bearer tok') {
        res.writeHead(403, 'Forbidden');
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          items: Array.from({ length: 5 }, (_, i) => ({
            id: i,
            title: `Item ${i}`,
            content: `${'word '.repeat(60)}end ${i}`,
          })),
        }),
      );
    } else if (req.url === '/empty') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    } else if (req.url === '/feed') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        '<rss version="2.0"><channel><title>t</title><item><title>One</title><description>First item</description></item></channel></rss>',
      );
    } else {
      res.writeHead(404, 'Not Found');
      res.end();
    }
  });
});
afterAll(() => server.close());

describe('testConnection', () => {
  it('reads an api source with a secret reference and samples three records', async () => {
    const result = await testConnection(
      {
        type: 'api',
        connection: { url: `${server.url}/items`, auth_type: 'bearer' },
        credential: 'secret:PP_KNOWLEDGE_TOKEN',
      },
      deps,
    );
    expect(result).toEqual({
      ok: true,
      message: expect.stringMatching(/^Read 5 records in \d+ ms$/),
      status_code: 200,
      duration_ms: expect.any(Number),
      records: 5,
      sample: [0, 1, 2].map(i => ({
        title: `Item ${i}`,
        snippet: expect.stringMatching(/^word word .*…$/),
      })),
    });
    expect(result.sample[0].snippet.length).toBeLessThanOrEqual(200);
  });

  it('reads a feed', async () => {
    const result = await testConnection(
      { type: 'rss', connection: { url: `${server.url}/feed` } },
      deps,
    );
    expect(result).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Read 1 record in \d+ ms$/),
      records: 1,
      sample: [{ title: 'One', snippet: 'First item' }],
    });
  });

  it('says when the answer holds no records', async () => {
    const result = await testConnection(
      {
        type: 'api',
        connection: { url: `${server.url}/empty`, auth_type: 'none' },
      },
      deps,
    );
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(
      /Read 0 records in \d+ ms: the answer holds no records with text; check the JSON path/,
    );
  });

  it('answers failures as results with the remote status', async () => {
    const forbidden = await testConnection(
      {
        type: 'api',
        connection: { url: `${server.url}/items`, auth_type: 'bearer' },
        credential: 'wrong',
      },
      deps,
    );
    expect(forbidden).toEqual({
      ok: false,
      message: `The API at ${server.url}/items answered 403 Forbidden: check the credential and the authentication type`,
      status_code: 403,
      duration_ms: expect.any(Number),
      records: null,
      sample: [],
    });
    const missingSecret = await testConnection(
      {
        type: 'api',
        connection: { url: `${server.url}/items`, auth_type: 'bearer' },
        credential: 'secret:PP_KNOWLEDGE_NOPE',
      },
      deps,
    );
    expect(missingSecret).toMatchObject({
      ok: false,
      status_code: null,
      message:
        "The secret PP_KNOWLEDGE_NOPE is not set in the backend's environment: set it, or enter the credential itself",
    });
    const privateTarget = await testConnection(
      {
        type: 'rss',
        connection: { url: `${server.url}/feed`, auth_type: 'none' },
      },
      {
        ...deps,
        fetchOptions: { ...fetchOptions, allowPrivateNetworks: false },
      },
    );
    expect(privateTarget).toMatchObject({
      ok: false,
      message: expect.stringMatching(/private or local network address/),
    });
    const noUrl = await testConnection({ type: 'api' }, deps);
    expect(noUrl).toMatchObject({
      ok: false,
      message: 'An api source needs connection.url, the address to read',
    });
  });

  it('has nothing to test for webhook and upload sources', async () => {
    for (const type of ['webhook', 'upload'] as const) {
      const result = await testConnection({ type }, deps);
      expect(result).toMatchObject({
        ok: true,
        records: null,
        status_code: null,
        sample: [],
      });
      expect(result.message).toMatch(/has nothing to connect to/);
    }
  });
});

describe('fetchSource', () => {
  it('fetches api and rss sources and refuses push types', async () => {
    const records = await fetchSource(
      {
        type: 'rss',
        connection: { url: `${server.url}/feed`, auth_type: 'none' },
      },
      fetchOptions,
    );
    expect(records).toHaveLength(1);
    await expect(
      fetchSource({ type: 'webhook', connection: null }, fetchOptions),
    ).rejects.toThrow(
      'A webhook source is not fetched: its records arrive when its sender posts them',
    );
    await expect(
      fetchSource({ type: 'upload', connection: null }, fetchOptions),
    ).rejects.toThrow(/An upload source is not fetched/);
  });
});

describe('readFetchOptions', () => {
  it('defaults to public networks only, 15 s and 10 MB', () => {
    expect(readFetchOptions(new ConfigReader({}))).toEqual({
      timeoutMs: 15_000,
      maxBytes: 10 * 1024 * 1024,
      allowPrivateNetworks: false,
    });
  });
  it('reads pp.knowledge.fetch and refuses nonsense', () => {
    expect(
      readFetchOptions(
        new ConfigReader({
          pp: {
            knowledge: {
              fetch: {
                allowPrivateNetworks: true,
                timeoutMs: 5000,
                maxBytes: 2048,
              },
            },
          },
        }),
      ),
    ).toEqual({ timeoutMs: 5000, maxBytes: 2048, allowPrivateNetworks: true });
    expect(() =>
      readFetchOptions(
        new ConfigReader({ pp: { knowledge: { fetch: { timeoutMs: 10 } } } }),
      ),
    ).toThrow(/timeoutMs must be 1000 to 120000 ms/);
  });
});
