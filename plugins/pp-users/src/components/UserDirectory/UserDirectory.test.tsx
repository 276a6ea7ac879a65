import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { PpUser } from '@internal/plugin-pp-common';
import { ppUsersApiRef } from '../../api';
import {
  createMockPpUsersApi,
  makeUser,
  pageOf,
} from '../../__testUtils__/mocks';
import { UserDirectory } from './UserDirectory';

// Full MUI tables with dialogs and menus are slow to drive in jsdom.
jest.setTimeout(30_000);

const ann = makeUser({ id: 'ann', name: 'Ann Lee', roles: ['admin'] });
const bob = makeUser({ id: 'bob', name: 'Bob Roy', roles: ['viewer'] });

function setup(users: PpUser[] = [ann, bob], total = users.length) {
  const api = createMockPpUsersApi();
  api.listUsers.mockResolvedValue(pageOf(users, total));
  const user = userEvent.setup({ delay: null });
  renderInTestApp(<UserDirectory />, { apis: [[ppUsersApiRef, api]] });
  return { api, user };
}

describe('UserDirectory', () => {
  it('loads the first page sorted by name and renders the users', async () => {
    const { api } = setup();

    expect(await screen.findByText('Ann Lee')).toBeInTheDocument();
    expect(screen.getByText('Bob Roy')).toBeInTheDocument();
    expect(api.listUsers).toHaveBeenCalledWith({
      sort: 'name',
      order: 'asc',
      limit: 25,
      offset: 0,
    });
    expect(screen.getByText('1-2 of 2')).toBeInTheDocument();
  });

  it('searches and filters on the server', async () => {
    const { api, user } = setup();
    await screen.findByText('Ann Lee');

    await user.type(
      screen.getByRole('textbox', { name: 'Search users' }),
      'ann',
    );
    await waitFor(() =>
      expect(api.listUsers).toHaveBeenLastCalledWith(
        expect.objectContaining({ search: 'ann', offset: 0 }),
      ),
    );

    await user.click(screen.getByRole('button', { name: /^Status/ }));
    await user.click(screen.getByRole('option', { name: 'Inactive' }));
    await waitFor(() =>
      expect(api.listUsers).toHaveBeenLastCalledWith(
        expect.objectContaining({ search: 'ann', status: 'inactive' }),
      ),
    );

    await user.click(screen.getByRole('button', { name: /^Kind/ }));
    await user.click(screen.getByRole('option', { name: 'AI agent' }));
    await waitFor(() =>
      expect(api.listUsers).toHaveBeenLastCalledWith(
        expect.objectContaining({ kind: 'agent', status: 'inactive' }),
      ),
    );
  });

  it('pages with limit and offset from total_count', async () => {
    const users = Array.from({ length: 25 }, (_, i) =>
      makeUser({ id: `u${i}`, name: `User ${i}` }),
    );
    const { api, user } = setup(users, 60);
    await screen.findByText('User 0');
    expect(screen.getByText('1-25 of 60')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.listUsers).toHaveBeenLastCalledWith(
        expect.objectContaining({ limit: 25, offset: 25 }),
      ),
    );
  });

  it('shows an empty state', async () => {
    setup([]);
    expect(await screen.findByText('No users yet')).toBeInTheDocument();
  });

  it('shows the server error', async () => {
    const api = createMockPpUsersApi();
    api.listUsers.mockRejectedValue(new Error('backend unavailable'));
    renderInTestApp(<UserDirectory />, { apis: [[ppUsersApiRef, api]] });
    expect(
      await screen.findByText(/Could not load the users/),
    ).toBeInTheDocument();
  });

  it('assigns a role after confirmation, with a reason', async () => {
    const { api, user } = setup();
    api.assignRole.mockResolvedValue({
      ...bob,
      roles: ['viewer', 'helpdesk_agent'],
    });
    await screen.findByText('Bob Roy');

    await user.click(
      screen.getByRole('button', { name: 'Assign a role to Bob Roy' }),
    );
    await user.click(
      within(screen.getByRole('menu')).getByText('Helpdesk Agent'),
    );

    const dialog = within(screen.getByRole('dialog'));
    expect(
      dialog.getByText('Assign Helpdesk Agent to Bob Roy?'),
    ).toBeInTheDocument();
    // the role change ends the person's sessions: the dialog says so
    expect(
      dialog.getByText(
        'Changing roles signs Bob Roy out everywhere at once: their sessions end and they sign in again to use the new roles.',
      ),
    ).toBeInTheDocument();
    await user.type(dialog.getByRole('textbox'), 'covers nights');
    await user.click(dialog.getByRole('button', { name: 'Assign role' }));

    expect(api.assignRole).toHaveBeenCalledWith(
      'bob',
      'helpdesk_agent',
      'covers nights',
    );
    await waitFor(() => expect(api.listUsers).toHaveBeenCalledTimes(2));
  });

  it('keeps the dialog open with the server message when a revoke is refused', async () => {
    const { api, user } = setup();
    api.revokeRole.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'ConflictError',
              message: 'Cannot remove the last admin',
            },
            response: { statusCode: 409 },
          }),
          { status: 409, headers: { 'content-type': 'application/json' } },
        ),
      ),
    );
    await screen.findByText('Ann Lee');

    await user.click(screen.getByTitle('Revoke Admin from Ann Lee'));
    const dialog = within(screen.getByRole('dialog'));
    await user.click(dialog.getByRole('button', { name: 'Revoke role' }));

    expect(
      await dialog.findByText('Cannot remove the last admin'),
    ).toBeInTheDocument();
    expect(api.revokeRole).toHaveBeenCalledWith('ann', 'admin', undefined);
  });

  it('deactivates after confirmation and activates at once', async () => {
    const inactive = makeUser({ id: 'cy', name: 'Cy Doe', status: 'inactive' });
    const { api, user } = setup([ann, inactive]);
    api.updateUser.mockResolvedValue(ann);
    await screen.findByText('Ann Lee');

    await user.click(screen.getByRole('checkbox', { name: 'Activate Cy Doe' }));
    expect(api.updateUser).toHaveBeenCalledWith('cy', { status: 'active' });

    await user.click(
      screen.getByRole('checkbox', { name: 'Deactivate Ann Lee' }),
    );
    expect(api.updateUser).toHaveBeenCalledTimes(1);
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Deactivate',
      }),
    );
    expect(api.updateUser).toHaveBeenLastCalledWith('ann', {
      status: 'inactive',
    });
  });

  it('bulk-assigns a role to the selected users', async () => {
    const { api, user } = setup();
    api.bulkAssignRole.mockResolvedValue([bob]);
    await screen.findByText('Bob Roy');

    await user.click(screen.getByRole('checkbox', { name: 'Select Bob Roy' }));
    const bar = within(screen.getByRole('region', { name: 'Bulk actions' }));
    expect(bar.getByText('1 selected')).toBeInTheDocument();
    await user.click(bar.getByRole('button', { name: /Role to assign/ }));
    await user.click(screen.getByRole('option', { name: 'Helpdesk Agent' }));
    await user.click(bar.getByRole('button', { name: 'Assign to 1 user' }));

    expect(api.bulkAssignRole).toHaveBeenCalledWith({
      user_ids: ['bob'],
      role: 'helpdesk_agent',
      reason: undefined,
    });
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Bulk actions' }),
      ).not.toBeInTheDocument(),
    );
  });

  it(`disables bulk assignment above the limit of 50`, async () => {
    const users = Array.from({ length: 60 }, (_, i) =>
      makeUser({ id: `u${i}`, name: `User ${i}` }),
    );
    const { api, user } = setup(users, 60);
    await screen.findByText('User 0');

    await user.click(
      screen.getByRole('checkbox', { name: 'Select all users on this page' }),
    );
    const bar = within(screen.getByRole('region', { name: 'Bulk actions' }));
    expect(bar.getByText('60 selected')).toBeInTheDocument();
    await user.click(bar.getByRole('button', { name: /Role to assign/ }));
    await user.click(screen.getByRole('option', { name: 'Viewer' }));

    expect(
      bar.getByRole('button', { name: 'Assign to 60 users' }),
    ).toBeDisabled();
    expect(
      bar.getByText(/limited to 50 users at a time; 60 are selected/),
    ).toBeInTheDocument();
    expect(api.bulkAssignRole).not.toHaveBeenCalled();
  });

  it('tells how many role requests are pending', async () => {
    const api = createMockPpUsersApi();
    api.listUsers.mockResolvedValue(pageOf([ann]));
    api.listRoleRequests.mockResolvedValue(pageOf([], 3));
    renderInTestApp(<UserDirectory />, { apis: [[ppUsersApiRef, api]] });

    expect(
      await screen.findByText('3 role requests are waiting for review.'),
    ).toBeInTheDocument();
    expect(api.listRoleRequests).toHaveBeenCalledWith({
      status: 'pending',
      limit: 1,
    });
  });

  it('shows a person just added at the top of the list without a search', async () => {
    // 60 people: the new one sorts onto a later page, the first page does not hold them.
    const { api, user } = setup([ann, bob], 60);
    await screen.findByText('Ann Lee');
    const zed = makeUser({
      id: 'zed',
      name: 'Zed Young',
      email: 'zed@waooaw.com',
      roles: ['viewer'],
    });
    api.createUser.mockResolvedValue(zed);
    api.getUser.mockResolvedValue(zed);

    await user.click(screen.getByRole('button', { name: 'Add user' }));
    const dialog = within(screen.getByRole('dialog'));
    await user.type(dialog.getByRole('textbox', { name: /Name/ }), 'Zed Young');
    await user.type(
      dialog.getByRole('textbox', { name: /Email/ }),
      'zed@waooaw.com',
    );
    await user.click(dialog.getByRole('button', { name: 'Add user' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Zed Young')).toBeInTheDocument();
    const rows = screen.getAllByRole('row').map(row => row.textContent);
    expect(rows.findIndex(text => text?.includes('Zed Young'))).toBeLessThan(
      rows.findIndex(text => text?.includes('Ann Lee')),
    );
    expect(api.getUser).toHaveBeenCalledWith('zed');
    expect(api.listUsers).not.toHaveBeenLastCalledWith(
      expect.objectContaining({ search: expect.anything() }),
    );
  });
});
