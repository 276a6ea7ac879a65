import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PpApiTokenCreated } from '@internal/plugin-pp-common';
import { TokenCreatedDialog } from './TokenCreatedDialog';

const token: PpApiTokenCreated = {
  id: 't1',
  user_id: 'gv',
  name: 'ci-pipeline',
  created_by: 'user:default/ann',
  created_at: '2025-01-01T00:00:00Z',
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
  token: 'pp_secret_abc123',
};

describe('TokenCreatedDialog', () => {
  it('shows the token once with a warning and copies it', async () => {
    const user = userEvent.setup({ delay: null });
    // user-event installs a clipboard stub; watch what we write to it
    const writeText = jest
      .spyOn(window.navigator.clipboard, 'writeText')
      .mockResolvedValue();
    const onClose = jest.fn();
    await renderInTestApp(
      <TokenCreatedDialog
        token={token}
        principalName="Genesis validator"
        onClose={onClose}
      />,
    );

    expect(screen.getByText(/It will not be shown again/)).toBeInTheDocument();
    expect(
      screen.getByRole('textbox', {
        name: 'Token "ci-pipeline" for Genesis validator',
      }),
    ).toHaveValue('pp_secret_abc123');

    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('pp_secret_abc123');
    expect(
      await screen.findByRole('button', { name: 'Copied' }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('tells to copy by hand when the clipboard is unavailable', async () => {
    const user = userEvent.setup({ delay: null });
    jest
      .spyOn(window.navigator.clipboard, 'writeText')
      .mockRejectedValue(new Error('denied'));
    await renderInTestApp(
      <TokenCreatedDialog
        token={token}
        principalName="x"
        onClose={jest.fn()}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(
      await screen.findByText(/select the token and copy it by hand/),
    ).toBeInTheDocument();
  });

  it('is closed without a token', async () => {
    await renderInTestApp(
      <TokenCreatedDialog
        token={undefined}
        principalName="x"
        onClose={jest.fn()}
      />,
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
