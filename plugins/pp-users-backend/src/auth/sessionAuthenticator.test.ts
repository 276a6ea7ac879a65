import { OAuthAuthenticator } from '@backstage/plugin-auth-node';
import {
  WithPpSession,
  packRefreshToken,
  unpackRefreshToken,
  withPpSessions,
} from './sessionAuthenticator';

function fakeGoogle(rotate = false) {
  const calls: string[] = [];
  const inner: OAuthAuthenticator<unknown, { email: string }> = {
    defaultProfileTransform: async () => ({ profile: {} }),
    initialize: () => ({}),
    start: async () => ({ url: 'https://accounts.example/start' }),
    authenticate: async () => ({
      fullProfile: { email: 'a@waooaw.com' },
      session: {
        accessToken: 'at',
        tokenType: 'bearer',
        scope: 'email',
        expiresInSeconds: 3600,
        refreshToken: 'google-rt',
      },
    }),
    refresh: async input => {
      calls.push(`refresh:${input.refreshToken}`);
      return {
        fullProfile: { email: 'a@waooaw.com' },
        session: {
          accessToken: 'at2',
          tokenType: 'bearer',
          scope: 'email',
          expiresInSeconds: 3600,
          ...(rotate && { refreshToken: 'google-rt-2' }),
        },
      };
    },
    logout: async input => {
      calls.push(`logout:${input.refreshToken}`);
    },
  };
  return { inner, calls };
}

const ctx = {};
const req = {} as any;

describe('withPpSessions', () => {
  it('packs and unpacks the session id beside the provider token', () => {
    expect(unpackRefreshToken(packRefreshToken('s1', 'rt.with.dots'))).toEqual({
      sessionId: 's1',
      providerToken: 'rt.with.dots',
    });
    expect(unpackRefreshToken('plain-google-token')).toBeUndefined();
  });

  it('starts a new PP session at each sign-in and keeps it across refreshes', async () => {
    const { inner, calls } = fakeGoogle();
    const auth = withPpSessions(inner);
    const first = (await auth.authenticate(
      { req } as any,
      ctx,
    )) as WithPpSession<any>;
    const second = (await auth.authenticate(
      { req } as any,
      ctx,
    )) as WithPpSession<any>;
    expect(first.ppSession.fresh).toBe(true);
    expect(first.ppSession.sessionId).not.toBe(second.ppSession.sessionId);

    const refreshed = (await auth.refresh(
      {
        req,
        refreshToken: first.session.refreshToken,
        scope: 'email',
        scopeAlreadyGranted: true,
      } as any,
      ctx,
    )) as WithPpSession<any>;
    expect(calls).toEqual(['refresh:google-rt']);
    expect(refreshed.ppSession).toEqual({
      sessionId: first.ppSession.sessionId,
      fresh: false,
    });
    // unchanged provider token: the cookie stays as it was
    expect(refreshed.session.refreshToken).toBe(first.session.refreshToken);
  });

  it('follows a rotated provider token and unwraps it for logout', async () => {
    const { inner, calls } = fakeGoogle(true);
    const auth = withPpSessions(inner);
    const first = (await auth.authenticate(
      { req } as any,
      ctx,
    )) as WithPpSession<any>;
    const refreshed = await auth.refresh(
      {
        req,
        refreshToken: first.session.refreshToken,
        scope: '',
        scopeAlreadyGranted: true,
      } as any,
      ctx,
    );
    expect(unpackRefreshToken(refreshed.session.refreshToken!)).toEqual({
      sessionId: first.ppSession.sessionId,
      providerToken: 'google-rt-2',
    });
    await auth.logout!(
      { req, refreshToken: refreshed.session.refreshToken },
      ctx,
    );
    expect(calls).toContain('logout:google-rt-2');
  });

  it('refuses a refresh cookie without a PP session', async () => {
    const { inner } = fakeGoogle();
    await expect(
      withPpSessions(inner).refresh(
        {
          req,
          refreshToken: 'google-rt',
          scope: '',
          scopeAlreadyGranted: true,
        } as any,
        ctx,
      ),
    ).rejects.toThrow(/no Platform Portal session/);
  });
});
