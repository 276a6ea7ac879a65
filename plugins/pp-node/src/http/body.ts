import { CustomErrorBase, InputError } from '@backstage/errors';
import {
  PpBodyRoute,
  ppBodyLimitBytes,
  ppBodyLimits,
} from '@internal/plugin-pp-common';
import express from 'express';
import type { Request, RequestHandler, Response } from 'express';
import type { PpRequestContext } from './PpGuard';

/**
 * 413: the request body is larger than the route's limit (spec/api-catalog.yaml, `body_limit`).
 * Backstage's error middleware answers with the `statusCode` in the `{error: {name, message}}` shape.
 *
 * @public
 */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}

/** 415: a JSON body in a charset or content encoding the backend does not read. @public */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  readonly statusCode = 415;
}

/**
 * Who the route has let through before it reads the body: the context its guard call returned
 * (`guard.authorize`, `authenticate`, `authorizeServicePrincipal`), or `'public'` for the contract's
 * public endpoints. Asking for it makes a body read before the guard a type error.
 *
 * @public
 */
export type PpBodyReader = PpRequestContext | 'public';

type BodyKind = 'json' | 'raw';
const parsers = new Map<string, RequestHandler>();
function parserFor(kind: BodyKind, limit: string): RequestHandler {
  const key = `${kind} ${limit}`;
  let parser = parsers.get(key);
  if (!parser) {
    parser =
      kind === 'json'
        ? express.json({ limit: ppBodyLimitBytes(limit) })
        : express.raw({ type: () => true, limit: ppBodyLimitBytes(limit) });
    parsers.set(key, parser);
  }
  return parser;
}

/** body-parser's http-errors, as Backstage errors that say what the route accepts. */
function translate(error: unknown, route: PpBodyRoute, limit: string): Error {
  const e = error as { type?: string; status?: number; message?: string };
  switch (e.type) {
    case 'entity.too.large':
      return new PayloadTooLargeError(
        `The request body is larger than the ${limit} that ${route} accepts`,
      );
    case 'entity.parse.failed':
      return new InputError(
        `The request body is not valid JSON: ${e.message ?? 'parse error'}`,
      );
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeError(
        `${e.message}; send JSON in UTF-8 (gzip, deflate or no Content-Encoding)`,
      );
    default:
      // e.g. a body that is not the gzip its Content-Encoding says (400 from body-parser)
      if (e.status && e.status >= 400 && e.status < 500) {
        return new InputError(
          `The request body could not be read: ${e.message}`,
        );
      }
      return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Reads a route's JSON body, lazily: call it in the handler after the guard call, so that a caller
 * who may not call the route gets its 401/403 (audited by the guard) without the server reading,
 * let alone parsing, what it sent. The limit is the route's in `ppBodyLimits` (the contract's
 * `body_limit`): over it → 413 `PayloadTooLargeError`; malformed JSON → 400 `InputError`; a
 * charset or encoding other than UTF-8 JSON (gzip/deflate allowed) → 415. A body that is not
 * `application/json` is not read and comes back as `{}`, which the route's validation refuses.
 *
 * There is no router-wide body parser in front of PP routes; finding the body already parsed
 * means one came back, and is refused as a programming error rather than silently used.
 *
 * @public
 */
export async function readJsonBody(
  req: Request,
  caller: PpBodyReader,
  route: PpBodyRoute,
): Promise<unknown> {
  await readBody(req, caller, route, 'json');
  return req.body;
}

/** The guard checks, then the route's parser of `kind` with the route's limit. */
async function readBody(
  req: Request,
  caller: PpBodyReader | 'signed',
  route: PpBodyRoute,
  kind: BodyKind,
): Promise<void> {
  if (!caller) {
    throw new Error(`${route}: the body is read only after the guard`);
  }
  if ((req as Request & { _body?: boolean })._body) {
    throw new Error(
      `${route}: the request body was parsed before the route's guard ran; remove the body parser in front of it`,
    );
  }
  const limit = ppBodyLimits[route];
  await new Promise<void>((resolve, reject) => {
    parserFor(kind, limit)(req, {} as Response, (error?: unknown) =>
      error ? reject(translate(error, route, limit)) : resolve(),
    );
  });
}

/**
 * Reads a route's body as bytes, with the route's limit (413 over it): for signed routes, whose
 * signature is over the exact bytes sent. `caller` is `'signed'` once the signature headers were
 * checked (present, fresh timestamp); the signature itself needs the bytes.
 *
 * @public
 */
export async function readRawBody(
  req: Request,
  caller: PpBodyReader | 'signed',
  route: PpBodyRoute,
): Promise<Buffer> {
  await readBody(req, caller, route, 'raw');
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
