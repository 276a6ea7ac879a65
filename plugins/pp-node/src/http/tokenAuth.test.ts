import { ConfigReader } from '@backstage/config';
import { requireReason } from './PpGuard';
import { backstageUserTokenClaims, readAdminToken } from './tokenAuth';

const part = (value: object) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object, typ = 'vnd.backstage.user') =>
  `${part({ typ, alg: 'ES256' })}.${part(claims)}.s`;

describe('PP request helpers', () => {
  it('reads the subject and PP session id of a Backstage user token only', () => {
    expect(
      backstageUserTokenClaims(jwt({ sub: 'user:pp/1', pp_sid: 'abc' })),
    ).toEqual({ sub: 'user:pp/1', sessionId: 'abc' });
    expect(backstageUserTokenClaims(jwt({ sub: 'user:pp/1' }))).toEqual({
      sub: 'user:pp/1',
      sessionId: undefined,
    });
    // a limited user token, a plugin token, no subject, not a JWT, no token
    expect(
      backstageUserTokenClaims(
        jwt({ sub: 'user:pp/1', pp_sid: 'abc' }, 'vnd.backstage.limited-user'),
      ),
    ).toBeUndefined();
    expect(
      backstageUserTokenClaims(
        jwt({ sub: 'plugin:x' }, 'vnd.backstage.plugin'),
      ),
    ).toBeUndefined();
    expect(backstageUserTokenClaims(jwt({ pp_sid: 'abc' }))).toBeUndefined();
    expect(backstageUserTokenClaims('not-a-jwt')).toBeUndefined();
    expect(backstageUserTokenClaims(undefined)).toBeUndefined();
  });

  it('demands a reason of force actions', () => {
    expect(() => requireReason({})).toThrow(/reason of at least 10 characters/);
    expect(() => requireReason({ reason: '  short ' })).toThrow();
    expect(requireReason({ reason: ' customer asked to cancel ' })).toBe(
      'customer asked to cancel',
    );
  });

  it('accepts an admin token of at least 32 characters only', () => {
    const saved = process.env.PP_ADMIN_TOKEN;
    delete process.env.PP_ADMIN_TOKEN;
    try {
      expect(readAdminToken(new ConfigReader({}))).toBeUndefined();
      expect(() =>
        readAdminToken(
          new ConfigReader({ pp: { auth: { adminToken: 'short' } } }),
        ),
      ).toThrow(/at least 32/);
      process.env.PP_ADMIN_TOKEN = 'x'.repeat(32);
      expect(readAdminToken(new ConfigReader({}))).toBe('x'.repeat(32));
    } finally {
      if (saved === undefined) delete process.env.PP_ADMIN_TOKEN;
      else process.env.PP_ADMIN_TOKEN = saved;
    }
  });
});
