import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  PpApiToken,
  PpApiTokenCreated,
  PpMe,
  PpPage,
  PpRoleChange,
  PpRoleKey,
  PpRoleRequest,
  PpRoleSummary,
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

type QueryValue = string | number | undefined;

/**
 * The HTTP client of the pp-users backend (`/api/pp-users`). The only place that knows its URLs.
 *
 * @public
 */
export class PpUsersClient implements PpUsersApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listUsers(query: PpListUsersQuery = {}): Promise<PpPage<PpUser>> {
    return this.request('GET', '/users', { query: { ...query } });
  }

  getUser(id: string): Promise<PpUser> {
    return this.request('GET', `/users/${enc(id)}`);
  }

  createUser(request: PpCreateUserRequest): Promise<PpUser> {
    return this.request('POST', '/users', { body: request });
  }

  updateUser(id: string, request: PpUpdateUserRequest): Promise<PpUser> {
    return this.request('PUT', `/users/${enc(id)}`, { body: request });
  }

  assignRole(id: string, role: PpRoleKey, reason?: string): Promise<PpUser> {
    return this.request('POST', `/users/${enc(id)}/assign-role`, {
      body: { role, reason },
    });
  }

  revokeRole(id: string, role: PpRoleKey, reason?: string): Promise<PpUser> {
    return this.request('POST', `/users/${enc(id)}/revoke-role`, {
      body: { role, reason },
    });
  }

  async bulkAssignRole(request: PpBulkAssignRoleRequest): Promise<PpUser[]> {
    const { items } = await this.request<{ items: PpUser[] }>(
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
    return this.request('GET', `/users/${enc(id)}/role-changes`, {
      query: { ...query },
    });
  }

  listRoleChanges(query: PpPageQuery = {}): Promise<PpPage<PpRoleChange>> {
    return this.request('GET', '/users/role-changes', { query: { ...query } });
  }

  listRoleRequests(
    query: PpListRoleRequestsQuery = {},
  ): Promise<PpPage<PpRoleRequest>> {
    return this.request('GET', '/users/role-requests', {
      query: { ...query },
    });
  }

  approveRoleRequest(id: string, note?: string): Promise<PpRoleRequest> {
    return this.request('POST', `/users/role-requests/${enc(id)}/approve`, {
      body: { note },
    });
  }

  denyRoleRequest(id: string, note?: string): Promise<PpRoleRequest> {
    return this.request('POST', `/users/role-requests/${enc(id)}/deny`, {
      body: { note },
    });
  }

  async listApiTokens(userId: string): Promise<PpApiToken[]> {
    const { items } = await this.request<{ items: PpApiToken[] }>(
      'GET',
      `/users/${enc(userId)}/api-tokens`,
    );
    return items;
  }

  createApiToken(
    userId: string,
    request: PpCreateApiTokenRequest,
  ): Promise<PpApiTokenCreated> {
    return this.request('POST', `/users/${enc(userId)}/api-tokens`, {
      body: request,
    });
  }

  async revokeApiToken(userId: string, tokenId: string): Promise<void> {
    await this.request<void>(
      'DELETE',
      `/users/${enc(userId)}/api-tokens/${enc(tokenId)}`,
    );
  }

  async listRoles(): Promise<PpRoleSummary[]> {
    const { items } = await this.request<{ items: PpRoleSummary[] }>(
      'GET',
      '/roles',
    );
    return items;
  }

  getMe(): Promise<PpMe> {
    return this.request('GET', '/users/me');
  }

  listMyRoleRequests(query: PpPageQuery = {}): Promise<PpPage<PpRoleRequest>> {
    return this.request('GET', '/users/me/role-requests', {
      query: { ...query },
    });
  }

  requestRole(request: PpRoleRequestCreate): Promise<PpRoleRequest> {
    return this.request('POST', '/users/role-request', { body: request });
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    options: { query?: Record<string, QueryValue>; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('pp-users');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) {
      // Empty filters mean "any": leave them out rather than send `role=`.
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;

    const init: RequestInit = { method };
    if (options.body !== undefined) {
      // JSON.stringify drops undefined fields, so optional fields that are not set are not sent
      // (the backend rejects unknown or empty ones).
      init.body = JSON.stringify(options.body);
      init.headers = { 'Content-Type': 'application/json' };
    }

    const response = await this.fetchApi.fetch(url, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
