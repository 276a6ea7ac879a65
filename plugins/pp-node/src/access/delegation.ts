import { createHmac, randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../identity/tokens';

/*
 * Delegation tokens carry a PP token principal across one backend-internal hop: when the MCP
 * actions backend invokes an action of another plugin for a caller who came with a PP API token or
 * PP_ADMIN_TOKEN, Backstage would forward only its own plugin identity and the caller would be
 * lost. The actions service sends a delegation token instead, which the PP token handler accepts in
 * the target plugin as the same principal. They live 60 seconds and are signed with a key that
 * never leaves the process (internal calls go to the same instance's discovery address).
 */

const PREFIX = 'ppd.';
const DEFAULT_TTL_MS = 60_000;

/** @public */
export interface PpDelegationTokens {
  /** A short-lived token for `subject` (a pp_users id, or `pp-admin-token`). */
  issue(subject: string): string;
  /** The subject of a live, well-signed delegation token. */
  verify(token: string): string | undefined;
}

/** @public */
export function looksLikeDelegationToken(token: string): boolean {
  return token.startsWith(PREFIX);
}

/** @public */
export function createDelegationTokens(
  options: { clock?: () => number; ttlMs?: number; key?: Buffer } = {},
): PpDelegationTokens {
  const key = options.key ?? randomBytes(32);
  const clock = options.clock ?? Date.now;
  const ttl = options.ttlMs ?? DEFAULT_TTL_MS;
  const sign = (payload: string) =>
    createHmac('sha256', key).update(payload).digest('base64url');
  return {
    issue(subject) {
      const payload = Buffer.from(
        JSON.stringify({ sub: subject, exp: clock() + ttl }),
      ).toString('base64url');
      return `${PREFIX}${payload}.${sign(payload)}`;
    },
    verify(token) {
      if (!looksLikeDelegationToken(token)) return undefined;
      const [payload, signature] = token.slice(PREFIX.length).split('.');
      if (!payload || !signature) return undefined;
      if (!constantTimeEqual(signature, sign(payload))) return undefined;
      try {
        const { sub, exp } = JSON.parse(
          Buffer.from(payload, 'base64url').toString('utf8'),
        );
        if (typeof sub !== 'string' || typeof exp !== 'number')
          return undefined;
        return exp > clock() ? sub : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
