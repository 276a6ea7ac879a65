import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PP_BULK_ASSIGN_LIMIT } from '@internal/plugin-pp-common';
import { makeUser } from '../../__testUtils__/mocks';
import { BulkAssignBar } from './BulkAssignBar';

jest.setTimeout(30_000);

const users = (n: number) =>
  Array.from({ length: n }, (_, i) => makeUser({ id: `u${i}` }));

async function chooseRole(
  user: ReturnType<typeof userEvent.setup>,
  title: string,
) {
  await user.click(screen.getByRole('button', { name: /Role to assign/ }));
  await user.click(screen.getByRole('option', { name: title }));
}

describe('BulkAssignBar', () => {
  it('assigns the chosen role with a reason', async () => {
    const user = userEvent.setup({ delay: null });
    const onAssign = jest.fn().mockResolvedValue(undefined);
    await renderInTestApp(
      <BulkAssignBar
        selected={users(2)}
        onAssign={onAssign}
        onClear={jest.fn()}
      />,
    );

    expect(screen.getByText('2 selected')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Assign to 2 users' }),
    ).toBeDisabled();
    await chooseRole(user, 'Helpdesk Agent');
    await user.type(
      screen.getByRole('textbox', { name: 'Reason (optional)' }),
      'night shift',
    );
    await user.click(screen.getByRole('button', { name: 'Assign to 2 users' }));

    expect(onAssign).toHaveBeenCalledWith('helpdesk_agent', 'night shift');
  });

  it(`is disabled above ${PP_BULK_ASSIGN_LIMIT} selected, saying why`, async () => {
    const user = userEvent.setup({ delay: null });
    const onAssign = jest.fn();
    await renderInTestApp(
      <BulkAssignBar
        selected={users(PP_BULK_ASSIGN_LIMIT + 1)}
        onAssign={onAssign}
        onClear={jest.fn()}
      />,
    );

    await chooseRole(user, 'Viewer');
    expect(
      screen.getByRole('button', { name: 'Assign to 51 users' }),
    ).toBeDisabled();
    expect(
      screen.getByText(
        'Bulk assignment is limited to 50 users at a time; 51 are selected. Deselect 1 to continue.',
      ),
    ).toBeInTheDocument();
  });

  it('allows exactly the limit', async () => {
    const user = userEvent.setup({ delay: null });
    await renderInTestApp(
      <BulkAssignBar
        selected={users(PP_BULK_ASSIGN_LIMIT)}
        onAssign={jest.fn()}
        onClear={jest.fn()}
      />,
    );
    await chooseRole(user, 'Viewer');
    expect(
      screen.getByRole('button', { name: 'Assign to 50 users' }),
    ).toBeEnabled();
  });

  it('refuses admin for principals that hold other roles', async () => {
    const user = userEvent.setup({ delay: null });
    await renderInTestApp(
      <BulkAssignBar
        selected={[makeUser({ id: 'a', name: 'Ann', roles: ['viewer'] })]}
        onAssign={jest.fn()}
        onClear={jest.fn()}
      />,
    );
    await chooseRole(user, 'Admin');
    expect(
      screen.getByRole('button', { name: 'Assign to 1 user' }),
    ).toBeDisabled();
    expect(
      screen.getByText(/\(Ann\) cannot take this role/),
    ).toBeInTheDocument();
  });

  it("shows the server's error", async () => {
    const user = userEvent.setup({ delay: null });
    const onAssign = jest.fn().mockRejectedValue(new Error('at most 50 users'));
    await renderInTestApp(
      <BulkAssignBar
        selected={users(1)}
        onAssign={onAssign}
        onClear={jest.fn()}
      />,
    );
    await chooseRole(user, 'Viewer');
    await user.click(screen.getByRole('button', { name: 'Assign to 1 user' }));
    expect(await screen.findByText('at most 50 users')).toBeInTheDocument();
  });
});
