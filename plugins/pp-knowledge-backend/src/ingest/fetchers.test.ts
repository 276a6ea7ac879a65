import fs from 'node:fs';
import path from 'node:path';
import { fetchApi, recordsOfJson } from './api';
import { SourceFetchError } from './errors';
import { guardedLookup } from './http';
import { fetchRss } from './rss';
import { startTestServer } from './testUtils';
import type { FetchOptions } from './types';

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');

const opts: FetchOptions = {
  timeoutMs: 2000,
  maxBytes: 100_000,
  allowPrivateNetworks: true,
};

let server: Awaited<ReturnType<typeof startTestServer>>;
let lastHeaders: Record<string, string | string[] | undefined> = {};

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    lastHeaders = req.headers;
    const url = new URL(req.url!, 'http://x');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    switch (url.pathname) {
      case '/items':
        return json(200, {
          data: {
            items: [
              {
                id: 7,
                title: 'Lead scoring',
                body: '<p>Score leads by <em>fit</em> and intent.</p>',
                link: 'https://crm.example/a/7',
                created_at: 1764842400,
              },
              { id: 8, name: 'No body', summary: 'Only a summary' },
              { id: 7, title: 'duplicate id', content: 'dropped' },
              { id: 9, title: '', content: '' },
            ],
          },
        });
      case '/array':
        return json(200, ['plain string record', { title: 'T', text: 'x' }]);
      case '/object':
        return json(200, { total: 0 });
      case '/protected': {
        const auth = req.headers.authorization;
        const key = req.headers['x-api-key'];
        if (
          auth === 'Bearer tok-123' ||
          auth === `Basic ${Buffer.from('ann:pw:d').toString('base64')}` ||
          key === 'k-1'
        ) {
          return json(200, { items: [{ id: 'p', content: 'secret stuff' }] });
        }
        return json(401, { error: 'no' });
      }
      case '/redirect-out':
        res.writeHead(302, {
          location: `${server.url.replace('127.0.0.1', 'localhost')}/echo`,
        });
        return res.end();
      case '/echo':
        return json(200, {
          items: [
            { id: 'e', content: String(req.headers.authorization ?? 'none') },
          ],
        });
      case '/redirect-loop':
        res.writeHead(302, { location: '/redirect-loop' });
        return res.end();
      case '/500':
        res.writeHead(500, 'Internal Server Error');
        return res.end('boom');
      case '/404':
        res.writeHead(404, 'Not Found');
        return res.end();
      case '/slow':
        setTimeout(() => json(200, []), 1500);
        return undefined;
      case '/big':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(`[${'"x",'.repeat(30_000)}"x"]`);
      case '/big-chunked': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        for (let i = 0; i < 30_000; i++) res.write('"x",');
        return res.end('"x"]');
      }
      case '/html':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html>not json</html>');
      case '/rss':
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return res.end(fixture('feed-rss2.xml'));
      case '/atom':
        res.writeHead(200, { 'content-type': 'application/atom+xml' });
        return res.end(fixture('feed-atom.xml'));
      case '/latin1':
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return res.end(
          Buffer.from(
            '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>t</title><item><guid>c</guid><title>Caf\u00e9 cr\u00e8me</title><description>\u00a3 5</description></item></channel></rss>',
            'latin1',
          ),
        );
      case '/broken-xml':
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end('<rss><channel><item>');
      default:
        res.writeHead(404, 'Not Found');
        return res.end();
    }
  });
});
afterAll(() => server.close());

const api = (p: string, extra: object = {}) => ({
  url: `${server.url}${p}`,
  auth_type: 'none' as const,
  ...extra,
});

describe('fetchApi', () => {
  it('reads records at a JSON path, with default fields, HTML reduced and duplicates dropped', async () => {
    const records = await fetchApi(
      api('/items', { json_path: '$.data.items[*]' }),
      undefined,
      opts,
    );
    expect(records).toEqual([
      {
        external_id: '7',
        title: 'Lead scoring',
        content: 'Score leads by fit and intent.',
        url: 'https://crm.example/a/7',
        published_at: '2025-12-04T10:00:00.000Z',
      },
      {
        external_id: '8',
        title: 'No body',
        content: 'Only a summary',
        url: null,
        published_at: null,
      },
    ]);
    // the path to the array itself works too
    const same = await fetchApi(
      api('/items', { json_path: '$.data.items' }),
      undefined,
      opts,
    );
    expect(same.map(r => r.external_id)).toEqual(['7', '8']);
  });

  it('maps configured fields, dotted paths included', () => {
    const records = recordsOfJson(
      {
        results: [
          {
            key: 'a',
            attributes: { heading: 'H', html: 'B' },
            when: '2026-12-01',
          },
        ],
      },
      {
        json_path: '$.results[*]',
        fields: {
          id: 'key',
          title: 'attributes.heading',
          content: 'attributes.html',
          published_at: 'when',
        },
      },
      'here',
    );
    expect(records).toEqual([
      {
        external_id: 'a',
        title: 'H',
        content: 'B',
        url: null,
        published_at: '2026-12-01T00:00:00.000Z',
      },
    ]);
  });

  it('takes an array answer as the records, strings as content', async () => {
    const records = await fetchApi(api('/array'), undefined, opts);
    expect(records.map(r => [r.title, r.content])).toEqual([
      ['plain string record', 'plain string record'],
      ['T', 'x'],
    ]);
    expect(records[0].external_id).toMatch(/^sha256:[0-9a-f]{32}$/);
  });

  it('asks for a JSON path when the answer is no list', async () => {
    await expect(fetchApi(api('/object'), undefined, opts)).rejects.toThrow(
      /is not a list and has no "items" list: set a JSON path/,
    );
  });

  it.each([
    ['bearer', 'tok-123', {}],
    ['basic', 'ann:pw:d', {}],
    ['api_key_header', 'k-1', { header_name: 'X-API-Key' }],
  ] as const)('sends %s credentials', async (auth_type, credential, extra) => {
    const records = await fetchApi(
      api('/protected', { auth_type, ...extra }),
      credential,
      opts,
    );
    expect(records[0].content).toBe('secret stuff');
  });

  it('explains a refused credential, a missing one and a missing header name', async () => {
    const err = await fetchApi(
      api('/protected', { auth_type: 'bearer' }),
      'wrong',
      opts,
    ).catch(e => e);
    expect(err).toBeInstanceOf(SourceFetchError);
    expect(err.remoteStatus).toBe(401);
    expect(err.message).toBe(
      `The API at ${server.url}/protected answered 401 Unauthorized: check the credential and the authentication type`,
    );
    await expect(
      fetchApi(api('/protected', { auth_type: 'bearer' }), undefined, opts),
    ).rejects.toThrow(
      'The source uses bearer authentication but has no credential: enter one',
    );
    await expect(
      fetchApi(api('/protected', { auth_type: 'api_key_header' }), 'k', opts),
    ).rejects.toThrow(/needs connection.header_name/);
    await expect(
      fetchApi(api('/protected', { auth_type: 'basic' }), 'nocolon', opts),
    ).rejects.toThrow(/user:password/);
  });

  it('does not send the credential to another origin after a redirect', async () => {
    const records = await fetchApi(
      api('/redirect-out', { auth_type: 'bearer' }),
      'tok-123',
      opts,
    );
    expect(records[0].content).toBe('none');
    expect(lastHeaders.authorization).toBeUndefined();
  });

  it('stops after 5 redirects', async () => {
    await expect(
      fetchApi(api('/redirect-loop'), undefined, opts),
    ).rejects.toThrow(/redirected more than 5 times/);
  });

  it.each([
    ['/500', /answered 500 Internal Server Error$/],
    ['/404', /answered 404 Not Found: check the address$/],
  ])('explains %s', async (p, message) => {
    await expect(fetchApi(api(p), undefined, opts)).rejects.toThrow(message);
  });

  it('gives up after the timeout', async () => {
    const started = Date.now();
    await expect(
      fetchApi(api('/slow'), undefined, { ...opts, timeoutMs: 200 }),
    ).rejects.toThrow(
      `The API at ${server.url}/slow did not answer within 200 ms`,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it.each(['/big', '/big-chunked'])(
    'refuses an oversize body (%s)',
    async p => {
      await expect(fetchApi(api(p), undefined, opts)).rejects.toThrow(
        `The API at ${server.url}${p} sent more than 97.7 KB, the most a source may answer`,
      );
    },
  );

  it('explains an answer that is not JSON', async () => {
    await expect(fetchApi(api('/html'), undefined, opts)).rejects.toThrow(
      /^The API at http:\/\/127\.0\.0\.1:\d+\/html did not answer JSON \(text\/html\): Unexpected token/,
    );
  });

  it('explains a refused connection', async () => {
    const closed = await startTestServer(() => {});
    await closed.close();
    await expect(
      fetchApi({ url: `${closed.url}/x`, auth_type: 'none' }, undefined, opts),
    ).rejects.toThrow(/could not be reached: the connection was refused/);
  });

  it('refuses private and local targets unless allowed', async () => {
    const guarded = { ...opts, allowPrivateNetworks: false };
    await expect(fetchApi(api('/items'), undefined, guarded)).rejects.toThrow(
      '127.0.0.1 is a private or local network address; sources must be on the public internet',
    );
    await expect(
      fetchApi(
        {
          url: server.url.replace('127.0.0.1', 'localhost'),
          auth_type: 'none',
        },
        undefined,
        guarded,
      ),
    ).rejects.toThrow('localhost is this server itself');
    await expect(
      fetchApi(
        { url: 'http://169.254.169.254/latest/meta-data', auth_type: 'none' },
        undefined,
        guarded,
      ),
    ).rejects.toThrow(
      /169\.254\.169\.254 is a private or local network address/,
    );
    await expect(
      fetchApi({ auth_type: 'none' }, undefined, opts),
    ).rejects.toThrow('An api source needs connection.url');
  });

  it('checks every address a name resolves to, where the connection is made', async () => {
    const fakeResolve = ((_host: string, _o: unknown, cb: Function) =>
      cb(null, [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ])) as any;
    const lookup = (allow: boolean) =>
      new Promise<{ err: Error | null; addresses: unknown }>(resolve =>
        guardedLookup(allow, fakeResolve)(
          'rebind.example',
          { all: true },
          (err, addresses) => resolve({ err, addresses }),
        ),
      );
    const refused = await lookup(false);
    expect(refused.err?.message).toBe(
      'rebind.example resolves to 10.0.0.7, a private or local network address; sources must be on the public internet',
    );
    const allowed = await lookup(true);
    expect(allowed.err).toBeNull();
    expect(allowed.addresses).toHaveLength(2);
  });

  it('uses an injected fetch', async () => {
    const fakeFetch = jest.fn(
      async () =>
        new Response(JSON.stringify([{ id: 1, content: 'c' }]), {
          status: 200,
        }),
    );
    const records = await fetchApi(
      { url: 'http://127.0.0.1:9/x', auth_type: 'bearer' },
      't',
      { ...opts, fetch: fakeFetch as unknown as typeof fetch },
    );
    expect(records).toHaveLength(1);
    expect((fakeFetch.mock.calls[0] as any)[1].headers.authorization).toBe(
      'Bearer t',
    );
  });
});

describe('fetchRss', () => {
  it('reads RSS 2.0', async () => {
    const records = await fetchRss(
      { url: `${server.url}/rss`, auth_type: 'none' },
      undefined,
      opts,
    );
    expect(records).toEqual([
      {
        external_id: 'post-1',
        title: 'Search ads get broad match & smart bidding',
        content:
          'Broad match now pairs with smart bidding.\n\nSecond paragraph.',
        url: 'https://example.com/posts/1',
        published_at: '2026-12-01T09:30:00.000Z',
      },
      {
        external_id: 'https://example.com/posts/2',
        title: 'Email open rates after privacy changes',
        content: 'Open rates are no longer a reliable metric.',
        url: 'https://example.com/posts/2',
        published_at: '2026-12-02T10:00:00.000Z',
      },
    ]);
  });

  it('reads Atom', async () => {
    const records = await fetchRss(
      { url: `${server.url}/atom`, auth_type: 'none' },
      undefined,
      opts,
    );
    expect(records).toEqual([
      {
        external_id: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
        title: 'Spaced repetition in the classroom',
        content: 'Review after one day, then three, then a week.',
        url: 'https://school.example/notes/spaced',
        published_at: '2026-12-03T18:30:02.000Z',
      },
      {
        external_id: 'urn:uuid:2',
        title: 'Formative assessment',
        content: 'Checking understanding while teaching.',
        url: 'https://school.example/notes/formative',
        published_at: '2026-12-02T08:00:00.000Z',
      },
    ]);
  });

  it('decodes a feed in its declared charset', async () => {
    const records = await fetchRss(
      { url: `${server.url}/latin1`, auth_type: 'none' },
      undefined,
      opts,
    );
    expect(records.map(r => [r.title, r.content])).toEqual([
      ['Café crème', '£ 5'],
    ]);
  });

  it('explains invalid XML and answers that are no feed', async () => {
    await expect(
      fetchRss(
        { url: `${server.url}/broken-xml`, auth_type: 'none' },
        undefined,
        opts,
      ),
    ).rejects.toThrow(
      /^The feed at http:\/\/127\.0\.0\.1:\d+\/broken-xml is not valid RSS or Atom: /,
    );
    await expect(
      fetchRss(
        { url: `${server.url}/html`, auth_type: 'none' },
        undefined,
        opts,
      ),
    ).rejects.toThrow(/is not valid RSS or Atom/);
    await expect(
      fetchRss(
        { url: `${server.url}/404`, auth_type: 'none' },
        undefined,
        opts,
      ),
    ).rejects.toThrow(
      `The feed at ${server.url}/404 answered 404 Not Found: check the address`,
    );
  });
});
