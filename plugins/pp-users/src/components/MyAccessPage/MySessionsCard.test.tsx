import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { identityApiRef } from '@backstage/frontend-plugin-api';
import { MySessionsCard, sessionIdOfToken } from './MySessionsCard';

function tokenWith(claims: object): string {
  const part = (o: object) =>
    btoa(JSON.stringify(o))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  return `${part({ alg: 'ES256' })}.${part(claims)}.signature`;
}

describe('MySessionsCard', () => {
  it("reads the PP session id from the user's token", () => {
    expect(sessionIdOfToken(tokenWith({ pp_sid: 's-1', sub: 'x' }))).toBe(
      's-1',
    );
    expect(sessionIdOfToken(tokenWith({ sub: 'x' }))).toBeUndefined();
    expect(sessionIdOfToken('not a token')).toBeUndefined();
    expect(sessionIdOfToken(undefined)).toBeUndefined();
  });

  it('shows this session, the limit of 5 and that a role change ends sessions; signs out of it', async () => {
    const identity = mockApis.identity.mock({
      getCredentials: async () => ({ token: tokenWith({ pp_sid: 's-1' }) }),
      signOut: jest.fn(async () => {}),
    });
    const user = userEvent.setup({ delay: null });
    await renderInTestApp(<MySessionsCard />, {
      apis: [[identityApiRef, identity]],
    });

    const list = await screen.findByRole('list', { name: 'My sessions' });
    expect(within(list).getByText('This browser')).toBeInTheDocument();
    expect(within(list).getByText('Signed in now')).toBeInTheDocument();
    expect(screen.getByText(/up to 5 browsers or devices/)).toBeInTheDocument();
    expect(
      screen.getByText(/A change to your roles ends all your sessions/),
    ).toBeInTheDocument();

    await user.click(
      within(list).getByRole('button', { name: 'Sign out of this session' }),
    );
    await waitFor(() => expect(identity.signOut).toHaveBeenCalledTimes(1));
  });
});
