import { Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { Typography, makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { describeError } from '@internal/plugin-pp-common';
import useAsync from 'react-use/esm/useAsync';
import { ppUsersApiRef } from '../../api';
import { usersRouteRef } from '../../routes';

const useStyles = makeStyles(theme => ({
  figures: { display: 'flex', gap: theme.spacing(3), flexWrap: 'wrap' },
  figure: { fontSize: '1.75rem', fontWeight: 600, lineHeight: 1.2 },
}));

const STATES = [
  ['active', 'Active'],
  ['pending', 'Not signed in yet'],
  ['inactive', 'Deactivated'],
] as const;

/** Home card for admins: how many people are active, pending and deactivated. */
export const UserCountsCard = () => {
  const api = useApi(ppUsersApiRef);
  const classes = useStyles();
  const to = useRouteRef(usersRouteRef)?.() ?? '/pp/users/users';
  const state = useAsync(
    () =>
      Promise.all(
        STATES.map(([status]) =>
          api
            .listUsers({ kind: 'user', status, limit: 1 })
            .then(p => p.total_count),
        ),
      ),
    [api],
  );
  if (state.loading) return <Progress />;
  if (state.error) {
    return (
      <Alert severity="error">
        Could not count the people: {describeError(state.error)}
      </Alert>
    );
  }
  return (
    <>
      <div className={classes.figures}>
        {STATES.map(([status, label], i) => (
          <div key={status}>
            <Typography variant="overline">{label}</Typography>
            <Typography className={classes.figure}>
              {state.value![i]}
            </Typography>
          </div>
        ))}
      </div>
      <Link to={to}>Manage people and roles</Link>
    </>
  );
};
