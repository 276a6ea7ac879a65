import { ResponseError } from '@backstage/errors';

/**
 * The part of Backstage's `DiscoveryApi` the client uses (`@backstage/core-plugin-api` or
 * `@backstage/frontend-plugin-api`; pass the app's own instance).
 *
 * @public
 */
export interface PpDiscoveryLike {
  getBaseUrl(pluginId: string): Promise<string>;
}

/**
 * The part of Backstage's `FetchApi` the client uses: its `fetch` adds the user's token.
 *
 * @public
 */
export interface PpFetchLike {
  fetch: typeof fetch;
}

/**
 * A query parameter. `undefined`, `null`, `''` and `[]` mean "any" and are left out; arrays are
 * joined with commas (`status=open,in_progress`).
 *
 * @public
 */
export type PpQueryValue =
  | string
  | number
  | boolean
  | ReadonlyArray<string>
  | null
  | undefined;

/** @public */
export type PpHttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** @public */
export interface PpRequestOptions {
  query?: Record<string, PpQueryValue>;
  /** Sent as JSON; `JSON.stringify` drops undefined fields, so unset optional fields are not sent. */
  body?: unknown;
  /**
   * The browser's HTTP cache mode. `'no-cache'` makes the browser revalidate its copy with the
   * server's ETag (If-None-Match → 304) on every call instead of reusing it for max-age.
   */
  cache?: RequestCache;
  /** Extra request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
}

/**
 * A GET answer with the server's `Cache-Control: max-age` (for pollers).
 *
 * @public
 */
export interface PpCachedResult<T> {
  data: T;
  /** null when the server sent no max-age. */
  maxAgeSeconds: number | null;
}

/**
 * `?a=1&b=x%2Cy` for a query (empty string when nothing is left), leaving out empty filters.
 *
 * @public
 */
export function ppQueryString(
  query: Record<string, PpQueryValue> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const text = Array.isArray(value) ? value.join(',') : value;
    if (text !== undefined && text !== null && text !== '') {
      params.set(key, String(text));
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/**
 * `max-age=N` of a Cache-Control header, or null.
 *
 * @public
 */
export function parseMaxAge(header: string | null): number | null {
  const m = header ? /(?:^|,)\s*max-age=(\d+)/i.exec(header) : null;
  return m ? Number(m[1]) : null;
}

/**
 * The `ResponseError` for a failed answer (consumes its body). Backstage's full error body
 * (`{ error, response }`) and the bare `{ error: { name, message } }` that PP routes and the
 * `/pp/v1` fallback send both give `error.cause` the server's name and message, the text
 * `describeError` shows people; any other body is kept as Backstage keeps it.
 *
 * @public
 */
export async function ppResponseError(
  response: Response,
): Promise<ResponseError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // no body to read: Backstage's "Request failed with status N"
  }
  const headers = new Headers(response.headers);
  const bare = bareErrorBody(text);
  if (bare) {
    text = JSON.stringify({
      ...bare,
      response: { statusCode: response.status },
    });
    headers.set('content-type', 'application/json');
  }
  return ResponseError.fromResponse({
    headers,
    ok: response.ok,
    redirected: response.redirected,
    status: response.status,
    statusText: response.statusText,
    type: response.type,
    url: response.url,
    text: async () => text,
  });
}

/** A JSON `{ error: { name, message } }` without Backstage's `response` part, else undefined. */
function bareErrorBody(
  text: string,
): { error: { name: string; message: string } } | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const body = JSON.parse(text);
    if (
      body &&
      typeof body.error?.name === 'string' &&
      typeof body.error?.message === 'string' &&
      !body.response
    ) {
      return body;
    }
  } catch {
    // not JSON: left to Backstage's own wording
  }
  return undefined;
}

/**
 * The one HTTP client of the PP frontend plugins: builds `<plugin base URL><path><query>` with the
 * discovery API, sends through the fetch API (which adds the user's token), sends bodies as JSON,
 * throws a `ResponseError` (see {@link ppResponseError}) for every non-2xx answer and parses JSON.
 * A plugin's `*Client` class only names its routes.
 *
 * @public
 */
export class PpHttpClient {
  private readonly pluginId: string;
  private readonly discoveryApi: PpDiscoveryLike;
  private readonly fetchApi: PpFetchLike;

  constructor(options: {
    pluginId: string;
    discoveryApi: PpDiscoveryLike;
    fetchApi: PpFetchLike;
  }) {
    this.pluginId = options.pluginId;
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** The absolute URL of a path of the plugin's backend, with its query. */
  async url(path: string, query?: Record<string, PpQueryValue>) {
    const baseUrl = await this.discoveryApi.getBaseUrl(this.pluginId);
    return `${baseUrl}${path}${ppQueryString(query)}`;
  }

  /** Sends the request; resolves with the (2xx) response, rejects with a `ResponseError`. */
  async fetch(
    method: PpHttpMethod,
    path: string,
    options: PpRequestOptions = {},
  ): Promise<Response> {
    const init: RequestInit = { method };
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) {
      init.body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    if (Object.keys(headers).length > 0) init.headers = headers;
    // GETs revalidate the browser's copy every time (a 304 when unchanged): an answer's max-age
    // paces pollers, it never lets a read right after a write see the old data
    const cache = options.cache ?? (method === 'GET' ? 'no-cache' : undefined);
    if (cache) init.cache = cache;
    const response = await this.fetchApi.fetch(
      await this.url(path, options.query),
      init,
    );
    if (!response.ok) throw await ppResponseError(response);
    return response;
  }

  /** The answer's JSON; `undefined` for a 204 or an empty body. */
  async request<T>(
    method: PpHttpMethod,
    path: string,
    options: PpRequestOptions = {},
  ): Promise<T> {
    const response = await this.fetch(method, path, options);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * A GET revalidated with the server's ETag on every call (`cache: 'no-cache'`: a cheap 304
   * from the browser's HTTP cache, and a read right after a write sees the write), with the
   * answer's max-age for pollers to pace themselves.
   */
  async cached<T>(
    path: string,
    query?: Record<string, PpQueryValue>,
  ): Promise<PpCachedResult<T>> {
    const response = await this.fetch('GET', path, {
      query,
      cache: 'no-cache',
    });
    return {
      data: (await response.json()) as T,
      maxAgeSeconds: parseMaxAge(response.headers.get('cache-control')),
    };
  }
}
