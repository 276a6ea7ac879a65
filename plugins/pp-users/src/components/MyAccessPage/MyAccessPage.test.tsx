import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  PP_ROLES,
  PP_ROLE_KEYS,
  PpRoleRequest,
} from '@internal/plugin-pp-common';
import { ppUsersApiRef } from '../../api';
import {
  createMockPpUsersApi,
  makeUser,
  pageOf,
} from '../../__testUtils__/mocks';
import { MyAccessPage } from './MyAccessPage';

jest.setTimeout(90_000);

const denied: PpRoleRequest = {
  id: 'r0',
  user_id: 'vik',
  requested_role: 'helpdesk_agent',
  reason: 'I cover the helpdesk on Fridays',
  status: 'denied',
  decided_by: 'user:default/founder',
  decision_note: 'Ask your lead first',
  created_at: '2025-01-01T00:00:00Z',
  decided_at: '2025-01-02T00:00:00Z',
  duration_hours: null,
  expires_at: null,
};

function setup() {
  const api = createMockPpUsersApi();
  api.getMe.mockResolvedValue({
    user: makeUser({ id: 'vik', name: 'Vik Viewer', roles: ['viewer'] }),
    permissions: ['pp.tickets.read', 'pp.health.read', 'pp.roles.read'],
  });
  api.listRoles.mockResolvedValue(PP_ROLE_KEYS.map(key => PP_ROLES[key]));
  api.listMyRoleRequests.mockResolvedValue(pageOf([denied]));
  const user = userEvent.setup({ delay: null });
  renderInTestApp(<MyAccessPage />, { apis: [[ppUsersApiRef, api]] });
  return { api, user };
}

async function openDialog(user: ReturnType<typeof userEvent.setup>) {
  await user.click(
    await screen.findByRole('button', { name: 'Request a role' }),
  );
  return screen.findByRole('dialog');
}

async function chooseRole(
  user: ReturnType<typeof userEvent.setup>,
  dialog: HTMLElement,
  title: string,
) {
  await user.click(within(dialog).getByRole('button', { name: /Role/ }));
  await user.click(await screen.findByRole('option', { name: title }));
  await waitFor(() =>
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument(),
  );
}

describe('MyAccessPage', () => {
  it('shows my roles, my permissions by area and my requests with the decision', async () => {
    const { api } = setup();
    expect(await screen.findByText('Signed in as Vik Viewer')).toBeVisible();
    expect(screen.getByText('Tickets')).toBeInTheDocument();
    expect(screen.getByText('Health')).toBeInTheDocument();
    expect(screen.getByText('3 permissions from your roles')).toBeVisible();
    expect(await screen.findByText('Denied')).toBeInTheDocument();
    expect(screen.getByText(/Ask your lead first/)).toBeInTheDocument();
    // who decided, in words: never the admin's entity ref
    expect(screen.getByText(/^By an admin, /)).toBeInTheDocument();
    expect(screen.queryByText(/user:/)).not.toBeInTheDocument();
    expect(api.listMyRoleRequests).toHaveBeenCalledWith({
      limit: 10,
      offset: 0,
    });
  });

  it('offers only roles I do not hold, with descriptions, and explains admin', async () => {
    const { user } = setup();
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: /Role/ }));
    const options = (await screen.findAllByRole('option')).map(
      o => o.textContent,
    );
    expect(options).not.toContain(PP_ROLES.viewer.title);
    expect(options).toContain(PP_ROLES.agent_orchestrator.title);
    await user.click(
      screen.getByRole('option', { name: PP_ROLES.admin.title }),
    );
    expect(
      within(dialog).getByTestId('pp-request-role-description'),
    ).toHaveTextContent(PP_ROLES.admin.description);
    expect(within(dialog).getByText(/Admin is exclusive/)).toBeVisible();
  });

  it('keeps the request back until the reason has 10 characters', async () => {
    const { api, user } = setup();
    const dialog = await openDialog(user);
    await chooseRole(user, dialog, PP_ROLES.agent_orchestrator.title);
    const send = within(dialog).getByRole('button', { name: 'Send request' });
    const reason = within(dialog).getByRole('textbox', { name: /Reason/ });
    await user.type(reason, '  short  ');
    await user.tab();
    expect(send).toBeDisabled();
    expect(
      within(dialog).getByText(/at least 10 characters \(5\/10\)/),
    ).toBeVisible();
    await user.type(reason, 'er reason');
    expect(send).toBeEnabled();
    expect(api.requestRole).not.toHaveBeenCalled();
  });

  it('sends the request, closes and refreshes my list', async () => {
    const { api, user } = setup();
    api.requestRole.mockResolvedValue({
      ...denied,
      id: 'r1',
      requested_role: 'agent_orchestrator',
      status: 'pending',
    });
    const dialog = await openDialog(user);
    await chooseRole(user, dialog, PP_ROLES.agent_orchestrator.title);
    await user.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'I run the agent fleet on weekends',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );
    expect(api.requestRole).toHaveBeenCalledWith({
      requested_role: 'agent_orchestrator',
      reason: 'I run the agent fleet on weekends',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    await waitFor(() =>
      expect(api.listMyRoleRequests).toHaveBeenCalledTimes(2),
    );
  });

  it('requests elevation for N hours, and keeps admin permanent', async () => {
    const { api, user } = setup();
    api.requestRole.mockResolvedValue({
      ...denied,
      id: 'r2',
      requested_role: 'infrastructure_engineer',
      status: 'pending',
      duration_hours: 4,
    });
    const dialog = await openDialog(user);
    await chooseRole(user, dialog, PP_ROLES.infrastructure_engineer.title);
    await user.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'incident 42: I need the queues',
    );
    const hours = within(dialog).getByRole('spinbutton', {
      name: /For how many hours/,
    });
    const send = within(dialog).getByRole('button', { name: 'Send request' });
    await user.type(hours, '0');
    expect(
      within(dialog).getByText(/whole number of hours from 1 to 2160/),
    ).toBeInTheDocument();
    expect(send).toBeDisabled();
    await user.clear(hours);
    await user.type(hours, '4');
    expect(
      within(dialog).getByText(/Request elevation for 4 hours/),
    ).toBeInTheDocument();
    await user.click(send);
    expect(api.requestRole).toHaveBeenCalledWith({
      requested_role: 'infrastructure_engineer',
      reason: 'incident 42: I need the queues',
      duration_hours: 4,
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    // Admin: the hours field is off and nothing time-bound is sent.
    const again = await openDialog(user);
    await chooseRole(user, again, PP_ROLES.admin.title);
    expect(
      within(again).getByRole('spinbutton', { name: /For how many hours/ }),
    ).toBeDisabled();
    expect(
      within(again).getByText('Admin is permanent only.'),
    ).toBeInTheDocument();
  });

  it("shows the server's refusal inside the dialog", async () => {
    const { api, user } = setup();
    api.requestRole.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'ConflictError',
              message:
                'A request for the agent_orchestrator role is already pending',
            },
            response: { statusCode: 409 },
          }),
          {
            status: 409,
            statusText: 'Conflict',
            headers: { 'content-type': 'application/json' },
          },
        ),
      ),
    );
    const dialog = await openDialog(user);
    await chooseRole(user, dialog, PP_ROLES.agent_orchestrator.title);
    await user.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'I run the agent fleet on weekends',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );
    expect(
      await within(dialog).findByText(
        'A request for the agent_orchestrator role is already pending',
      ),
    ).toBeVisible();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
