import { usePermission } from '@backstage/plugin-permission-react';
import {
  ppSubscriptionsExportPermission,
  ppSubscriptionsForceCancelPermission,
  ppSubscriptionsForensicsPermission,
} from '@internal/plugin-pp-common';

/**
 * What the signed-in person may do beyond reading: audit runs (subscription managers, admins),
 * export runs (the same) and force-cancel (admins). The backend checks again.
 */
export function useSubscriptionPermissions() {
  const forensics = usePermission({
    permission: ppSubscriptionsForensicsPermission,
  });
  const exportRuns = usePermission({
    permission: ppSubscriptionsExportPermission,
  });
  const forceCancel = usePermission({
    permission: ppSubscriptionsForceCancelPermission,
  });
  return {
    loading: forensics.loading || exportRuns.loading || forceCancel.loading,
    canAuditRuns: forensics.allowed,
    canExport: exportRuns.allowed,
    canForceCancel: forceCancel.allowed,
  };
}
