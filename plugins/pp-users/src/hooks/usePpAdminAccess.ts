import { usePermission } from '@backstage/plugin-permission-react';
import { ppUsersReadPermission } from '@internal/plugin-pp-common';

/**
 * Whether the signed-in principal may use user and role management. Every endpoint behind this
 * page is admin-only, and `pp.users.read` is the permission the backend checks for the listing.
 */
export function usePpAdminAccess() {
  return usePermission({ permission: ppUsersReadPermission });
}
