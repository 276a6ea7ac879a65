/**
 * Platform Portal user and role management (spec Stage 4): the admin-only page at `/pp/users`.
 *
 * The default export is the frontend plugin, which the app discovers (`app.packages: all`).
 *
 * @packageDocumentation
 */
import { ppUsersPlugin } from './plugin';

export default ppUsersPlugin;
export { ppUsersPlugin };
export { rootRouteRef as ppUsersRootRouteRef } from './routes';
export { ppUsersApiRef, PpUsersClient } from './api';
export type {
  PpUsersApi,
  PpListUsersQuery,
  PpUserSortField,
  PpPageQuery,
  PpListRoleRequestsQuery,
  PpCreateUserRequest,
  PpUpdateUserRequest,
  PpBulkAssignRoleRequest,
  PpCreateApiTokenRequest,
} from './api';
