import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PpApiToken } from '@internal/plugin-pp-common';
import { ppUsersApiRef } from '../../api';
import { createMockPpUsersApi, makeUser } from '../../__testUtils__/mocks';
import { ApiTokensDialog } from './ApiTokensDialog';

jest.setTimeout(30_000);

const agent = makeUser({
  id: 'gv',
  name: 'Genesis validator',
  kind: 'agent',
  email: null,
  entity_ref: 'component:default/genesis-validator',
});

const existing: PpApiToken = {
  id: 't1',
  user_id: 'gv',
  name: 'nightly-run',
  created_by: 'user:default/ann',
  created_at: '2025-01-01T00:00:00Z',
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
};

function setup(tokens: PpApiToken[] = [existing]) {
  const api = createMockPpUsersApi();
  api.listApiTokens.mockResolvedValue(tokens);
  const user = userEvent.setup({ delay: null });
  renderInTestApp(<ApiTokensDialog user={agent} onClose={jest.fn()} />, {
    apis: [[ppUsersApiRef, api]],
  });
  return { api, user };
}

describe('ApiTokensDialog', () => {
  it("lists the principal's tokens", async () => {
    const { api } = setup();
    expect(await screen.findByText('nightly-run')).toBeInTheDocument();
    expect(screen.getByText('Active')).toBeInTheDocument();
    expect(api.listApiTokens).toHaveBeenCalledWith('gv');
  });

  it('creates a token and shows it once in a copy dialog', async () => {
    const { api, user } = setup([]);
    api.createApiToken.mockResolvedValue({
      ...existing,
      id: 't2',
      name: 'ci-pipeline',
      expires_at: '2025-04-01T00:00:00Z',
      token: 'pp_secret_xyz',
    });
    expect(
      await screen.findByText('Genesis validator has no API tokens yet.'),
    ).toBeInTheDocument();

    await user.type(
      screen.getByRole('textbox', { name: 'Token name' }),
      'ci-pipeline',
    );
    await user.click(screen.getByRole('button', { name: /Expires in/ }));
    await user.click(screen.getByRole('option', { name: '30 days' }));
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    expect(api.createApiToken).toHaveBeenCalledWith('gv', {
      name: 'ci-pipeline',
      expires_in_days: 30,
    });
    const copyDialog = within(
      await screen.findByRole('dialog', { name: 'API token created' }),
    );
    expect(copyDialog.getByRole('textbox')).toHaveValue('pp_secret_xyz');
    expect(
      copyDialog.getByText(/It will not be shown again/),
    ).toBeInTheDocument();
    const writeText = jest
      .spyOn(window.navigator.clipboard, 'writeText')
      .mockResolvedValue();
    await user.click(copyDialog.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('pp_secret_xyz');

    // the list is loaded again to show the new token
    await waitFor(() => expect(api.listApiTokens).toHaveBeenCalledTimes(2));
  });

  it('offers no token that never expires: 90 days unless another lifetime is chosen', async () => {
    const { api, user } = setup([]);
    api.createApiToken.mockResolvedValue({ ...existing, token: 'x' });
    await screen.findByText('Genesis validator has no API tokens yet.');

    await user.click(screen.getByRole('button', { name: /Expires in/ }));
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      '7 days',
      '30 days',
      '90 days',
      '180 days',
      '1 year',
    ]);
    await user.click(screen.getByRole('option', { name: '90 days' }));
    await user.type(screen.getByRole('textbox', { name: 'Token name' }), 'k');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    expect(api.createApiToken).toHaveBeenCalledWith('gv', {
      name: 'k',
      expires_in_days: 90,
    });
  });

  it('revokes a token after confirmation', async () => {
    const { api, user } = setup();
    api.revokeApiToken.mockResolvedValue();
    await screen.findByText('nightly-run');

    await user.click(
      screen.getByRole('button', { name: 'Revoke token nightly-run' }),
    );
    const confirm = within(
      screen.getByRole('dialog', { name: 'Revoke token "nightly-run"?' }),
    );
    expect(
      confirm.getByText(/refused within seconds, on every route/),
    ).toBeInTheDocument();
    await user.click(confirm.getByRole('button', { name: 'Revoke token' }));

    expect(api.revokeApiToken).toHaveBeenCalledWith('gv', 't1');
    await waitFor(() => expect(api.listApiTokens).toHaveBeenCalledTimes(2));
  });
});
