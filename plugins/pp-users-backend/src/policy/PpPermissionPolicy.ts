import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  PpRoleKey,
  ppPermissionRule,
  ppRolesAllow,
} from '@internal/plugin-pp-common';
import {
  PpIdentityService,
  ppUserIdFromEntityRef,
} from '@internal/plugin-pp-node';

/** Who may change what the catalog contains (register and unregister locations and entities). */
const CATALOG_REGISTRARS: PpRoleKey[] = [
  'admin',
  'infrastructure_engineer',
  'agent_orchestrator',
];
const CATALOG_REGISTRATION = new Set([
  'catalog.location.create',
  'catalog.location.delete',
  'catalog.entity.create',
  'catalog.entity.delete',
]);

/**
 * Decides Backstage permissions that are not PP's own, from the caller's PP roles:
 * reading is for every active PP principal; changing the catalog is for the registrar roles;
 * any other write is for every role but viewer-only principals (`*:read`).
 */
export function decideBackstagePermission(
  permission: Permission,
  roles: readonly PpRoleKey[],
): boolean {
  if (roles.includes('admin')) return true;
  if (CATALOG_REGISTRATION.has(permission.name)) {
    return roles.some(r => CATALOG_REGISTRARS.includes(r));
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
 * The Platform Portal's one permission policy: every decision comes from the caller's current
 * PP roles (read through the identity service's cache, which is dropped on every role change)
 * and is recorded in pp_permission_checks.
 */
export class PpPermissionPolicy implements PermissionPolicy {
  constructor(private readonly identity: PpIdentityService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const name = request.permission.name;
    const callerPrincipal = user?.credentials.principal as
      | { userEntityRef?: string }
      | undefined;
    const principal = callerPrincipal?.userEntityRef;
    const userId = principal ? ppUserIdFromEntityRef(principal) : undefined;
    const found = userId ? await this.identity.getPrincipal(userId) : undefined;

    let allowed = false;
    if (found && found.status === 'active') {
      const rule = ppPermissionRule(name);
      allowed = rule
        ? ppRolesAllow(rule, found.roles)
        : decideBackstagePermission(request.permission, found.roles);
    }
    this.identity.recordPermissionCheck(
      found?.ref ?? principal ?? 'anonymous',
      name,
      allowed,
    );
    return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}
