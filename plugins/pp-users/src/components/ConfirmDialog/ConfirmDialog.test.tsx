import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ConfirmDialog } from './ConfirmDialog';

describe('ConfirmDialog', () => {
  it('passes the note to onConfirm and closes', async () => {
    const user = userEvent.setup({ delay: null });
    const onConfirm = jest.fn().mockResolvedValue(undefined);
    const onClose = jest.fn();
    await renderInTestApp(
      <ConfirmDialog
        open
        title="Deny?"
        confirmLabel="Deny"
        noteLabel="Note"
        onConfirm={onConfirm}
        onClose={onClose}
      >
        Really?
      </ConfirmDialog>,
    );

    expect(screen.getByText('Really?')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Note' }), '  later ');
    await user.click(screen.getByRole('button', { name: 'Deny' }));
    expect(onConfirm).toHaveBeenCalledWith('later');
    expect(onClose).toHaveBeenCalled();
  });

  it('stays open with the error when the action fails', async () => {
    const user = userEvent.setup({ delay: null });
    const onClose = jest.fn();
    await renderInTestApp(
      <ConfirmDialog
        open
        title="Revoke?"
        confirmLabel="Revoke"
        onConfirm={jest.fn().mockRejectedValue(new Error('last admin'))}
        onClose={onClose}
      />,
    );

    await user.click(screen.getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('last admin')).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});
