import { createDelegationTokens, looksLikeDelegationToken } from './delegation';

describe('delegation tokens', () => {
  it('carry their subject for their lifetime and no longer', () => {
    let now = 1_000_000;
    const tokens = createDelegationTokens({ clock: () => now, ttlMs: 60_000 });
    const token = tokens.issue('agent-42');
    expect(looksLikeDelegationToken(token)).toBe(true);
    expect(tokens.verify(token)).toBe('agent-42');
    now += 60_001;
    expect(tokens.verify(token)).toBeUndefined();
  });

  it('refuse a token signed with another key or altered', () => {
    const mine = createDelegationTokens();
    const theirs = createDelegationTokens();
    const token = theirs.issue('pp-admin-token');
    expect(mine.verify(token)).toBeUndefined();

    const own = mine.issue('agent-1');
    const [prefix, payload, signature] = own.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'pp-admin-token', exp: Date.now() + 60_000 }),
    ).toString('base64url');
    expect(mine.verify(`${prefix}.${forged}.${signature}`)).toBeUndefined();
    expect(mine.verify(`${prefix}.${payload}.`)).toBeUndefined();
    expect(mine.verify('ppd.garbage')).toBeUndefined();
    expect(mine.verify('pp_not_a_delegation')).toBeUndefined();
  });
});
