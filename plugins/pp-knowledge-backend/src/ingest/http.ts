import { InputError } from '@backstage/errors';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { SourceFetchError } from './errors';
import { assertFetchableUrl, assertPublicAddress } from './ssrf';
import type { FetchOptions } from './types';

/*
 * One guarded HTTP GET for the fetchers. node:http/https rather than the global fetch because
 * only they let the SSRF guard see the address actually connected to (a `lookup` hook): the
 * check and the connection use the same resolution, so DNS rebinding cannot slip past it.
 *
 * - One deadline (`timeoutMs`) for the whole exchange: connect, redirects and the body.
 * - Redirects: at most 5, each hop checked like the first; credentials are not sent to another
 *   origin than the one they were given for.
 * - The body is capped at `maxBytes` (by Content-Length up front and by counting while reading):
 *   the fetch fails rather than storing a truncated document.
 * - No Accept-Encoding is sent, so servers answer uncompressed (no zip-bomb concerns).
 * - Every failure is a sentence naming the source, e.g. "The feed at https://… answered 404 Not
 *   Found".
 * With `options.fetch` (tests, special set-ups) that function is used instead; the URL's host is
 * then resolved and checked once before the request.
 */

/** What an answer looks like to the fetchers. */
export interface HttpAnswer {
  status: number;
  contentType: string;
  body: Buffer;
  /** The final URL, after redirects. */
  url: string;
}

const MAX_REDIRECTS = 5;
const USER_AGENT = 'PlatformPortal-Knowledge/1.0 (+ingestion)';

/** `10 MB`, `512 KB`, `300 bytes`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

const formatMs = (ms: number) =>
  ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;

/**
 * The `lookup` of every connection: resolves all addresses of a name and refuses the connection
 * when one of them is private (unless allowed). `resolve` is replaceable for tests.
 */
export function guardedLookup(
  allowPrivateNetworks: boolean,
  resolve: typeof dnsLookup = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) {
        callback(err, '', 0);
        return;
      }
      const list = addresses as LookupAddress[];
      try {
        for (const a of list) {
          assertPublicAddress(a.address, hostname, allowPrivateNetworks);
        }
      } catch (e) {
        callback(e as NodeJS.ErrnoException, '', 0);
        return;
      }
      if ((options as { all?: boolean }).all) {
        (callback as unknown as (e: null, a: LookupAddress[]) => void)(
          null,
          list,
        );
      } else {
        callback(null, list[0].address, list[0].family);
      }
    });
  };
}

/** A network error as a sentence. */
function describeNetworkError(what: string, url: string, error: any): Error {
  if (error instanceof InputError || error instanceof SourceFetchError) {
    return error;
  }
  const code: string | undefined = error?.code;
  const host = (() => {
    try {
      return new URL(url).hostname;
    } catch {
      return url;
    }
  })();
  let reason: string;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      reason = `its host name ${host} does not resolve`;
      break;
    case 'ECONNREFUSED':
      reason = 'the connection was refused';
      break;
    case 'ECONNRESET':
      reason = 'the connection was reset';
      break;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      reason = `${host} cannot be reached from this server`;
      break;
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      reason = `its TLS certificate is not trusted (${code})`;
      break;
    default:
      reason = error?.message ?? String(error);
  }
  return new SourceFetchError(
    `${what} at ${url} could not be reached: ${reason}`,
  );
}

const STATUS_HINTS: Record<number, string> = {
  401: ': check the credential and the authentication type',
  403: ': check the credential and the authentication type',
  404: ': check the address',
  429: ': it limits how often it may be read; try again later',
};

function statusError(what: string, url: string, status: number, text: string) {
  const label = `${status}${text ? ` ${text}` : ''}`;
  const hint = STATUS_HINTS[status] ?? '';
  return new SourceFetchError(
    `${what} at ${url} answered ${label}${hint}`,
    status,
  );
}

function tooLarge(what: string, url: string, maxBytes: number) {
  return new SourceFetchError(
    `${what} at ${url} sent more than ${formatBytes(
      maxBytes,
    )}, the most a source may answer`,
  );
}

const sameOrigin = (a: URL, b: URL) => a.origin === b.origin;

/**
 * GET `url` with `headers` under the guard. `what` names the source in sentences ("The API",
 * "The feed"). `secretHeaders` are dropped when a redirect leaves the origin.
 */
export async function guardedGet(
  what: string,
  url: string,
  headers: Record<string, string>,
  options: FetchOptions,
  secretHeaders: string[] = [],
): Promise<HttpAnswer> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new InputError(`${JSON.stringify(url)} is not a valid address`);
  }
  assertFetchableUrl(target, options.allowPrivateNetworks);
  if (options.fetch) {
    return viaFetch(what, target, headers, options);
  }

  const deadline = Date.now() + options.timeoutMs;
  const origin = target;
  let current = target;
  let sendHeaders = { 'user-agent': USER_AGENT, ...headers };
  for (let hop = 0; ; hop++) {
    const answer = await requestOnce(
      what,
      current,
      sendHeaders,
      options,
      deadline,
    );
    if ('redirect' in answer) {
      if (hop >= MAX_REDIRECTS) {
        throw new SourceFetchError(
          `${what} at ${url} redirected more than ${MAX_REDIRECTS} times`,
        );
      }
      const next = new URL(answer.redirect, current);
      assertFetchableUrl(next, options.allowPrivateNetworks);
      if (!sameOrigin(origin, next)) {
        const lower = new Set(secretHeaders.map(h => h.toLowerCase()));
        sendHeaders = Object.fromEntries(
          Object.entries(sendHeaders).filter(
            ([k]) => !lower.has(k.toLowerCase()),
          ),
        ) as typeof sendHeaders;
      }
      current = next;
      continue;
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw statusError(what, url, answer.status, answer.statusText);
    }
    return {
      status: answer.status,
      contentType: answer.contentType,
      body: answer.body,
      url: current.href,
    };
  }
}

type OnceAnswer =
  | { redirect: string }
  | { status: number; statusText: string; contentType: string; body: Buffer };

function requestOnce(
  what: string,
  url: URL,
  headers: Record<string, string>,
  options: FetchOptions,
  deadline: number,
): Promise<OnceAnswer> {
  const label = url.href;
  return new Promise<OnceAnswer>((resolve, reject) => {
    const remaining = deadline - Date.now();
    let settled = false;
    const clock: { timer?: NodeJS.Timeout } = {};
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(clock.timer);
      fn();
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(
      url,
      {
        headers,
        lookup: guardedLookup(options.allowPrivateNetworks),
        agent: false,
      },
      res => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          finish(() => resolve({ redirect: res.headers.location! }));
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          req.destroy();
          finish(() => reject(tooLarge(what, label, options.maxBytes)));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            req.destroy();
            finish(() => reject(tooLarge(what, label, options.maxBytes)));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          finish(() =>
            resolve({
              status,
              statusText: res.statusMessage ?? '',
              contentType: String(res.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks),
            }),
          ),
        );
        res.on('error', e =>
          finish(() => reject(describeNetworkError(what, label, e))),
        );
      },
    );
    req.on('error', e =>
      finish(() => reject(describeNetworkError(what, label, e))),
    );
    clock.timer = setTimeout(() => {
      finish(() =>
        reject(
          new SourceFetchError(
            `${what} at ${label} did not answer within ${formatMs(
              options.timeoutMs,
            )}`,
          ),
        ),
      );
      req.destroy();
    }, Math.max(remaining, 0));
  });
}

/** The `options.fetch` path: the host is checked once, then fetch does the rest. */
async function viaFetch(
  what: string,
  target: URL,
  headers: Record<string, string>,
  options: FetchOptions,
): Promise<HttpAnswer> {
  const url = target.href;
  if (!options.allowPrivateNetworks) {
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
      dnsLookup(host, { all: true }, (err, a) =>
        err ? reject(describeNetworkError(what, url, err)) : resolve(a),
      ),
    );
    for (const a of addresses) assertPublicAddress(a.address, host, false);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const res = await options.fetch!(url, {
      headers: { 'user-agent': USER_AGENT, ...headers },
      signal: controller.signal,
    });
    if (!res.ok) {
      throw statusError(what, url, res.status, res.statusText);
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      throw tooLarge(what, url, options.maxBytes);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > options.maxBytes) {
          await reader.cancel();
          throw tooLarge(what, url, options.maxBytes);
        }
        chunks.push(Buffer.from(value));
      }
    }
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: Buffer.concat(chunks),
      url: res.url || url,
    };
  } catch (e) {
    if (controller.signal.aborted) {
      throw new SourceFetchError(
        `${what} at ${url} did not answer within ${formatMs(
          options.timeoutMs,
        )}`,
      );
    }
    throw describeNetworkError(what, url, e);
  } finally {
    clearTimeout(timer);
  }
}
