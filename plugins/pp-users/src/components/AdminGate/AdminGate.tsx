import { ReactNode } from 'react';
import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { usePpAdminAccess } from '../../hooks/usePpAdminAccess';

/**
 * Renders its children only for principals with the Admin role (the `pp.users.read`
 * permission); everyone else gets an explanation instead of a page of failing requests.
 */
export function AdminGate(props: { children: ReactNode }) {
  const { loading, allowed, error } = usePpAdminAccess();

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <ResponseErrorPanel
        title="Could not check your permissions"
        error={error}
      />
    );
  }
  if (!allowed) {
    return (
      <WarningPanel
        title="You need the Admin role"
        message="User and role management is limited to Platform Portal admins. If you need access, ask an admin, or request the Admin role with a reason so an admin can review it."
        defaultExpanded
      />
    );
  }
  return <>{props.children}</>;
}
