import { AddressInfo } from 'node:net';
import http from 'node:http';

/** One request the fake received. */
export interface FakeEsRequest {
  method: string;
  /** Decoded path without the query string, e.g. `/pp-logs-*\/_search`. */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON; for NDJSON (`_bulk`) the array of parsed lines; undefined when empty. */
  body: unknown;
}

/** What a handler answers: a JSON body and optionally a status (default 200). */
export interface FakeEsResponse {
  status?: number;
  body: unknown;
}

export type FakeEsHandler = (
  req: FakeEsRequest,
) => FakeEsResponse | Promise<FakeEsResponse>;

export interface FakeElasticsearch {
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  /** Every request, in order of arrival. */
  requests: FakeEsRequest[];
  /** Answers requests matching `method` and `path` (tested on the decoded path); the latest wins. */
  on(method: string, path: RegExp, handler: FakeEsHandler): void;
  close(): Promise<void>;
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes('ndjson')) {
    return raw
      .split('\n')
      .filter(line => line.trim() !== '')
      .map(line => JSON.parse(line));
  }
  return JSON.parse(raw);
}

/**
 * A local HTTP server speaking just enough Elasticsearch for the real `@elastic/elasticsearch`
 * client: it records requests and answers from registered handlers (404 otherwise), always with
 * the `x-elastic-product: Elasticsearch` header the client checks.
 */
export async function startFakeElasticsearch(): Promise<FakeElasticsearch> {
  const requests: FakeEsRequest[] = [];
  const handlers: Array<{
    method: string;
    path: RegExp;
    handler: FakeEsHandler;
  }> = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      let status = 200;
      let body: unknown;
      try {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const recorded: FakeEsRequest = {
          method: req.method ?? 'GET',
          path: decodeURIComponent(url.pathname),
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body: parseBody(
            Buffer.concat(chunks).toString('utf8'),
            req.headers['content-type'],
          ),
        };
        requests.push(recorded);
        const match = [...handlers]
          .reverse()
          .find(
            h => h.method === recorded.method && h.path.test(recorded.path),
          );
        if (match) {
          const answer = await match.handler(recorded);
          status = answer.status ?? 200;
          body = answer.body;
        } else {
          status = 404;
          body = {
            error: {
              type: 'fake_not_found',
              reason: `no handler for ${recorded.method} ${recorded.path}`,
            },
            status,
          };
        }
      } catch (e) {
        status = 500;
        body = { error: { type: 'fake_error', reason: String(e) }, status };
      }
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-elastic-product': 'Elasticsearch',
      });
      res.end(JSON.stringify(body ?? {}));
    });
  });

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    on(method, path, handler) {
      handlers.push({ method: method.toUpperCase(), path, handler });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(err => (err ? reject(err) : resolve()));
      }),
  };
}
