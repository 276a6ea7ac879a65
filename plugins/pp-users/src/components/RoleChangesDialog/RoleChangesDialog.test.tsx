import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ppUsersApiRef } from '../../api';
import {
  createMockPpUsersApi,
  makeUser,
  pageOf,
} from '../../__testUtils__/mocks';
import { RoleChangesDialog } from './RoleChangesDialog';

describe('RoleChangesDialog', () => {
  it("shows one user's role changes", async () => {
    const api = createMockPpUsersApi();
    api.listUserRoleChanges.mockResolvedValue(
      pageOf([
        {
          id: 'c1',
          user_id: 'bob',
          action: 'revoke',
          role: 'infrastructure_engineer',
          old_roles: ['infrastructure_engineer', 'viewer'],
          new_roles: ['viewer'],
          changed_by: 'user:default/ann',
          reason: null,
          changed_at: '2025-01-01T00:00:00Z',
        },
      ]),
    );
    await renderInTestApp(
      <RoleChangesDialog
        user={makeUser({ id: 'bob', name: 'Bob Roy' })}
        onClose={jest.fn()}
      />,
      { apis: [[ppUsersApiRef, api]] },
    );

    expect(
      screen.getByText('Role change history of Bob Roy'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText('Revoked')).toBeInTheDocument(),
    );
    expect(screen.getByText('Infrastructure Engineer')).toBeInTheDocument();
    expect(api.listUserRoleChanges).toHaveBeenCalledWith('bob', {
      limit: 25,
      offset: 0,
    });
  });
});
