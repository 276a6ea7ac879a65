import { Permission } from '@backstage/plugin-permission-common';
import {
  PP_CATALOG_REGISTRARS,
  PP_SCAFFOLDER_USERS,
  PpRoleKey,
  ppPermissionRule,
  ppRolesAllow,
} from '@internal/plugin-pp-common';
import type { PpPrincipal } from '../identity/PpIdentityService';

/** Backstage permissions that change what the catalog contains. */
const CATALOG_REGISTRATION = new Set([
  'catalog.location.create',
  'catalog.location.delete',
  'catalog.entity.create',
  'catalog.entity.delete',
  'catalog.entity.refresh',
]);

/**
 * Decides Backstage permissions that are not PP's own, from the caller's PP roles: reading is for
 * every active principal; changing the catalog is for the registrar roles; any other write is for
 * every role but viewer-only principals (`*:read`).
 *
 * @public
 */
export function decideBackstagePermission(
  permission: Permission,
  roles: readonly PpRoleKey[],
): boolean {
  if (roles.includes('admin')) return true;
  if (CATALOG_REGISTRATION.has(permission.name)) {
    return roles.some(r => PP_CATALOG_REGISTRARS.includes(r));
  }
  // the scaffolder generates agent repositories: agent orchestrators only (reads included, a
  // task's log and values are the orchestration's)
  if (permission.name.startsWith('scaffolder.')) {
    return roles.some(r => PP_SCAFFOLDER_USERS.includes(r));
  }
  if (
    permission.attributes.action === 'read' ||
    !permission.attributes.action
  ) {
    return true;
  }
  return roles.some(r => r !== 'viewer');
}

/**
 * The Platform Portal's one access decision, for every kind of principal (person, agent, service,
 * PP_ADMIN_TOKEN) however it authenticated: only an active principal is allowed anything; a PP
 * permission is decided by its contract audience, a Backstage permission by
 * {@link decideBackstagePermission}. The permission policy (people with Backstage user tokens) and
 * the PP guard (token principals, which Backstage's permission client never sends to a policy)
 * both call this.
 *
 * @public
 */
export function decidePpPermission(
  principal: Pick<PpPrincipal, 'status' | 'roles'> | undefined,
  permission: Permission,
): boolean {
  if (!principal || principal.status !== 'active') return false;
  const rule = ppPermissionRule(permission.name);
  return rule
    ? ppRolesAllow(rule, principal.roles)
    : decideBackstagePermission(permission, principal.roles);
}
