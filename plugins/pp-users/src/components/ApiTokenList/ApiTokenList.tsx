import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
  makeStyles,
} from '@material-ui/core';
import {
  Progress,
  ResponseErrorPanel,
  StatusAborted,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { PpApiToken, PpUser } from '@internal/plugin-pp-common';
import { ppUsersApiRef } from '../../api';
import { formatDateTime, formatRelative } from '../../util/format';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  nowrap: { whiteSpace: 'nowrap' },
}));

function TokenStatus(props: { token: PpApiToken }) {
  const { token } = props;
  if (token.revoked_at) {
    return <StatusAborted>Revoked</StatusAborted>;
  }
  if (token.expires_at && Date.parse(token.expires_at) <= Date.now()) {
    return <StatusWarning>Expired</StatusWarning>;
  }
  return <StatusOK>Active</StatusOK>;
}

/** @internal */
export interface ApiTokenListProps {
  /** Whose tokens. */
  user: PpUser;
  /** Change it to load the list again (after a create or revoke). */
  refreshKey: number;
  onRevoke(token: PpApiToken): void;
}

/** The API tokens of an agent or service principal (`GET /users/{id}/api-tokens`). */
export function ApiTokenList(props: ApiTokenListProps) {
  const { user, refreshKey, onRevoke } = props;
  const api = useApi(ppUsersApiRef);
  const classes = useStyles();
  const { value, loading, error } = useAsyncRetry(
    () => api.listApiTokens(user.id),
    [api, user.id, refreshKey],
  );

  if (error) {
    return (
      <ResponseErrorPanel title="Could not load the tokens" error={error} />
    );
  }
  if (!value) {
    return loading ? <Progress /> : null;
  }
  if (value.length === 0) {
    return (
      <Typography color="textSecondary" className={classes.section}>
        {user.name} has no API tokens yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="API tokens" className={classes.section}>
      <TableHead>
        <TableRow>
          <TableCell>Name</TableCell>
          <TableCell>Created</TableCell>
          <TableCell>Expires</TableCell>
          <TableCell>Last used</TableCell>
          <TableCell>Status</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {value.map(token => (
          <TableRow key={token.id}>
            <TableCell>{token.name}</TableCell>
            <TableCell className={classes.nowrap}>
              <Tooltip
                title={`${formatDateTime(token.created_at)} by ${
                  token.created_by
                }`}
              >
                <span>{formatRelative(token.created_at)}</span>
              </Tooltip>
            </TableCell>
            <TableCell className={classes.nowrap}>
              {token.expires_at ? formatDateTime(token.expires_at) : 'Never'}
            </TableCell>
            <TableCell className={classes.nowrap}>
              {formatRelative(token.last_used_at)}
            </TableCell>
            <TableCell className={classes.nowrap}>
              <TokenStatus token={token} />
            </TableCell>
            <TableCell align="right">
              {!token.revoked_at && (
                <Button
                  size="small"
                  aria-label={`Revoke token ${token.name}`}
                  onClick={() => onRevoke(token)}
                >
                  Revoke
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
