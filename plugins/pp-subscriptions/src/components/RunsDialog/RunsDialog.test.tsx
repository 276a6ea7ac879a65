import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMockSubscriptionsApi, makeRun } from '../../__testUtils__/mocks';
import { renderSubscriptionDialog } from '../../__testUtils__/render';
import { RunsDialog } from './RunsDialog';

describe('RunsDialog', () => {
  it('asks for the reason first and reads no run before it is given', async () => {
    const user = userEvent.setup({ delay: null });
    const api = createMockSubscriptionsApi();
    api.listAgentRuns.mockImplementation(async (_id, query) =>
      query.cursor === 'c2'
        ? { items: [makeRun('r3', 'succeeded')], limit: 20, next_cursor: null }
        : {
            items: [makeRun('r1', 'failed'), makeRun('r2', 'succeeded')],
            limit: 20,
            next_cursor: 'c2',
          },
    );
    const dialog = await renderSubscriptionDialog(RunsDialog, api);
    expect(
      dialog.getByText(/written to the audit log with your name/),
    ).toBeInTheDocument();
    const show = dialog.getByRole('button', { name: 'Show runs' });
    expect(show).toBeDisabled();
    await user.type(dialog.getByLabelText('Reason'), 'why');
    expect(show).toBeDisabled();
    expect(
      dialog.getByText('At least 5 characters; written to the audit log'),
    ).toBeInTheDocument();
    expect(api.listAgentRuns).not.toHaveBeenCalled();

    await user.type(dialog.getByLabelText('Reason'), ' the failures?');
    expect(show).toBeEnabled();
    await user.click(show);
    expect(await dialog.findAllByTestId('run-row')).toHaveLength(2);
    expect(api.listAgentRuns).toHaveBeenLastCalledWith('demo-sub-003', {
      reason: 'why the failures?',
      status: undefined,
      limit: 20,
      cursor: undefined,
    });
    const first = within(dialog.getAllByTestId('run-row')[0]);
    expect(first.getByText('Failed')).toBeInTheDocument();
    expect(first.getByText('42 s')).toBeInTheDocument();
    expect(first.getByText('CRM API returned 401')).toBeInTheDocument();

    // a run's inputs, outputs and actions as JSON
    await user.click(dialog.getAllByTestId('run-row')[1]);
    const detail = within(dialog.getByTestId('run-detail'));
    expect(detail.getByLabelText('Inputs')).toHaveTextContent(
      '"task": "task of r2"',
    );
    expect(
      detail.getByRole('button', { name: 'Copy inputs' }),
    ).toBeInTheDocument();

    // paging, and the status filter (with the same audited reason)
    await user.click(dialog.getByRole('button', { name: 'Older runs' }));
    await waitFor(() =>
      expect(dialog.getAllByTestId('run-row')).toHaveLength(1),
    );
    expect(api.listAgentRuns).toHaveBeenLastCalledWith(
      'demo-sub-003',
      expect.objectContaining({ cursor: 'c2', reason: 'why the failures?' }),
    );
    await user.click(dialog.getByRole('button', { name: 'Newer runs' }));
    await waitFor(() =>
      expect(dialog.getAllByTestId('run-row')).toHaveLength(2),
    );

    await user.click(dialog.getByRole('button', { name: /^Run status/ }));
    await user.click(await screen.findByRole('option', { name: 'Failed' }));
    await waitFor(() =>
      expect(api.listAgentRuns).toHaveBeenLastCalledWith(
        'demo-sub-003',
        expect.objectContaining({ status: ['failed'], cursor: undefined }),
      ),
    );
  });

  it('shows the server’s refusal as a sentence', async () => {
    const user = userEvent.setup({ delay: null });
    const api = createMockSubscriptionsApi();
    api.listAgentRuns.mockRejectedValue(
      new Error('You may not read agent runs.'),
    );
    const dialog = await renderSubscriptionDialog(RunsDialog, api);
    await user.type(dialog.getByLabelText('Reason'), 'checking a complaint');
    await user.click(dialog.getByRole('button', { name: 'Show runs' }));
    expect(
      await dialog.findByText('You may not read agent runs.'),
    ).toBeInTheDocument();
    expect(dialog.queryByTestId('run-row')).toBeNull();
  });
});
