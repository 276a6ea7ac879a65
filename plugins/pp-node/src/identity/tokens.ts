import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * PP API tokens look like `pp_<token id>_<secret>`. Only sha256(token) is stored; the id lets the
 * verifier find the row without scanning, and the prefix lets the auth layer route the token here.
 */
const PREFIX = 'pp_';

export function mintApiToken(id: string): string {
  return `${PREFIX}${id.replace(/-/g, '')}_${randomBytes(32).toString(
    'base64url',
  )}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikePpApiToken(token: string): boolean {
  return /^pp_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/.test(token);
}

/** The token id embedded in a PP API token, in uuid form. */
export function apiTokenId(token: string): string | undefined {
  const hex = /^pp_([0-9a-f]{32})_/.exec(token)?.[1];
  if (!hex) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
