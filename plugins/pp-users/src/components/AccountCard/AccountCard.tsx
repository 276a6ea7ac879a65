import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { describeError } from '@internal/plugin-pp-common';
import useAsync from 'react-use/esm/useAsync';
import { ppUsersApiRef } from '../../api';
import { myAccessRouteRef } from '../../routes';
import { RoleChip } from '../RoleChips/RoleChips';

/**
 * Settings: who you are in the Platform Portal — your name, email and roles, in words — instead of
 * Backstage's identity card (a raw `user:pp/<id>` reference with no catalog page behind it).
 */
export const AccountCard = () => {
  const api = useApi(ppUsersApiRef);
  const myAccess = useRouteRef(myAccessRouteRef)?.() ?? '/pp/my-access';
  const me = useAsync(() => api.getMe(), [api]);
  let content: JSX.Element;
  if (me.loading) content = <Progress />;
  else if (me.error || !me.value) {
    content = (
      <Alert severity="error">
        Could not load your account: {describeError(me.error)}
      </Alert>
    );
  } else {
    const { user } = me.value;
    content = (
      <>
        <Typography variant="subtitle1">{user.name}</Typography>
        {user.email && (
          <Typography variant="body2" color="textSecondary">
            {user.email}
          </Typography>
        )}
        <Box mt={2} mb={1}>
          <Typography variant="overline">Your roles</Typography>
        </Box>
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          {user.roles.length ? (
            user.roles.map(role => (
              <RoleChip
                key={role}
                role={role}
                expiresAt={user.role_expires_at?.[role] ?? undefined}
              />
            ))
          ) : (
            <Typography variant="body2">
              None yet: you can ask for one.
            </Typography>
          )}
        </Box>
        <Box mt={2}>
          <Link to={myAccess}>
            See what your roles allow, ask for a role, and your sessions
          </Link>
        </Box>
      </>
    );
  }
  return <InfoCard title="Your account">{content}</InfoCard>;
};
