import {
  OAuthAuthenticator,
  OAuthAuthenticatorResult,
} from '@backstage/plugin-auth-node';
import { newSessionId } from './signIn';

/*
 * Backstage keeps an OAuth provider's refresh token in a cookie and re-runs the sign-in resolver on
 * every refresh. To tell a refresh of an existing PP session from a new sign-in, the PP session id
 * rides along inside that cookie: `pp1.<session id>.<provider refresh token>`.
 */
const PREFIX = 'pp1.';

export function packRefreshToken(
  sessionId: string,
  providerToken = '',
): string {
  return `${PREFIX}${sessionId}.${providerToken}`;
}

export function unpackRefreshToken(
  value: string,
): { sessionId: string; providerToken: string } | undefined {
  if (!value.startsWith(PREFIX)) return undefined;
  const rest = value.slice(PREFIX.length);
  const dot = rest.indexOf('.');
  if (dot <= 0) return undefined;
  return { sessionId: rest.slice(0, dot), providerToken: rest.slice(dot + 1) };
}

/** The PP session facts the sign-in resolver reads from an authenticator result. */
export interface PpSessionInfo {
  sessionId: string;
  fresh: boolean;
}

export type WithPpSession<T> = T & { ppSession?: PpSessionInfo };

/** Wraps an OAuth authenticator (Google's) so each sign-in carries a PP session id. */
export function withPpSessions<TContext, TProfile>(
  inner: OAuthAuthenticator<TContext, TProfile>,
): OAuthAuthenticator<TContext, TProfile> {
  return {
    ...inner,
    async authenticate(input, ctx) {
      const result = await inner.authenticate(input, ctx);
      const sessionId = newSessionId();
      const wrapped: WithPpSession<OAuthAuthenticatorResult<TProfile>> = {
        ...result,
        session: {
          ...result.session,
          refreshToken: packRefreshToken(
            sessionId,
            result.session.refreshToken,
          ),
        },
        ppSession: { sessionId, fresh: true },
      };
      return wrapped;
    },
    async refresh(input, ctx) {
      const packed = unpackRefreshToken(input.refreshToken);
      if (!packed) {
        // A cookie from before PP sessions, or tampered with: sign in again.
        throw new Error('Refresh token carries no Platform Portal session');
      }
      const result = await inner.refresh(
        { ...input, refreshToken: packed.providerToken },
        ctx,
      );
      const wrapped: WithPpSession<OAuthAuthenticatorResult<TProfile>> = {
        ...result,
        session: {
          ...result.session,
          refreshToken: packRefreshToken(
            packed.sessionId,
            result.session.refreshToken ?? packed.providerToken,
          ),
        },
        ppSession: { sessionId: packed.sessionId, fresh: false },
      };
      return wrapped;
    },
    async logout(input, ctx) {
      if (!inner.logout) return undefined;
      const packed = input.refreshToken
        ? unpackRefreshToken(input.refreshToken)
        : undefined;
      return inner.logout(
        { ...input, refreshToken: packed?.providerToken ?? input.refreshToken },
        ctx,
      );
    },
  };
}
