import { Link, makeStyles } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import {
  RouterLink,
  useApi,
  useRouteRef,
} from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { ppUsersApiRef } from '../../api';
import { roleRequestsRouteRef } from '../../routes';

const useStyles = makeStyles(theme => ({
  notice: { marginBottom: theme.spacing(2) },
}));

/**
 * Pending role requests are easy to miss on another tab: says how many are waiting, with a link
 * to the Role requests tab. Renders nothing when there are none (or they cannot be counted).
 */
export function PendingRequestsNotice() {
  const api = useApi(ppUsersApiRef);
  const classes = useStyles();
  const requestsLink = useRouteRef(roleRequestsRouteRef);
  const { value } = useAsync(
    () => api.listRoleRequests({ status: 'pending', limit: 1 }),
    [api],
  );
  const count = value?.total_count ?? 0;
  if (count === 0) return null;

  const href = requestsLink?.();
  return (
    <Alert
      severity="info"
      className={classes.notice}
      action={
        href ? (
          <Link
            component={RouterLink}
            href={href}
            color="inherit"
            underline="always"
          >
            Review
          </Link>
        ) : undefined
      }
    >
      {`${count} role ${
        count === 1 ? 'request is' : 'requests are'
      } waiting for review.`}
    </Alert>
  );
}
