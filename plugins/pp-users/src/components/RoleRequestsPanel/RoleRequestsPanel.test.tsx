import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PpRoleRequest } from '@internal/plugin-pp-common';
import { ppUsersApiRef } from '../../api';
import {
  createMockPpUsersApi,
  makeUser,
  pageOf,
} from '../../__testUtils__/mocks';
import { RoleRequestsPanel } from './RoleRequestsPanel';

jest.setTimeout(30_000);

const request: PpRoleRequest = {
  id: 'r1',
  user_id: 'bob',
  requested_role: 'helpdesk_agent',
  reason: 'I cover the night shift on the helpdesk',
  status: 'pending',
  decided_by: null,
  decision_note: null,
  created_at: '2025-01-01T00:00:00Z',
  decided_at: null,
  duration_hours: null,
  expires_at: null,
};

function setup() {
  const api = createMockPpUsersApi();
  api.listRoleRequests.mockResolvedValue(pageOf([request]));
  api.getUser.mockResolvedValue(
    makeUser({ id: 'bob', name: 'Bob Roy', email: 'bob@waooaw.com' }),
  );
  const user = userEvent.setup({ delay: null });
  renderInTestApp(<RoleRequestsPanel />, { apis: [[ppUsersApiRef, api]] });
  return { api, user };
}

describe('RoleRequestsPanel', () => {
  it('lists pending requests with the requester', async () => {
    const { api } = setup();
    await waitFor(() =>
      expect(screen.getByText('Bob Roy (bob@waooaw.com)')).toBeInTheDocument(),
    );
    expect(
      screen.getByText('I cover the night shift on the helpdesk'),
    ).toBeInTheDocument();
    expect(api.listRoleRequests).toHaveBeenCalledWith({
      status: 'pending',
      limit: 25,
      offset: 0,
    });
    expect(api.getUser).toHaveBeenCalledWith('bob');
  });

  it('approves with a note', async () => {
    const { api, user } = setup();
    api.approveRoleRequest.mockResolvedValue({
      ...request,
      status: 'approved',
    });
    await waitFor(() =>
      expect(screen.getByText('Bob Roy (bob@waooaw.com)')).toBeInTheDocument(),
    );

    await user.click(
      screen.getByRole('button', { name: 'Approve request r1' }),
    );
    const dialog = within(screen.getByRole('dialog'));
    expect(
      dialog.getByText('Approve Helpdesk Agent for Bob Roy (bob@waooaw.com)?'),
    ).toBeInTheDocument();
    expect(
      dialog.getByText(
        /^Changing roles signs Bob Roy \(bob@waooaw.com\) out everywhere at once/,
      ),
    ).toBeInTheDocument();
    await user.type(dialog.getByRole('textbox'), 'welcome aboard');
    await user.click(dialog.getByRole('button', { name: 'Approve' }));

    expect(api.approveRoleRequest).toHaveBeenCalledWith('r1', 'welcome aboard');
    await waitFor(() => expect(api.listRoleRequests).toHaveBeenCalledTimes(2));
  });

  it('denies without a note', async () => {
    const { api, user } = setup();
    api.denyRoleRequest.mockResolvedValue({ ...request, status: 'denied' });
    await waitFor(() =>
      expect(screen.getByText('Bob Roy (bob@waooaw.com)')).toBeInTheDocument(),
    );

    await user.click(screen.getByRole('button', { name: 'Deny request r1' }));
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Deny' }),
    );
    expect(api.denyRoleRequest).toHaveBeenCalledWith('r1', undefined);
  });

  it('shows decided requests on demand', async () => {
    const { api, user } = setup();
    await screen.findByText('Pending requests (1)');
    api.listRoleRequests.mockResolvedValue(
      pageOf([
        {
          ...request,
          status: 'approved',
          decided_by: 'user:default/ann',
          decision_note: 'ok',
          decided_at: '2025-01-02T00:00:00Z',
          duration_hours: null,
          expires_at: null,
        },
      ]),
    );

    await user.click(screen.getByRole('button', { name: 'Approved' }));
    await waitFor(() =>
      expect(api.listRoleRequests).toHaveBeenLastCalledWith({
        status: 'approved',
        limit: 25,
        offset: 0,
      }),
    );
    expect(await screen.findByText(/user:default\/ann/)).toBeInTheDocument();
  });
});
