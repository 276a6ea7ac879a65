import { ResponseError } from '@backstage/errors';
import { describeError } from '../describeError';
import {
  PpHttpClient,
  parseMaxAge,
  ppQueryString,
  ppResponseError,
} from './PpHttpClient';

const baseUrl = 'http://localhost:7007/api/pp-thing';

function json(status: number, body: unknown, headers = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText: ({ 200: 'OK', 400: 'Bad Request', 404: 'Not Found' } as any)[
      status
    ],
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** What the call rejects with; fails the test when it resolves. */
async function rejection(call: Promise<unknown>): Promise<any> {
  try {
    await call;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

describe('PpHttpClient', () => {
  const fetch = jest.fn() as jest.MockedFunction<typeof globalThis.fetch>;
  const discoveryApi = { getBaseUrl: jest.fn(async () => baseUrl) };
  const http = new PpHttpClient({
    pluginId: 'pp-thing',
    discoveryApi,
    fetchApi: { fetch },
  });

  beforeEach(() => {
    fetch.mockReset();
    discoveryApi.getBaseUrl.mockClear();
  });

  it("builds the URL from the plugin's base URL, leaving out empty filters", async () => {
    fetch.mockResolvedValue(json(200, { items: [] }));
    await expect(
      http.request('GET', '/things/a%2Fb', {
        query: {
          status: ['open', 'in_progress'],
          priority: [],
          q: '',
          owner: undefined,
          team: null,
          limit: 25,
          archived: false,
          search: 'ann lee',
        },
      }),
    ).resolves.toEqual({ items: [] });
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('pp-thing');
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(
      `${baseUrl}/things/a%2Fb?status=open%2Cin_progress&limit=25&archived=false&search=ann+lee`,
    );
    // every GET revalidates the browser's copy (a 304 when unchanged)
    expect(init).toEqual({ method: 'GET', cache: 'no-cache' });
  });

  it('sends a body as JSON without its undefined fields', async () => {
    fetch.mockResolvedValue(json(201, { id: 't1' }));
    await expect(
      http.request('POST', '/things', { body: { name: 'x', note: undefined } }),
    ).resolves.toEqual({ id: 't1' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${baseUrl}/things`);
    expect(init).toEqual({
      method: 'POST',
      body: '{"name":"x"}',
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('sends extra headers (an Idempotency-Key) with the JSON body', async () => {
    fetch.mockResolvedValue(json(202, { ok: true }));
    await http.request('POST', '/things/1/cancel', {
      body: { reason: 'because' },
      headers: { 'Idempotency-Key': 'k-1' },
    });
    expect(fetch.mock.calls[0][1]).toEqual({
      method: 'POST',
      body: '{"reason":"because"}',
      headers: {
        'Idempotency-Key': 'k-1',
        'Content-Type': 'application/json',
      },
    });
  });

  it('resolves undefined for a 204 and for an empty 200', async () => {
    fetch.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(http.request('DELETE', '/things/1')).resolves.toBeUndefined();
    fetch.mockResolvedValueOnce(new Response('', { status: 200 }));
    await expect(
      http.request('POST', '/things/1/ping'),
    ).resolves.toBeUndefined();
  });

  it('revalidates cached GETs every time and returns the max-age', async () => {
    fetch.mockResolvedValue(
      json(200, { ok: true }, { 'cache-control': 'private, max-age=30' }),
    );
    await expect(http.cached('/overview', { window: '7d' })).resolves.toEqual({
      data: { ok: true },
      maxAgeSeconds: 30,
    });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${baseUrl}/overview?window=7d`);
    expect(init).toEqual({ method: 'GET', cache: 'no-cache' });

    fetch.mockResolvedValue(json(200, { ok: true }));
    await expect(http.cached('/overview')).resolves.toEqual({
      data: { ok: true },
      maxAgeSeconds: null,
    });
  });

  it('hands back the raw response for non-JSON answers', async () => {
    fetch.mockResolvedValue(new Response('a,b\n1,2', { status: 200 }));
    const response = await http.fetch('GET', '/export.csv');
    await expect(response.text()).resolves.toBe('a,b\n1,2');
  });

  it("throws a ResponseError with the server's name and message of Backstage's error body", async () => {
    fetch.mockResolvedValue(
      json(400, {
        error: { name: 'InputError', message: 'The admin role is exclusive' },
        request: { method: 'POST', url: '/users' },
        response: { statusCode: 400 },
      }),
    );
    const error = await rejection(http.request('POST', '/users', { body: {} }));
    expect(ResponseError.is(error)).toBe(true);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.cause.name).toBe('InputError');
    expect(error.cause.message).toBe('The admin role is exclusive');
    expect(describeError(error)).toBe('The admin role is exclusive');
  });

  it("reads the bare { error } body (the /pp/v1 404) as the server's error too", async () => {
    fetch.mockResolvedValue(
      json(404, {
        error: {
          name: 'NotFoundError',
          message: 'No Platform Portal endpoint GET /pp/v1/nope',
        },
      }),
    );
    const error = await rejection(http.request('GET', '/nope'));
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(error.statusText).toBe('Not Found');
    expect(error.cause.name).toBe('NotFoundError');
    expect(error.cause.message).toBe(
      'No Platform Portal endpoint GET /pp/v1/nope',
    );
    expect(error.body.response).toEqual({ statusCode: 404 });
  });

  it('keeps a body that is not a Backstage error in the message', async () => {
    fetch.mockResolvedValue(
      new Response('<html>bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': 'text/html' },
      }),
    );
    const error = await rejection(http.request('GET', '/things'));
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(502);
    expect(error.cause.message).toBe(
      'Request failed with status 502 Bad Gateway, <html>bad gateway</html>',
    );

    const noBody = await ppResponseError(
      new Response(null, { status: 403, statusText: 'Forbidden' }),
    );
    expect(noBody.statusCode).toBe(403);
    expect(noBody.cause.message).toBe(
      'Request failed with status 403 Forbidden',
    );
  });

  it('rejects with what fetch itself rejects with (network down)', async () => {
    fetch.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(http.request('GET', '/things')).rejects.toThrow(
      'Failed to fetch',
    );
  });
});

describe('ppQueryString', () => {
  it('is empty when no filter is set', () => {
    expect(ppQueryString()).toBe('');
    expect(ppQueryString({ a: undefined, b: '', c: [] })).toBe('');
    expect(ppQueryString({ a: 0 })).toBe('?a=0');
  });
});

describe('parseMaxAge', () => {
  it('reads max-age', () => {
    expect(parseMaxAge('private, max-age=30')).toBe(30);
    expect(parseMaxAge('max-age=5')).toBe(5);
    expect(parseMaxAge('s-maxage=10')).toBeNull();
    expect(parseMaxAge('no-cache')).toBeNull();
    expect(parseMaxAge(null)).toBeNull();
  });
});
