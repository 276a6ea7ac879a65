import { usePermission } from '@backstage/plugin-permission-react';
import {
  ppTicketsCreatePermission,
  ppTicketsUpdatePermission,
} from '@internal/plugin-pp-common';

/** Whether the signed-in person may create and change tickets (viewers may only read). */
export function useHelpdeskPermissions() {
  const create = usePermission({ permission: ppTicketsCreatePermission });
  const update = usePermission({ permission: ppTicketsUpdatePermission });
  return {
    loading: create.loading || update.loading,
    canCreate: create.allowed,
    canUpdate: update.allowed,
  };
}
