import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  PpApiToken,
  PpApiTokenCreated,
  PpMe,
  PpPage,
  PpPrincipalKind,
  PpRoleChange,
  PpRoleKey,
  PpRoleRequest,
  PpRoleRequestStatus,
  PpRoleSummary,
  PpUser,
  PpUserStatus,
} from '@internal/plugin-pp-common';

/*
 * Request shapes mirror the pp-users-backend contract (snake_case, like the response types in
 * @internal/plugin-pp-common), so what a component builds is exactly what goes on the wire.
 */

/** Fields `GET /users` can sort by. @public */
export type PpUserSortField =
  | 'name'
  | 'email'
  | 'created_at'
  | 'last_active_at';

/** Query of `GET /users`. @public */
export interface PpListUsersQuery {
  search?: string;
  role?: PpRoleKey;
  status?: PpUserStatus;
  kind?: PpPrincipalKind;
  sort?: PpUserSortField;
  order?: 'asc' | 'desc';
  /** 1-200, the server's default is 25. */
  limit?: number;
  offset?: number;
}

/** Paging of the role-change and role-request listings. @public */
export interface PpPageQuery {
  limit?: number;
  offset?: number;
}

/** Query of `GET /users/role-requests`. @public */
export interface PpListRoleRequestsQuery extends PpPageQuery {
  /** The server's default is `pending`. */
  status?: PpRoleRequestStatus;
}

/** Body of `POST /users`. @public */
export interface PpCreateUserRequest {
  /** Required for people; optional for agents and services. */
  email?: string;
  name: string;
  roles?: PpRoleKey[];
  kind?: PpPrincipalKind;
  /** The catalog entity an agent or service acts for, e.g. `component:default/genesis-validator`. */
  entity_ref?: string;
}

/** Body of `POST /users/role-request`: a signed-in person asks for a role. @public */
export interface PpRoleRequestCreate {
  requested_role: PpRoleKey;
  /** At least {@link PP_ROLE_REQUEST_REASON_MIN} characters (after trimming). */
  reason: string;
  /** "Elevation for N hours": the role ends this long after approval; absent = permanent. */
  duration_hours?: number;
}

/** The server's minimum length of a role request's reason. @public */
export const PP_ROLE_REQUEST_REASON_MIN = 10;

/** Body of `PUT /users/{id}`. @public */
export interface PpUpdateUserRequest {
  name?: string;
  status?: PpUserStatus;
}

/** Body of `POST /users/bulk-assign-role`. @public */
export interface PpBulkAssignRoleRequest {
  /** 1 to PP_BULK_ASSIGN_LIMIT (50) ids. */
  user_ids: string[];
  role: PpRoleKey;
  reason?: string;
}

/** Body of `POST /users/{id}/api-tokens`. @public */
export interface PpCreateApiTokenRequest {
  name: string;
  /** 1-365; without it the token does not expire. */
  expires_in_days?: number;
}

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
