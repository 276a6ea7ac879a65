import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import { withVerifiedUserTokenCache } from './userTokenCache';

const b64 = (value: object) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token shaped like Backstage's (the fake auth below decides whether it is valid). */
function token(typ: string, sub: string, signature = 'sig') {
  return `${b64({ typ, alg: 'ES256' })}.${b64({ sub })}.${signature}`;
}

const USER = 'vnd.backstage.user';

function fakeAuth(now: () => number) {
  const calls: string[] = [];
  const auth = {
    calls,
    /** Valid: signature `sig`; expires an hour after `iat` (here: the first check). */
    async authenticate(t: string): Promise<BackstageCredentials> {
      calls.push(t);
      const [header, payload, signature] = t.split('.');
      if (signature !== 'sig') throw new AuthenticationError('bad signature');
      const { typ } = JSON.parse(Buffer.from(header, 'base64url').toString());
      const { sub } = JSON.parse(Buffer.from(payload, 'base64url').toString());
      if (typ === 'vnd.backstage.plugin') {
        return {
          $$type: '@backstage/BackstageCredentials',
          principal: { type: 'service', subject: `plugin:${sub}` },
        } as BackstageCredentials;
      }
      return {
        $$type: '@backstage/BackstageCredentials',
        expiresAt: new Date(now() + 3_600_000),
        principal: { type: 'user', userEntityRef: sub },
      } as BackstageCredentials;
    },
    isPrincipal: (c: BackstageCredentials, type: string) =>
      (c.principal as { type: string }).type === type,
  };
  return auth;
}

function setup(max = 100) {
  let now = 1_000_000;
  const clock = () => now;
  const inner = fakeAuth(clock);
  const auth = withVerifiedUserTokenCache(inner as unknown as AuthService, {
    max,
    now: clock,
  });
  return {
    auth,
    inner,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('withVerifiedUserTokenCache', () => {
  it('verifies a user token once and answers it from memory until it expires', async () => {
    const { auth, inner, advance } = setup();
    const t = token(USER, 'user:pp/u1');
    const first = await auth.authenticate(t);
    expect(first.principal).toEqual({
      type: 'user',
      userEntityRef: 'user:pp/u1',
    });
    expect(await auth.authenticate(t)).toBe(first);
    expect(inner.calls).toHaveLength(1);
    advance(3_599_999);
    await auth.authenticate(t);
    expect(inner.calls).toHaveLength(1);
    advance(1); // the token's exp
    await auth.authenticate(t);
    expect(inner.calls).toHaveLength(2);
  });

  it('verifies every time what it refused, and a token with any other signature', async () => {
    const { auth, inner } = setup();
    const forged = token(USER, 'user:pp/u1', 'forged');
    await expect(auth.authenticate(forged)).rejects.toThrow('bad signature');
    await expect(auth.authenticate(forged)).rejects.toThrow('bad signature');
    await auth.authenticate(token(USER, 'user:pp/u1'));
    await expect(
      auth.authenticate(token(USER, 'user:pp/u1', 'forged2')),
    ).rejects.toThrow('bad signature');
    expect(inner.calls).toHaveLength(4);
  });

  it('leaves limited user tokens and plugin tokens to be verified every time', async () => {
    const { auth, inner } = setup();
    const limited = token('vnd.backstage.limited-user', 'user:pp/u1');
    const plugin = token('vnd.backstage.plugin', 'catalog');
    for (let i = 0; i < 2; i++) {
      await auth.authenticate(limited, { allowLimitedAccess: true });
      await auth.authenticate(plugin);
    }
    expect(inner.calls).toHaveLength(4);
  });

  it('remembers at most max tokens, the least recently used going first', async () => {
    const { auth, inner } = setup(2);
    const [t1, t2, t3] = ['a', 'b', 'c'].map(u => token(USER, `user:pp/${u}`));
    await auth.authenticate(t1);
    await auth.authenticate(t2);
    await auth.authenticate(t1);
    await auth.authenticate(t3); // evicts t2
    expect(inner.calls).toHaveLength(3);
    await auth.authenticate(t1);
    await auth.authenticate(t3);
    expect(inner.calls).toHaveLength(3);
    await auth.authenticate(t2);
    expect(inner.calls).toHaveLength(4);
  });
});
