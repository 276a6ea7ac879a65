import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PpSubscriptionAction } from '@internal/plugin-pp-common';
import {
  createMockSubscriptionsApi,
  makeAction,
  makeDetail,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderDetailPage } from '../../__testUtils__/render';

// Every test in this file is an admin (usePermission caches answers per file).
const permissions = mockRolePermissionApi('admin');

describe('SubscriptionDetailPage (admin)', () => {
  it('force-cancels with a reason and a refund, once per dialog opening, and refreshes', async () => {
    // clicks reach a busy (disabled) button too, as a hasty double click would try
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    const api = createMockSubscriptionsApi();
    api.getSubscription.mockResolvedValue(makeDetail());
    let answer: (action: PpSubscriptionAction) => void = () => {};
    api.forceCancel.mockImplementation(
      () => new Promise(resolve => (answer = resolve)),
    );
    await renderDetailPage(api, permissions);
    await user.click(
      await screen.findByRole('button', { name: 'Force-cancel' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByText(
        /cancels Demo Realty Group’s subscription to Sales Prospecting SDR/,
      ),
    ).toBeInTheDocument();
    const confirm = dialog.getByRole('button', { name: 'Force-cancel' });
    expect(confirm).toBeDisabled();
    await user.type(dialog.getByLabelText('Reason'), 'Card fraud confirmed');
    await user.click(dialog.getByLabelText(/Prorated refund/));
    expect(confirm).toBeEnabled();

    await user.click(confirm);
    await user.click(confirm); // a double click: still one request
    expect(api.forceCancel).toHaveBeenCalledTimes(1);
    const [id, body, key] = api.forceCancel.mock.calls[0];
    expect(id).toBe('demo-sub-003');
    expect(body).toEqual({
      reason: 'Card fraud confirmed',
      refund: 'prorated',
    });
    expect(key).toMatch(/^[0-9a-f-]{36}$/);

    api.getSubscription.mockResolvedValue(makeDetail({ status: 'canceled' }));
    answer(makeAction());
    expect(
      await dialog.findByText('Canceled; refund ₹1,234.50.'),
    ).toBeInTheDocument();
    // the page reloads the subscription (now canceled: no second force-cancel)
    await waitFor(() => expect(api.getSubscription).toHaveBeenCalledTimes(2));
    await user.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Force-cancel' })).toBeNull(),
    );
  });

  it('uses a new idempotency key for a new opening, the same one for a retry', async () => {
    const user = userEvent.setup({ delay: null });
    const api = createMockSubscriptionsApi();
    api.getSubscription.mockResolvedValue(makeDetail());
    api.forceCancel.mockRejectedValue(new Error('The network is down.'));
    await renderDetailPage(api, permissions);
    const open = await screen.findByRole('button', { name: 'Force-cancel' });
    await user.click(open);
    let dialog = within(await screen.findByRole('dialog'));
    await user.type(dialog.getByLabelText('Reason'), 'Card fraud confirmed');
    await user.click(dialog.getByRole('button', { name: 'Force-cancel' }));
    expect(await dialog.findByText('The network is down.')).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Force-cancel' }));
    await waitFor(() => expect(api.forceCancel).toHaveBeenCalledTimes(2));
    expect(api.forceCancel.mock.calls[1][2]).toBe(
      api.forceCancel.mock.calls[0][2],
    );

    await user.click(
      dialog.getByRole('button', { name: 'Keep the subscription' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.click(open);
    dialog = within(await screen.findByRole('dialog'));
    await user.type(dialog.getByLabelText('Reason'), 'Card fraud confirmed');
    await user.click(dialog.getByRole('button', { name: 'Force-cancel' }));
    await waitFor(() => expect(api.forceCancel).toHaveBeenCalledTimes(3));
    expect(api.forceCancel.mock.calls[2][2]).not.toBe(
      api.forceCancel.mock.calls[0][2],
    );
  });
});
