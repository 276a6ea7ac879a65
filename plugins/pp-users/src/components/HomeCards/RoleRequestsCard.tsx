import { Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { describeError } from '@internal/plugin-pp-common';
import useAsync from 'react-use/esm/useAsync';
import { ppUsersApiRef } from '../../api';
import { useUserLookup } from '../../hooks/useUserLookup';
import { roleRequestsRouteRef } from '../../routes';
import { roleTitle } from '../../util/format';

/** Home card for admins: role requests waiting for a decision, oldest first. */
export const RoleRequestsCard = () => {
  const api = useApi(ppUsersApiRef);
  const to = useRouteRef(roleRequestsRouteRef)?.() ?? '/pp/users/role-requests';
  const state = useAsync(
    () => api.listRoleRequests({ status: 'pending', limit: 5 }),
    [api],
  );
  const users = useUserLookup((state.value?.items ?? []).map(r => r.user_id));
  if (state.loading) return <Progress />;
  if (state.error) {
    return (
      <Alert severity="error">
        Could not load the role requests: {describeError(state.error)}
      </Alert>
    );
  }
  const page = state.value!;
  if (!page.items.length) {
    return (
      <Typography variant="body2">
        No role request is waiting for a decision.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">
        {page.total_count} waiting for a decision
      </Typography>
      <List dense disablePadding>
        {page.items.map(r => {
          const user = users.get(r.user_id);
          return (
            <ListItem key={r.id} disableGutters>
              <ListItemText
                primary={`${user?.name ?? '…'} asks for ${roleTitle(
                  r.requested_role,
                )}`}
                secondary={r.reason}
              />
            </ListItem>
          );
        })}
      </List>
      <Link to={to}>Decide on role requests</Link>
    </>
  );
};
