import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PpRoleChange } from '@internal/plugin-pp-common';
import { ppUsersApiRef } from '../../api';
import {
  createMockPpUsersApi,
  makeUser,
  pageOf,
} from '../../__testUtils__/mocks';
import { RoleChangeLog } from './RoleChangeLog';

const change: PpRoleChange = {
  id: 'c1',
  user_id: 'bob',
  action: 'assign',
  role: 'helpdesk_agent',
  old_roles: ['viewer'],
  new_roles: ['viewer', 'helpdesk_agent'],
  changed_by: 'user:default/ann',
  reason: 'covers the night shift',
  changed_at: '2025-01-01T00:00:00Z',
};

describe('RoleChangeLog', () => {
  it('lists the role changes of all users with who, what and why', async () => {
    const api = createMockPpUsersApi();
    api.listRoleChanges.mockResolvedValue(pageOf([change], 1));
    api.getUser.mockResolvedValue(
      makeUser({ id: 'bob', name: 'Bob Roy', email: 'bob@waooaw.com' }),
    );
    await renderInTestApp(<RoleChangeLog />, { apis: [[ppUsersApiRef, api]] });

    await waitFor(() =>
      expect(screen.getByText('Bob Roy <bob@waooaw.com>')).toBeInTheDocument(),
    );
    expect(screen.getByText('Assigned')).toBeInTheDocument();
    expect(screen.getByText('user:default/ann')).toBeInTheDocument();
    expect(screen.getByText('covers the night shift')).toBeInTheDocument();
    expect(api.listRoleChanges).toHaveBeenCalledWith({ limit: 25, offset: 0 });
  });

  it('names who made each change instead of showing their id', async () => {
    const api = createMockPpUsersApi();
    api.listRoleChanges.mockResolvedValue(
      pageOf(
        [
          { ...change, id: 'c1', changed_by: 'user:pp/ann-id' },
          { ...change, id: 'c2', changed_by: 'pp-access-expiry' },
        ],
        2,
      ),
    );
    api.getUser.mockImplementation(async id =>
      id === 'ann-id'
        ? makeUser({ id, name: 'Ann Admin', email: 'ann@waooaw.com' })
        : makeUser({ id, name: 'Bob Roy', email: 'bob@waooaw.com' }),
    );
    await renderInTestApp(<RoleChangeLog />, { apis: [[ppUsersApiRef, api]] });

    expect(await screen.findByText('Ann Admin')).toBeInTheDocument();
    expect(screen.getByText('Access expiry (automatic)')).toBeInTheDocument();
    expect(screen.queryByText(/user:pp\//)).not.toBeInTheDocument();
    expect(api.getUser).toHaveBeenCalledWith('ann-id');
  });

  it('loads again on refresh', async () => {
    const api = createMockPpUsersApi();
    const user = userEvent.setup({ delay: null });
    await renderInTestApp(<RoleChangeLog />, { apis: [[ppUsersApiRef, api]] });
    expect(
      await screen.findByText('No role changes recorded yet.'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(api.listRoleChanges).toHaveBeenCalledTimes(2));
  });

  it('shows a load error', async () => {
    const api = createMockPpUsersApi();
    api.listRoleChanges.mockRejectedValue(new Error('nope'));
    await renderInTestApp(<RoleChangeLog />, { apis: [[ppUsersApiRef, api]] });
    expect(
      await screen.findByText(/Could not load the role changes/),
    ).toBeInTheDocument();
  });
});
