import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  PpIdentityService,
  decidePpPermission,
  ppUserIdFromEntityRef,
} from '@internal/plugin-pp-node';

/**
 * The Platform Portal's permission policy: every decision comes from the caller's current PP
 * roles and status (read through the identity service's cache, which is dropped on every access
 * change) by `decidePpPermission` — the same decision the PP guard makes for token principals,
 * which Backstage's permission client never sends here — and is recorded in pp_permission_checks.
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

    const allowed = decidePpPermission(found, request.permission);
    this.identity.recordPermissionCheck(
      found?.ref ?? principal ?? 'anonymous',
      name,
      allowed,
    );
    return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}
