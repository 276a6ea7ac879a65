import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  PpApiToken,
  PpApiTokenCreated,
  PpMe,
  PpPage,
  PpRoleChange,
  PpRoleKey,
  PpRoleRequest,
  PpRoleSummary,
  PpHttpClient,
  PpUser,
} from '@internal/plugin-pp-common';
import {
  PpBulkAssignRoleRequest,
  PpCreateApiTokenRequest,
  PpCreateUserRequest,
  PpListRoleRequestsQuery,
  PpListUsersQuery,
  PpPageQuery,
  PpRoleRequestCreate,
  PpUpdateUserRequest,
  PpUsersApi,
} from './PpUsersApi';

/**
 * The HTTP client of the pp-users backend (`/api/pp-users`). The only place that knows its URLs.
 *
 * @public
 */
export class PpUsersClient implements PpUsersApi {
  private readonly http: PpHttpClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = new PpHttpClient({ pluginId: 'pp-users', ...options });
  }

  listUsers(query: PpListUsersQuery = {}): Promise<PpPage<PpUser>> {
    return this.http.request('GET', '/users', { query: { ...query } });
  }

  getUser(id: string): Promise<PpUser> {
    return this.http.request('GET', `/users/${enc(id)}`);
  }

  createUser(request: PpCreateUserRequest): Promise<PpUser> {
    return this.http.request('POST', '/users', { body: request });
  }

  updateUser(id: string, request: PpUpdateUserRequest): Promise<PpUser> {
    return this.http.request('PUT', `/users/${enc(id)}`, { body: request });
  }

  assignRole(id: string, role: PpRoleKey, reason?: string): Promise<PpUser> {
    return this.http.request('POST', `/users/${enc(id)}/assign-role`, {
      body: { role, reason },
    });
  }

  revokeRole(id: string, role: PpRoleKey, reason?: string): Promise<PpUser> {
    return this.http.request('POST', `/users/${enc(id)}/revoke-role`, {
      body: { role, reason },
    });
  }

  async bulkAssignRole(request: PpBulkAssignRoleRequest): Promise<PpUser[]> {
    const { items } = await this.http.request<{ items: PpUser[] }>(
      'POST',
      '/users/bulk-assign-role',
      { body: request },
    );
    return items;
  }

  listUserRoleChanges(
    id: string,
    query: PpPageQuery = {},
  ): Promise<PpPage<PpRoleChange>> {
    return this.http.request('GET', `/users/${enc(id)}/role-changes`, {
      query: { ...query },
    });
  }

  listRoleChanges(query: PpPageQuery = {}): Promise<PpPage<PpRoleChange>> {
    return this.http.request('GET', '/users/role-changes', {
      query: { ...query },
    });
  }

  listRoleRequests(
    query: PpListRoleRequestsQuery = {},
  ): Promise<PpPage<PpRoleRequest>> {
    return this.http.request('GET', '/users/role-requests', {
      query: { ...query },
    });
  }

  approveRoleRequest(id: string, note?: string): Promise<PpRoleRequest> {
    return this.http.request(
      'POST',
      `/users/role-requests/${enc(id)}/approve`,
      {
        body: { note },
      },
    );
  }

  denyRoleRequest(id: string, note?: string): Promise<PpRoleRequest> {
    return this.http.request('POST', `/users/role-requests/${enc(id)}/deny`, {
      body: { note },
    });
  }

  async listApiTokens(userId: string): Promise<PpApiToken[]> {
    const { items } = await this.http.request<{ items: PpApiToken[] }>(
      'GET',
      `/users/${enc(userId)}/api-tokens`,
    );
    return items;
  }

  createApiToken(
    userId: string,
    request: PpCreateApiTokenRequest,
  ): Promise<PpApiTokenCreated> {
    return this.http.request('POST', `/users/${enc(userId)}/api-tokens`, {
      body: request,
    });
  }

  async revokeApiToken(userId: string, tokenId: string): Promise<void> {
    await this.http.request<void>(
      'DELETE',
      `/users/${enc(userId)}/api-tokens/${enc(tokenId)}`,
    );
  }

  async listRoles(): Promise<PpRoleSummary[]> {
    const { items } = await this.http.request<{ items: PpRoleSummary[] }>(
      'GET',
      '/roles',
    );
    return items;
  }

  getMe(): Promise<PpMe> {
    return this.http.request('GET', '/users/me');
  }

  listMyRoleRequests(query: PpPageQuery = {}): Promise<PpPage<PpRoleRequest>> {
    return this.http.request('GET', '/users/me/role-requests', {
      query: { ...query },
    });
  }

  requestRole(request: PpRoleRequestCreate): Promise<PpRoleRequest> {
    return this.http.request('POST', '/users/role-request', { body: request });
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
