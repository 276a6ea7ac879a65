import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { ppUsersApiRef } from '../../api';
import { createMockPpUsersApi, makeUser } from '../../__testUtils__/mocks';
import { AddUserDialog } from './AddUserDialog';

jest.setTimeout(30_000);

function setup() {
  const api = createMockPpUsersApi();
  const onClose = jest.fn();
  const onCreated = jest.fn();
  const user = userEvent.setup({ delay: null });
  renderInTestApp(
    <AddUserDialog open onClose={onClose} onCreated={onCreated} />,
    { apis: [[ppUsersApiRef, api]] },
  );
  const dialog = within(screen.getByRole('dialog'));
  return { api, onClose, onCreated, user, dialog };
}

async function pickRoles(
  user: ReturnType<typeof userEvent.setup>,
  dialog: ReturnType<typeof within>,
  titles: string[],
) {
  await user.click(dialog.getByRole('button', { name: /Initial roles/ }));
  const listbox = within(screen.getByRole('listbox'));
  for (const title of titles) {
    await user.click(listbox.getByText(title));
  }
  await user.keyboard('{Escape}');
}

describe('AddUserDialog', () => {
  it('submits a person with initial roles', async () => {
    const { api, onClose, onCreated, user, dialog } = setup();
    const created = makeUser({ id: 'new', name: 'Dee Kay' });
    api.createUser.mockResolvedValue(created);

    await user.type(dialog.getByRole('textbox', { name: /Name/ }), 'Dee Kay');
    await user.type(
      dialog.getByRole('textbox', { name: /Email/ }),
      'dee@waooaw.com',
    );
    await pickRoles(user, dialog, ['Helpdesk Agent', 'Viewer']);
    await user.click(dialog.getByRole('button', { name: 'Add user' }));

    expect(api.createUser).toHaveBeenCalledWith({
      name: 'Dee Kay',
      email: 'dee@waooaw.com',
      kind: 'user',
      roles: ['helpdesk_agent', 'viewer'],
    });
    expect(onCreated).toHaveBeenCalledWith(created);
    expect(onClose).toHaveBeenCalled();
  });

  it('asks an agent for its catalog entity instead of an email', async () => {
    const { api, user, dialog } = setup();
    api.createUser.mockResolvedValue(makeUser({ id: 'gv', kind: 'agent' }));

    await user.click(dialog.getByRole('radio', { name: 'AI agent' }));
    await user.type(
      dialog.getByRole('textbox', { name: /Name/ }),
      'Genesis validator',
    );
    await user.type(
      dialog.getByRole('textbox', { name: /Catalog entity/ }),
      'component:default/genesis-validator',
    );
    await user.click(dialog.getByRole('button', { name: 'Add agent' }));

    expect(api.createUser).toHaveBeenCalledWith({
      name: 'Genesis validator',
      kind: 'agent',
      entity_ref: 'component:default/genesis-validator',
      roles: [],
    });
  });

  it('refuses admin combined with another role before calling the server', async () => {
    const { api, user, dialog } = setup();

    await user.type(dialog.getByRole('textbox', { name: /Name/ }), 'Eve');
    await user.type(
      dialog.getByRole('textbox', { name: /Email/ }),
      'eve@waooaw.com',
    );
    await pickRoles(user, dialog, ['Admin', 'Viewer']);

    expect(dialog.getByText(/admin role is exclusive/)).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Add user' })).toBeDisabled();
    expect(api.createUser).not.toHaveBeenCalled();
  });

  it('validates required fields on submit', async () => {
    const { api, user, dialog } = setup();
    await user.click(dialog.getByRole('button', { name: 'Add user' }));
    expect(dialog.getByText('A name is required')).toBeInTheDocument();
    expect(
      dialog.getByText('An email address is required for people'),
    ).toBeInTheDocument();
    expect(api.createUser).not.toHaveBeenCalled();
  });

  it('refuses an address outside the allowed domains on the field, as it is typed', async () => {
    const { api, user, dialog } = setup();
    await user.type(dialog.getByRole('textbox', { name: /Name/ }), 'Mal');
    const email = dialog.getByRole('textbox', { name: /Email/ });
    // still a possible @waooaw.com address: nothing said yet
    await user.type(email, 'mal@waoo');
    expect(dialog.queryByText(/use an address ending in/)).toBeNull();
    await user.clear(email);
    await user.type(email, 'mal@gmail');
    expect(
      dialog.getByText(
        'People sign in with Google Workspace: use an address ending in @waooaw.com',
      ),
    ).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(dialog.getByRole('button', { name: 'Add user' })).toBeDisabled();
    expect(api.createUser).not.toHaveBeenCalled();
  });

  it('says on leaving the field that an address is incomplete', async () => {
    const { user, dialog } = setup();
    const email = dialog.getByRole('textbox', { name: /Email/ });
    await user.type(email, 'mal@waooaw');
    expect(dialog.queryByText(/use an address ending in/)).toBeNull();
    await user.tab();
    expect(
      dialog.getByText(
        'People sign in with Google Workspace: use an address ending in @waooaw.com',
      ),
    ).toBeInTheDocument();
  });

  it('takes the allowed domains from the config', async () => {
    const api = createMockPpUsersApi();
    const user = userEvent.setup({ delay: null });
    renderInTestApp(
      <AddUserDialog open onClose={jest.fn()} onCreated={jest.fn()} />,
      {
        apis: [[ppUsersApiRef, api]],
        config: { pp: { auth: { allowedDomains: ['a.org', 'b.org'] } } },
      },
    );
    const dialog = within(screen.getByRole('dialog'));
    await user.type(
      dialog.getByRole('textbox', { name: /Email/ }),
      'eve@waooaw.com',
    );
    expect(
      dialog.getByText(
        'People sign in with Google Workspace: use an address ending in @a.org or @b.org',
      ),
    ).toBeInTheDocument();
  });

  it("shows the server's 400 message and stays open", async () => {
    const { api, onClose, user, dialog } = setup();
    api.createUser.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'InputError',
              message:
                'mal@waooaw.com is not in the Google Workspace directory',
            },
            response: { statusCode: 400 },
          }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        ),
      ),
    );

    await user.type(dialog.getByRole('textbox', { name: /Name/ }), 'Mal');
    await user.type(
      dialog.getByRole('textbox', { name: /Email/ }),
      'mal@waooaw.com',
    );
    await user.click(dialog.getByRole('button', { name: 'Add user' }));

    expect(
      await dialog.findByText(
        'mal@waooaw.com is not in the Google Workspace directory',
      ),
    ).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});
