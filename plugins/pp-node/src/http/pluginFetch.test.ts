import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ppAnswerSentence, ppPluginFetch } from './pluginFetch';

/** A local plugin that records what it was sent and answers as told. */
async function fakePlugin(answer: { status: number; body?: string }) {
  const seen: Array<{
    method?: string;
    url?: string;
    headers: any;
    body: string;
  }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body,
      });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const deps = {
    discovery: {
      getBaseUrl: async (id: string) => `http://127.0.0.1:${port}/api/${id}`,
      getExternalBaseUrl: async (id: string) =>
        `http://127.0.0.1:${port}/api/${id}`,
    },
    auth: mockServices.auth({ pluginId: 'pp-sla' }),
  };
  return { deps, seen, close: () => new Promise(r => server.close(r)) };
}

describe('ppPluginFetch', () => {
  it("calls the other plugin with this plugin's own token, JSON in and out", async () => {
    const p = await fakePlugin({ status: 201, body: '{"id":"s1"}' });
    try {
      const res = await ppPluginFetch(p.deps, 'pp-health', '/health/silences', {
        method: 'POST',
        body: { kind: 'maintenance' },
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id: 's1' });
      expect(p.seen).toEqual([
        expect.objectContaining({
          method: 'POST',
          url: '/api/pp-health/health/silences',
          body: '{"kind":"maintenance"}',
          headers: expect.objectContaining({
            // the mock auth's plugin token: this plugin (pp-sla) to the target (pp-health)
            authorization: expect.stringMatching(/^Bearer .*pp-sla.*pp-health/),
            'content-type': 'application/json',
            accept: 'application/json',
          }),
        }),
      ]);
      // a GET sends no body and no content type
      await ppPluginFetch(p.deps, 'pp-helpdesk', '/tickets?limit=1');
      expect(p.seen[1].method).toBe('GET');
      expect(p.seen[1].headers['content-type']).toBeUndefined();
    } finally {
      await p.close();
    }
  });

  it('gives up after the timeout (the deps override the call)', async () => {
    const server = http.createServer(() => {
      // never answers
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const deps = {
        discovery: mockServices.discovery(),
        auth: mockServices.auth(),
        fetch: (_url: any, init?: RequestInit) =>
          fetch(`http://127.0.0.1:${port}/`, init),
        timeoutMs: 100,
      };
      await expect(
        ppPluginFetch(deps, 'pp-health', '/x', { timeoutMs: 60_000 }),
      ).rejects.toThrow(/timeout|aborted/i);
    } finally {
      server.closeAllConnections();
      await new Promise(r => server.close(r));
    }
  });
});

describe('ppAnswerSentence', () => {
  it.each([
    [
      404,
      '{"error":{"name":"NotFoundError","message":"Ticket TKT-9 not found."}}',
      'Ticket TKT-9 not found (404)',
    ],
    [503, 'Service Unavailable', 'answered 503'],
    [500, '{"error":{}}', 'answered 500'],
  ])('%s %s → %s', async (status, body, sentence) => {
    expect(await ppAnswerSentence(new Response(body, { status }))).toBe(
      sentence,
    );
  });
});
