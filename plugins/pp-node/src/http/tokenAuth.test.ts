import { ConfigReader } from '@backstage/config';
import { requireReason } from './PpGuard';
import { readAdminToken, sessionIdFromToken } from './tokenAuth';

const jwt = (claims: object) =>
  `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

describe('PP request helpers', () => {
  it('reads the PP session id from a user token', () => {
    expect(sessionIdFromToken(jwt({ sub: 'user:pp/1', pp_sid: 'abc' }))).toBe(
      'abc',
    );
    expect(sessionIdFromToken(jwt({ sub: 'user:pp/1' }))).toBeUndefined();
    expect(sessionIdFromToken('not-a-jwt')).toBeUndefined();
    expect(sessionIdFromToken(undefined)).toBeUndefined();
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
