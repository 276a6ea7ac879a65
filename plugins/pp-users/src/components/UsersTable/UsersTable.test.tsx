import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { makeUser } from '../../__testUtils__/mocks';
import { UsersTable, UsersTableProps } from './UsersTable';

const ann = makeUser({
  id: 'ann',
  name: 'Ann Lee',
  email: 'ann@waooaw.com',
  roles: ['admin'],
  last_active_at: new Date(Date.now() - 3 * 3600 * 1000).toISOString(),
});
const validator = makeUser({
  id: 'gv',
  name: 'Genesis validator',
  kind: 'agent',
  email: null,
  roles: ['agent_orchestrator', 'viewer'],
  status: 'inactive',
  entity_ref: 'component:default/genesis-validator',
});

function renderTable(overrides: Partial<UsersTableProps> = {}) {
  const props: jest.Mocked<UsersTableProps> = {
    users: [ann, validator],
    selectedIds: new Set(['gv']),
    onSelect: jest.fn(),
    sort: { field: 'name', order: 'asc' },
    onSortChange: jest.fn(),
    onAssignRole: jest.fn(),
    onRevokeRole: jest.fn(),
    onSetActive: jest.fn(),
    onShowRoleChanges: jest.fn(),
    onManageTokens: jest.fn(),
    ...overrides,
  } as jest.Mocked<UsersTableProps>;
  return { props, ...renderInTestApp(<UsersTable {...props} />) };
}

describe('UsersTable', () => {
  it('renders name, email, kind, roles, status and last activity', async () => {
    renderTable();

    const annRow = within(screen.getByTestId('user-row-ann'));
    expect(annRow.getByText('Ann Lee')).toBeInTheDocument();
    expect(annRow.getByText('ann@waooaw.com')).toBeInTheDocument();
    expect(annRow.getByText('Person')).toBeInTheDocument();
    expect(annRow.getByText('Admin')).toBeInTheDocument();
    expect(annRow.getByText('Active')).toBeInTheDocument();
    expect(annRow.getByText('3 hours ago')).toBeInTheDocument();

    const agentRow = within(screen.getByTestId('user-row-gv'));
    expect(
      agentRow.getByText('component:default/genesis-validator'),
    ).toBeInTheDocument();
    expect(agentRow.getByText('AI agent')).toBeInTheDocument();
    expect(agentRow.getByText('Agent Orchestrator')).toBeInTheDocument();
    expect(agentRow.getByText('Viewer')).toBeInTheDocument();
    expect(agentRow.getByText('Inactive')).toBeInTheDocument();
    expect(agentRow.getByText('Never')).toBeInTheDocument();
  });

  it('reports selection of a row and of the whole page', async () => {
    const user = userEvent.setup({ delay: null });
    const { props } = renderTable();

    expect(
      screen.getByRole('checkbox', { name: 'Select Genesis validator' }),
    ).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Select Ann Lee' }));
    expect(props.onSelect).toHaveBeenLastCalledWith([ann], true);

    await user.click(
      screen.getByRole('checkbox', { name: 'Select all users on this page' }),
    );
    expect(props.onSelect).toHaveBeenLastCalledWith([ann, validator], true);
  });

  it('sorts by a column, toggling the order on the active one', async () => {
    const user = userEvent.setup({ delay: null });
    const { props } = renderTable();

    await user.click(screen.getByRole('button', { name: 'Name' }));
    expect(props.onSortChange).toHaveBeenLastCalledWith({
      field: 'name',
      order: 'desc',
    });
    await user.click(screen.getByRole('button', { name: 'Last active' }));
    expect(props.onSortChange).toHaveBeenLastCalledWith({
      field: 'last_active_at',
      order: 'desc',
    });
  });

  it('revokes with a chip and assigns from the menu, offering only valid roles', async () => {
    const user = userEvent.setup({ delay: null });
    const { props } = renderTable();

    await user.click(screen.getByTitle('Revoke Viewer from Genesis validator'));
    expect(props.onRevokeRole).toHaveBeenCalledWith(validator, 'viewer');

    await user.click(
      screen.getByRole('button', {
        name: 'Assign a role to Genesis validator',
      }),
    );
    const menu = within(screen.getByRole('menu'));
    // admin cannot join other roles: offered, but disabled with the reason
    const adminItem = menu.getByText('Admin').closest('li')!;
    expect(adminItem).toHaveAttribute('aria-disabled', 'true');
    expect(
      within(adminItem).getByText(/admin role is exclusive/),
    ).toBeInTheDocument();

    await user.click(menu.getByText('Helpdesk Agent'));
    expect(props.onAssignRole).toHaveBeenCalledWith(
      validator,
      'helpdesk_agent',
    );
  });

  it('toggles status and opens history and, for agents and services only, tokens', async () => {
    const user = userEvent.setup({ delay: null });
    const { props } = renderTable();

    await user.click(
      screen.getByRole('checkbox', { name: 'Deactivate Ann Lee' }),
    );
    expect(props.onSetActive).toHaveBeenCalledWith(ann, false);
    await user.click(
      screen.getByRole('checkbox', { name: 'Activate Genesis validator' }),
    );
    expect(props.onSetActive).toHaveBeenCalledWith(validator, true);

    await user.click(
      screen.getByRole('button', { name: 'Role change history of Ann Lee' }),
    );
    expect(props.onShowRoleChanges).toHaveBeenCalledWith(ann);

    expect(
      screen.queryByRole('button', { name: 'API tokens of Ann Lee' }),
    ).not.toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'API tokens of Genesis validator' }),
    );
    expect(props.onManageTokens).toHaveBeenCalledWith(validator);
  });
});
