import { ReactNode } from 'react';
import { Content } from '@backstage/core-components';
import { AdminGate } from '../AdminGate';
import { RoleChangeLog } from '../RoleChangeLog';
import { RoleRequestsPanel } from '../RoleRequestsPanel';
import { UserDirectory } from '../UserDirectory';

/**
 * The frame of every tab of the page: the app draws the header and tabs, this draws the
 * content area and keeps non-admins out.
 */
export function PpUsersTab(props: { children: ReactNode }) {
  return (
    <Content>
      <AdminGate>{props.children}</AdminGate>
    </Content>
  );
}

/* The lazily loaded content of the three tabs (see plugin.tsx). */

export const UsersTabContent = () => (
  <PpUsersTab>
    <UserDirectory />
  </PpUsersTab>
);

export const RoleRequestsTabContent = () => (
  <PpUsersTab>
    <RoleRequestsPanel />
  </PpUsersTab>
);

export const RoleChangesTabContent = () => (
  <PpUsersTab>
    <RoleChangeLog />
  </PpUsersTab>
);
