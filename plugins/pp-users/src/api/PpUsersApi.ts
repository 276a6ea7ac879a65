import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  PpBulkAssignRoleRequest,
  PpCreateApiTokenRequest,
  PpCreateUserRequest,
  PpListRoleRequestsQuery,
  PpListUsersQuery,
  PpPageQuery,
  PpRoleRequestCreate,
  PpUpdateUserRequest,
  PpUserSortField,
} from '@internal/plugin-pp-common';
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

/*
 * Request shapes mirror the pp-users-backend contract (snake_case, like the response types). They
 * are pp-common's, inferred from the zod schemas the backend validates with, and re-exported here
 * under the names the UI has always used.
 */
export type {
  PpBulkAssignRoleRequest,
  PpCreateApiTokenRequest,
  PpCreateUserRequest,
  PpListRoleRequestsQuery,
  PpListUsersQuery,
  PpPageQuery,
  PpRoleRequestCreate,
  PpUpdateUserRequest,
  PpUserSortField,
};
export { PP_ROLE_REQUEST_REASON_MIN } from '@internal/plugin-pp-common';

/**
 * The pp-users backend as the admin UI uses it. Every method rejects with a `ResponseError`
 * from `@backstage/errors` when the server answers with an error status.
 *
 * @public
 */
export interface PpUsersApi {
  listUsers(query?: PpListUsersQuery): Promise<PpPage<PpUser>>;
  getUser(id: string): Promise<PpUser>;
  createUser(request: PpCreateUserRequest): Promise<PpUser>;
  updateUser(id: string, request: PpUpdateUserRequest): Promise<PpUser>;
  assignRole(id: string, role: PpRoleKey, reason?: string): Promise<PpUser>;
  revokeRole(id: string, role: PpRoleKey, reason?: string): Promise<PpUser>;
  bulkAssignRole(request: PpBulkAssignRoleRequest): Promise<PpUser[]>;
  listUserRoleChanges(
    id: string,
    query?: PpPageQuery,
  ): Promise<PpPage<PpRoleChange>>;
  listRoleChanges(query?: PpPageQuery): Promise<PpPage<PpRoleChange>>;
  listRoleRequests(
    query?: PpListRoleRequestsQuery,
  ): Promise<PpPage<PpRoleRequest>>;
  approveRoleRequest(id: string, note?: string): Promise<PpRoleRequest>;
  denyRoleRequest(id: string, note?: string): Promise<PpRoleRequest>;
  listApiTokens(userId: string): Promise<PpApiToken[]>;
  createApiToken(
    userId: string,
    request: PpCreateApiTokenRequest,
  ): Promise<PpApiTokenCreated>;
  revokeApiToken(userId: string, tokenId: string): Promise<void>;
  listRoles(): Promise<PpRoleSummary[]>;
  /** Who the signed-in principal is, with the PP permission names they hold. */
  getMe(): Promise<PpMe>;
  /** The signed-in person's own role requests, newest first. */
  listMyRoleRequests(query?: PpPageQuery): Promise<PpPage<PpRoleRequest>>;
  /** Asks an admin for a role (201 with the pending request). */
  requestRole(request: PpRoleRequestCreate): Promise<PpRoleRequest>;
}

/**
 * The {@link PpUsersApi} of the pp-users plugin.
 *
 * @public
 */
export const ppUsersApiRef = createApiRef<PpUsersApi>().with({
  id: 'plugin.pp-users.api',
  pluginId: 'pp-users',
});
