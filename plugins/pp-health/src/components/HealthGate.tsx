import { ReactNode } from 'react';
import { Content, Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { Alert } from '@material-ui/lab';
import { ppHealthReadPermission } from '@internal/plugin-pp-common';

/** Keeps out those without `pp.health.read` (the backend refuses them too). */
export function HealthGate(props: { children: ReactNode }) {
  const { loading, allowed } = usePermission({
    permission: ppHealthReadPermission,
  });
  if (loading) return <Progress />;
  if (!allowed) {
    return (
      <Alert severity="warning">
        Health monitoring is open to infrastructure engineers, admins and
        viewers. Ask an admin for one of these roles.
      </Alert>
    );
  }
  return <>{props.children}</>;
}

/** The frame of every tab: the app draws the header and tabs, this the content area. */
export function HealthTab(props: { children: ReactNode }) {
  return (
    <Content>
      <HealthGate>{props.children}</HealthGate>
    </Content>
  );
}
