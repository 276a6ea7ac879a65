import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { dot, HashingEmbedder } from './Embedder';
import { OpenAiEmbedder } from './OpenAiEmbedder';
import { readEmbedder } from './readEmbedder';

interface Seen {
  url?: string;
  authorization?: string;
  body: any;
}

/** A local OpenAI-compatible server: embeds each input as [len, 1, 0, …] of `dim`, answers reversed. */
async function server(
  handler?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean,
) {
  const seen: Seen[] = [];
  const s = http.createServer((req, res) => {
    let raw = '';
    req.on('data', c => (raw += c));
    req.on('end', () => {
      if (handler?.(req, res)) return;
      const body = JSON.parse(raw);
      seen.push({
        url: req.url,
        authorization: req.headers.authorization,
        body,
      });
      const dim = body.model === 'wide' ? 8 : 4;
      const data = (body.input as string[]).map((text, index) => ({
        object: 'embedding',
        index,
        embedding: [text.length, 1, ...new Array(dim - 2).fill(0)],
      }));
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          object: 'list',
          data: data.reverse(),
          model: body.model,
        }),
      );
    });
  });
  await new Promise<void>(r => s.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/v1`;
  return {
    url,
    seen,
    close: () =>
      new Promise(r => {
        s.closeAllConnections();
        s.close(r);
      }),
  };
}

describe('OpenAiEmbedder', () => {
  it('posts batches to /embeddings with the key, keeps input order and normalises', async () => {
    const srv = await server();
    try {
      const e = new OpenAiEmbedder({
        url: `${srv.url}/`,
        model: 'tiny',
        dimension: 4,
        apiKey: 'sk-test',
        batchSize: 2,
      });
      expect(e.modelId).toBe('openai:tiny:4');
      const vs = await e.embed(['a', 'bbb', 'cc', 'dddd', 'e']);
      expect(srv.seen).toHaveLength(3);
      expect(srv.seen[0].url).toBe('/v1/embeddings');
      expect(srv.seen[0].authorization).toBe('Bearer sk-test');
      expect(srv.seen[0].body).toEqual({
        model: 'tiny',
        input: ['a', 'bbb'],
        encoding_format: 'float',
      });
      expect(vs.map(v => Math.round((v[0] / v[1]) * 10) / 10)).toEqual([
        1, 3, 2, 4, 1,
      ]);
      for (const v of vs) expect(dot(v, v)).toBeCloseTo(1, 5);
    } finally {
      await srv.close();
    }
  });

  it('says what went wrong: an error status, a wrong dimension, a timeout', async () => {
    const srv = await server((req, res) => {
      if (req.url === '/bad/embeddings') {
        res.statusCode = 401;
        res.end('{"error":{"message":"Incorrect API key"}}');
        return true;
      }
      if (req.url === '/slow/embeddings') return true; // never answers
      return false;
    });
    const base = srv.url.replace(/\/v1$/, '');
    try {
      await expect(
        new OpenAiEmbedder({
          url: `${base}/bad`,
          model: 'm',
          dimension: 4,
        }).embed(['x']),
      ).rejects.toThrow(/answered 401: .*Incorrect API key/);
      await expect(
        new OpenAiEmbedder({ url: srv.url, model: 'wide', dimension: 4 }).embed(
          ['x'],
        ),
      ).rejects.toThrow(/returned 8 dimensions where 4 are configured/);
      await expect(
        new OpenAiEmbedder({
          url: `${base}/slow`,
          model: 'm',
          dimension: 4,
          timeoutMs: 150,
        }).embed(['x']),
      ).rejects.toThrow(/did not answer within 150 ms/);
      await expect(
        new OpenAiEmbedder({
          url: 'http://127.0.0.1:1/v1',
          model: 'm',
          dimension: 4,
        }).embed(['x']),
      ).rejects.toThrow(/could not be reached/);
    } finally {
      await srv.close();
    }
  });
});

describe('readEmbedder', () => {
  it('defaults to the local hashing embedder, 256 dimensions', () => {
    const e = readEmbedder(new ConfigReader({}));
    expect(e).toBeInstanceOf(HashingEmbedder);
    expect(e.modelId).toBe('pp-hash-ngram-256-v1');
    expect(
      readEmbedder(
        new ConfigReader({
          pp: { knowledge: { embeddings: { dimension: 128 } } },
        }),
      ).dimension,
    ).toBe(128);
  });

  it('builds the OpenAI-compatible embedder from config, and refuses an incomplete one', async () => {
    const srv = await server();
    try {
      const e = readEmbedder(
        new ConfigReader({
          pp: {
            knowledge: {
              embeddings: {
                provider: 'openai',
                url: srv.url,
                model: 'tiny',
                dimension: 4,
                apiKey: 'k',
              },
            },
          },
        }),
      );
      expect(e.modelId).toBe('openai:tiny:4');
      expect(await e.embed(['ab'])).toHaveLength(1);
      expect(srv.seen[0].authorization).toBe('Bearer k');
    } finally {
      await srv.close();
    }
    expect(() =>
      readEmbedder(
        new ConfigReader({
          pp: { knowledge: { embeddings: { provider: 'openai', model: 'x' } } },
        }),
      ),
    ).toThrow(/needs model and dimension/);
    expect(() =>
      readEmbedder(
        new ConfigReader({
          pp: { knowledge: { embeddings: { provider: 'magic' } } },
        }),
      ),
    ).toThrow(/hashing or openai, not magic/);
  });
});
