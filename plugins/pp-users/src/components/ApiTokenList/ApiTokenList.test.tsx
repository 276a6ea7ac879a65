import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PpApiToken } from '@internal/plugin-pp-common';
import { ppUsersApiRef } from '../../api';
import { createMockPpUsersApi, makeUser } from '../../__testUtils__/mocks';
import { ApiTokenList } from './ApiTokenList';

const base: PpApiToken = {
  id: 't1',
  user_id: 'gv',
  name: 'active-one',
  created_by: 'user:default/ann',
  created_at: '2025-01-01T00:00:00Z',
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
};

describe('ApiTokenList', () => {
  it('shows each token with its state, offering revoke for live ones', async () => {
    const user = userEvent.setup({ delay: null });
    const api = createMockPpUsersApi();
    api.listApiTokens.mockResolvedValue([
      base,
      {
        ...base,
        id: 't2',
        name: 'old-one',
        expires_at: '2020-01-01T00:00:00Z',
      },
      {
        ...base,
        id: 't3',
        name: 'gone-one',
        revoked_at: '2025-02-01T00:00:00Z',
      },
    ]);
    const onRevoke = jest.fn();
    await renderInTestApp(
      <ApiTokenList
        user={makeUser({ id: 'gv', kind: 'agent' })}
        refreshKey={0}
        onRevoke={onRevoke}
      />,
      { apis: [[ppUsersApiRef, api]] },
    );

    const row = async (name: string) =>
      within((await screen.findByText(name)).closest('tr')!);
    expect((await row('active-one')).getByText('Active')).toBeInTheDocument();
    expect((await row('old-one')).getByText('Expired')).toBeInTheDocument();
    expect((await row('gone-one')).getByText('Revoked')).toBeInTheDocument();
    expect(
      (await row('gone-one')).queryByRole('button', { name: /Revoke/ }),
    ).not.toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: 'Revoke token active-one' }),
    );
    expect(onRevoke).toHaveBeenCalledWith(base);
  });

  it('shows when each token expires and when it was last used', async () => {
    const api = createMockPpUsersApi();
    const expires = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
    api.listApiTokens.mockResolvedValue([
      {
        ...base,
        expires_at: expires,
        last_used_at: new Date(Date.now() - 2 * 3600_000).toISOString(),
      },
      { ...base, id: 't2', name: 'unused-one', expires_at: expires },
    ]);
    await renderInTestApp(
      <ApiTokenList
        user={makeUser({ id: 'gv', kind: 'agent' })}
        refreshKey={0}
        onRevoke={jest.fn()}
      />,
      { apis: [[ppUsersApiRef, api]] },
    );
    const row = async (name: string) =>
      within((await screen.findByText(name)).closest('tr')!);
    const used = await row('active-one');
    expect(used.getByText('2 hours ago')).toBeInTheDocument();
    expect(
      used.getByText(new Date(expires).toLocaleString()),
    ).toBeInTheDocument();
    expect((await row('unused-one')).getByText('Never')).toBeInTheDocument();
  });
});
