import { screen, waitFor } from '@testing-library/react';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { ppUsersReadPermission } from '@internal/plugin-pp-common';
import plugin, { ppUsersApiRef } from './index';
import {
  createMockPpUsersApi,
  makeUser,
  mockPermissionApi,
  pageOf,
} from './__testUtils__/mocks';

describe('pp-users plugin', () => {
  it('declares the page, its tabs and the API', () => {
    expect(plugin.pluginId).toBe('pp-users');
    const tester = createExtensionTester(plugin.getExtension('page:pp-users'))
      .add(plugin.getExtension('sub-page:pp-users/users'))
      .add(plugin.getExtension('sub-page:pp-users/role-requests'))
      .add(plugin.getExtension('sub-page:pp-users/role-changes'));
    expect(tester.get(coreExtensionData.routePath)).toBe('/pp/users');
    expect(tester.get(coreExtensionData.title)).toBe('Users');
    const snapshot = tester.snapshot();
    expect(snapshot.id).toBe('page:pp-users');
    expect(snapshot.outputs).toEqual(
      expect.arrayContaining(['core.icon', 'core.routing.ref', 'core.title']),
    );
    expect(snapshot.children?.pages?.map(page => page.id)).toEqual([
      'sub-page:pp-users/role-changes',
      'sub-page:pp-users/role-requests',
      'sub-page:pp-users/users',
    ]);
    expect(plugin.getExtension('api:pp-users')).toBeDefined();
  });

  it('serves the users tab at /pp/users for an admin', async () => {
    const api = createMockPpUsersApi();
    api.listUsers.mockResolvedValue(
      pageOf([makeUser({ id: 'ann', name: 'Ann Lee', roles: ['admin'] })]),
    );
    const permission = mockPermissionApi(true);

    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/users'],
      apis: [[ppUsersApiRef, api], permission],
    });

    expect(await screen.findByText('Ann Lee')).toBeInTheDocument();
    expect(
      screen
        .getAllByRole('tab')
        .map(tab => [tab.textContent, tab.getAttribute('href')]),
    ).toEqual([
      ['Users', '/pp/users/users'],
      ['Role requests', '/pp/users/role-requests'],
      ['Role change log', '/pp/users/role-changes'],
    ]);
    expect(permission[1].authorize).toHaveBeenCalledWith(
      expect.objectContaining({ permission: ppUsersReadPermission }),
    );
  });

  it('opens the role requests tab by its path', async () => {
    const api = createMockPpUsersApi();
    api.listRoleRequests.mockResolvedValue(
      pageOf([
        {
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
        },
      ]),
    );
    api.getUser.mockResolvedValue(makeUser({ id: 'bob', name: 'Bob Roy' }));

    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/users/role-requests'],
      apis: [[ppUsersApiRef, api], mockPermissionApi(true)],
    });

    await waitFor(() =>
      expect(
        screen.getByText('I cover the night shift on the helpdesk'),
      ).toBeInTheDocument(),
    );
    expect(api.listRoleRequests).toHaveBeenCalledWith({
      status: 'pending',
      limit: 25,
      offset: 0,
    });
  });
});
