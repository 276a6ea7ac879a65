import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** @public */
export interface PpCachedJsonOptions {
  /**
   * How often pollers should ask again, in seconds (`Cache-Control: private, max-age=N`);
   * e.g. the health check interval. Omit for `no-cache` (always revalidate with the ETag).
   */
  maxAgeSeconds?: number;
  /** HTTP status of a full answer (default 200). */
  status?: number;
}

/** A strong ETag of a JSON body: the same body always gets the same tag. @public */
export function ppJsonEtag(body: unknown): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('base64url')
    .slice(0, 27);
  return `"${hash}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch
    .split(',')
    .map(tag => tag.trim().replace(/^W\//, ''))
    .includes(etag);
}

/**
 * Answers a GET with JSON plus an `ETag`, and with `304 Not Modified` (no body) when the caller's
 * `If-None-Match` already names that tag. Every PP GET uses this, so pollers pay only for changes.
 *
 * @public
 */
export function sendCachedJson(
  req: Request,
  res: Response,
  body: unknown,
  options: PpCachedJsonOptions = {},
): void {
  if (notModified(req, res, ppJsonEtag(body), options)) return;
  res.status(options.status ?? 200).json(body);
}

/**
 * Sets `ETag`, `Cache-Control` and `Vary` for a GET whose validator the caller knows (e.g. an
 * immutable file's id), and answers `304 Not Modified` when `If-None-Match` names it. Returns
 * true when the 304 has been sent; otherwise the caller sends the body.
 *
 * @public
 */
export function notModified(
  req: Request,
  res: Response,
  etag: string,
  options: { maxAgeSeconds?: number } = {},
): boolean {
  res.setHeader('ETag', etag);
  res.setHeader(
    'Cache-Control',
    options.maxAgeSeconds !== undefined
      ? `private, max-age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`
      : 'private, no-cache',
  );
  // Responses differ per caller (permissions), so shared caches must key on the token.
  res.setHeader('Vary', 'Authorization');
  if (
    (req.method === 'GET' || req.method === 'HEAD') &&
    matches(req.header('if-none-match'), etag)
  ) {
    res.status(304).end();
    return true;
  }
  return false;
}
