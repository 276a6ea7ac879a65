import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { HttpSlaSources } from './sources';

/** A local stand-in for the catalog's `POST /entities/by-refs`. */
async function fakeCatalog(status = 200) {
  const calls: Array<{ url?: string; body: any; authorization?: string }> = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', c => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}');
      calls.push({
        url: req.url,
        body,
        authorization: req.headers.authorization,
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      const known: Record<string, object> = {
        'component:default/maths-tutor': {
          metadata: { name: 'maths-tutor', title: 'JEE Maths Tutor' },
        },
        'component:default/untitled-agent': {
          metadata: { name: 'untitled-agent' },
        },
      };
      res.end(
        JSON.stringify({
          items: (body.entityRefs ?? []).map((r: string) => known[r] ?? null),
        }),
      );
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/api/catalog`;
  const sources = new HttpSlaSources({
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    timeoutMs: 2000,
  });
  return { sources, calls, close: () => new Promise(r => server.close(r)) };
}

describe('HttpSlaSources.agentNames', () => {
  it('names agents by their catalog titles in one read; unknown and untitled ones are left out', async () => {
    const catalog = await fakeCatalog();
    try {
      const names = await catalog.sources.agentNames([
        'maths-tutor',
        'untitled-agent',
        'ghost-agent',
        'maths-tutor',
      ]);
      expect([...names]).toEqual([['maths-tutor', 'JEE Maths Tutor']]);
      expect(catalog.calls).toEqual([
        {
          url: '/api/catalog/entities/by-refs',
          authorization: expect.stringMatching(/^Bearer /),
          body: {
            entityRefs: [
              'component:default/maths-tutor',
              'component:default/untitled-agent',
              'component:default/ghost-agent',
            ],
            fields: ['metadata.name', 'metadata.title'],
          },
        },
      ]);
      // nothing to name: no read
      expect((await catalog.sources.agentNames([])).size).toBe(0);
      expect(catalog.calls).toHaveLength(1);
    } finally {
      await catalog.close();
    }
  });

  it('a catalog that cannot be read names nobody (the callers fall back to the id in words)', async () => {
    const catalog = await fakeCatalog(503);
    try {
      expect((await catalog.sources.agentNames(['maths-tutor'])).size).toBe(0);
    } finally {
      await catalog.close();
    }
  });
});
