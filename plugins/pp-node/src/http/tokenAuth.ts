import { RootConfigService } from '@backstage/backend-plugin-api';
import type { Request } from 'express';
import type { DatabaseIdentityStore } from '../identity/DatabaseIdentityStore';
import { constantTimeEqual, looksLikePpApiToken } from '../identity/tokens';
import {
  PpDelegationTokens,
  looksLikeDelegationToken,
} from '../access/delegation';

/** The subject of the PP_ADMIN_TOKEN service principal. @public */
export const PP_ADMIN_TOKEN_SUBJECT = 'pp-admin-token';

/** The claim carrying the PP session id in a Backstage user token. @public */
export const PP_SESSION_CLAIM = 'pp_sid';

/** The least length PP_ADMIN_TOKEN must have. @public */
export const PP_ADMIN_TOKEN_MIN_LENGTH = 32;

/** @public */
export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  return match?.[1];
}

/** The JWT `typ` of a Backstage user token (full, not limited). */
const BACKSTAGE_USER_TOKEN_TYPE = 'vnd.backstage.user';

function decodeJwtPart(part: string | undefined): Record<string, unknown> {
  if (!part) return {};
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

/**
 * The claims PP reads from a Backstage user token (its subject and PP session id), without
 * checking its signature; undefined for any other token. The one reader of those claims: the
 * access gate only ever refuses on them (Backstage verifies every token it lets through), and the
 * guard reads them after Backstage has verified the token.
 *
 * @public
 */
export function backstageUserTokenClaims(
  token: string | undefined,
): { sub: string; sessionId?: string } | undefined {
  const [header, payload] = token?.split('.') ?? [];
  if (decodeJwtPart(header).typ !== BACKSTAGE_USER_TOKEN_TYPE) return undefined;
  const claims = decodeJwtPart(payload);
  if (typeof claims.sub !== 'string') return undefined;
  const sid = claims[PP_SESSION_CLAIM];
  return {
    sub: claims.sub,
    sessionId: typeof sid === 'string' ? sid : undefined,
  };
}

/** The Backstage subject of a PP API or delegation token's principal: `pp-principal:<id>`. @public */
export const PP_PRINCIPAL_SUBJECT_PREFIX = 'pp-principal:';

/** @public */
export type PpBearerVerification = 'admin' | { userId: string } | undefined;

/**
 * Checks a PP bearer token: PP_ADMIN_TOKEN, a short-lived delegation token, or a live API token
 * whose principal is still active (a deactivated principal's tokens stop at once: nothing of the
 * principal is cached here beyond the identity service's few seconds).
 *
 * @public
 */
export function createPpTokenVerifier(options: {
  identity: { users: DatabaseIdentityStore };
  adminToken?: string;
  delegation?: PpDelegationTokens;
  /** Whether the principal may act now (active); tokens of others are refused. */
  isActive?: (userId: string) => Promise<boolean>;
}): (token: string | undefined) => Promise<PpBearerVerification> {
  const { identity, adminToken, delegation } = options;
  const isActive = options.isActive ?? (async () => true);
  const lastTouch = new Map<string, number>();
  return async token => {
    if (!token) return undefined;
    if (adminToken && constantTimeEqual(token, adminToken)) return 'admin';
    if (delegation && looksLikeDelegationToken(token)) {
      const subject = delegation.verify(token);
      if (!subject) return undefined;
      if (subject === PP_ADMIN_TOKEN_SUBJECT)
        return adminToken ? 'admin' : undefined;
      return (await isActive(subject)) ? { userId: subject } : undefined;
    }
    if (!looksLikePpApiToken(token)) return undefined;
    const found = await identity.users.verifyApiToken(token);
    if (!found || !(await isActive(found.userId))) return undefined;
    // last_used_at is informational: write it at most once a minute per token.
    const now = Date.now();
    if (now - (lastTouch.get(found.tokenId) ?? 0) > 60_000) {
      lastTouch.set(found.tokenId, now);
      identity.users.touchApiToken(found.tokenId).catch(() => {});
    }
    return { userId: found.userId };
  };
}

/** Whether a bearer token is one of PP's own (admin, API or delegation token). @public */
export function isPpBearerToken(token: string, adminToken?: string): boolean {
  return (
    (adminToken !== undefined && constantTimeEqual(token, adminToken)) ||
    looksLikePpApiToken(token) ||
    looksLikeDelegationToken(token)
  );
}

/**
 * The automation bootstrap token: `pp.auth.adminToken` in config, else the PP_ADMIN_TOKEN
 * environment variable. Unset means no such token exists; shorter than 32 characters is refused
 * at start-up rather than silently accepted.
 *
 * @public
 */
export function readAdminToken(config: RootConfigService): string | undefined {
  const token =
    config.getOptionalString('pp.auth.adminToken') ||
    process.env.PP_ADMIN_TOKEN;
  if (!token) return undefined;
  if (token.length < PP_ADMIN_TOKEN_MIN_LENGTH) {
    throw new Error(
      `PP_ADMIN_TOKEN must be at least ${PP_ADMIN_TOKEN_MIN_LENGTH} characters long`,
    );
  }
  return token;
}
