import { PermissionApi } from '@backstage/plugin-permission-react';

type Response = Awaited<ReturnType<PermissionApi['authorize']>>;

/** A permission API (for tests) that allows exactly the named permissions. */
export function permissionsAllowing(allowed: string[]): PermissionApi {
  return {
    authorize: async request =>
      ({
        result: allowed.includes(request.permission.name) ? 'ALLOW' : 'DENY',
      } as unknown as Response),
  };
}
