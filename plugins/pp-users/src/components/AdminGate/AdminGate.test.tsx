import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp, renderTestApp } from '@backstage/frontend-test-utils';
import plugin from '../../index';
import { ppUsersApiRef } from '../../api';
import {
  createMockPpUsersApi,
  mockPermissionApi,
} from '../../__testUtils__/mocks';
import { AdminGate } from './AdminGate';

// usePermission caches answers per test file, so every test here is a non-admin.
describe('AdminGate for a non-admin', () => {
  it('explains that the Admin role is needed instead of rendering the page', async () => {
    const permission = mockPermissionApi(false);
    await renderInTestApp(
      <AdminGate>
        <div>secret admin console</div>
      </AdminGate>,
      { apis: [permission] },
    );

    expect(
      await screen.findByText('Warning: You need the Admin role'),
    ).toBeInTheDocument();
    expect(screen.getByText(/limited to Platform Portal admins/)).toBeVisible();
    expect(screen.queryByText('secret admin console')).not.toBeInTheDocument();
  });

  it('keeps the whole page from calling the admin API', async () => {
    const api = createMockPpUsersApi();
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/users'],
      apis: [[ppUsersApiRef, api], mockPermissionApi(false)],
    });

    expect(
      await screen.findByText('Warning: You need the Admin role'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.listUsers).not.toHaveBeenCalled());
    expect(api.listRoleRequests).not.toHaveBeenCalled();
  });
});
