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
export {
  rootRouteRef as ppUsersRootRouteRef,
  myAccessRouteRef as ppMyAccessRouteRef,
} from './routes';
export {
  ppUsersApiRef,
  PpUsersClient,
  PP_ROLE_REQUEST_REASON_MIN,
} from './api';
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
  PpRoleRequestCreate,
} from './api';
// Home page cards (the app's home module places them; pp-common's ppHomeCards gates them).
export {
  RoleRequestsCard,
  AuditChainCard,
  UserCountsCard,
} from './components/HomeCards';
// Settings: the person's account (the app's settings module places it).
export { AccountCard } from './components/AccountCard';
export { ppAuditApiRef, PpAuditClient } from './api/PpAuditClient';
export type { PpAuditApi } from './api/PpAuditClient';
