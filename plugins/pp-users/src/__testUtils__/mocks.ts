import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { PpUser } from '@internal/plugin-pp-common';
import { PpUsersApi } from '../api';

/** A PpUsersApi whose every method is a jest mock, answering empty listings by default. */
export function createMockPpUsersApi(): jest.Mocked<PpUsersApi> {
  const emptyPage = { items: [], total_count: 0, limit: 25, offset: 0 };
  return {
    listUsers: jest.fn().mockResolvedValue(emptyPage),
    getUser: jest.fn().mockRejectedValue(new Error('not mocked')),
    createUser: jest.fn(),
    updateUser: jest.fn(),
    assignRole: jest.fn(),
    revokeRole: jest.fn(),
    bulkAssignRole: jest.fn(),
    listUserRoleChanges: jest.fn().mockResolvedValue(emptyPage),
    listRoleChanges: jest.fn().mockResolvedValue(emptyPage),
    listRoleRequests: jest.fn().mockResolvedValue(emptyPage),
    approveRoleRequest: jest.fn(),
    denyRoleRequest: jest.fn(),
    listApiTokens: jest.fn().mockResolvedValue([]),
    createApiToken: jest.fn(),
    revokeApiToken: jest.fn(),
    listRoles: jest.fn().mockResolvedValue([]),
    getMe: jest.fn().mockRejectedValue(new Error('not mocked')),
    listMyRoleRequests: jest.fn().mockResolvedValue(emptyPage),
    requestRole: jest.fn(),
  };
}

/** A principal with sensible defaults. */
export function makeUser(overrides: Partial<PpUser> & { id: string }): PpUser {
  return {
    kind: 'user',
    email: `${overrides.id}@waooaw.com`,
    name: `User ${overrides.id}`,
    status: 'active',
    roles: ['viewer'],
    entity_ref: null,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    last_active_at: null,
    ...overrides,
  };
}

export function pageOf<T>(items: T[], total = items.length, offset = 0) {
  return { items, total_count: total, limit: 25, offset };
}

type Authorize = PermissionApi['authorize'];
type AuthorizeResponse = Awaited<ReturnType<Authorize>>;

/**
 * A permission API answering every check with ALLOW or DENY. (`usePermission` caches answers per
 * permission for the whole test file, so keep one answer per file.)
 */
export function mockPermissionApi(allow: boolean) {
  // The AuthorizeResult enum lives in plugin-permission-common, which this package does not
  // depend on; its values are these strings.
  const response = {
    result: allow ? 'ALLOW' : 'DENY',
  } as unknown as AuthorizeResponse;
  const api: jest.Mocked<PermissionApi> = {
    authorize: jest.fn<ReturnType<Authorize>, Parameters<Authorize>>(
      async () => response,
    ),
  };
  return [permissionApiRef, api] as const;
}
