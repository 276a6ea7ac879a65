import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { UsersToolbar } from './UsersToolbar';

describe('UsersToolbar', () => {
  it('reports search and filter changes and opens the add dialog', async () => {
    const user = userEvent.setup({ delay: null });
    const onChange = jest.fn();
    const onAddUser = jest.fn();
    await renderInTestApp(
      <UsersToolbar
        filters={{ search: '', status: 'active' }}
        onChange={onChange}
        onAddUser={onAddUser}
      />,
    );

    await user.type(screen.getByRole('textbox', { name: 'Search users' }), 'a');
    expect(onChange).toHaveBeenLastCalledWith({
      search: 'a',
      status: 'active',
    });

    await user.click(screen.getByRole('button', { name: /^Role/ }));
    await user.click(screen.getByRole('option', { name: 'Industry Manager' }));
    expect(onChange).toHaveBeenLastCalledWith({
      search: '',
      status: 'active',
      role: 'industry_manager',
    });

    await user.click(screen.getByRole('button', { name: /^Status/ }));
    await user.click(screen.getByRole('option', { name: 'Any status' }));
    expect(onChange).toHaveBeenLastCalledWith({
      search: '',
      status: undefined,
    });

    await user.click(screen.getByRole('button', { name: 'Add user' }));
    expect(onAddUser).toHaveBeenCalled();
  });
});
