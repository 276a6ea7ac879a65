import { useState } from 'react';
import {
  Button,
  Card,
  CardContent,
  CardHeader,
  Grid,
  Typography,
  makeStyles,
} from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { PpRoleRequest } from '@internal/plugin-pp-common';
import { ppUsersApiRef } from '../../api';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { formatDateTime, formatRelative, roleTitle } from '../../util/format';
import { groupPermissions } from '../../util/permissions';
import { PagedTable } from '../PagedTable';
import { RequestStatus } from '../RoleRequestsPanel/RequestStatus';
import { RoleChip, RoleChips } from '../RoleChips';
import { MySessionsCard } from './MySessionsCard';
import { RequestRoleDialog } from './RequestRoleDialog';

const useStyles = makeStyles(theme => ({
  card: { height: '100%' },
  group: { marginBottom: theme.spacing(1.5) },
  actions: { color: theme.palette.text.secondary },
  reason: { maxWidth: 420, whiteSpace: 'pre-wrap' },
  nowrap: { whiteSpace: 'nowrap' },
  section: { marginTop: theme.spacing(3) },
}));

/**
 * `/pp/my-access`: any signed-in person's roles, what they allow, their role requests, and a
 * dialog to ask an admin for another role.
 */
export function MyAccessPage() {
  const api = useApi(ppUsersApiRef);
  const toastApi = useApi(coreApis.toast);
  const classes = useStyles();
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(10);
  const [refreshKey, setRefreshKey] = useState(0);
  const [dialogOpen, setDialogOpen] = useState(false);

  const me = useAsyncRetry(() => api.getMe(), [api]);
  const roles = useAsyncRetry(() => api.listRoles(), [api]);
  const requests = usePagedQuery(
    { limit: pageSize, offset: pageIndex * pageSize, refreshKey },
    query =>
      api.listMyRoleRequests({ limit: query.limit, offset: query.offset }),
  );
  // Pending requests on the current page; the server refuses a duplicate anyway.
  const pendingRoles = (requests.page?.items ?? [])
    .filter(r => r.status === 'pending')
    .map(r => r.requested_role);

  if (me.loading && !me.value) {
    return (
      <Content>
        <Progress />
      </Content>
    );
  }
  if (me.error || !me.value) {
    return (
      <Content>
        <ResponseErrorPanel
          title="Could not load your access"
          error={me.error ?? new Error('No answer')}
        />
      </Content>
    );
  }
  const { user, permissions } = me.value;
  const groups = groupPermissions(permissions);

  const columns: TableColumn<PpRoleRequest>[] = [
    {
      title: 'Requested',
      field: 'created_at',
      render: r => (
        <span title={formatDateTime(r.created_at)} className={classes.nowrap}>
          {formatRelative(r.created_at)}
        </span>
      ),
    },
    {
      title: 'Role',
      field: 'requested_role',
      render: r => <RoleChip role={r.requested_role} />,
    },
    {
      title: 'Reason',
      field: 'reason',
      render: r => (
        <Typography variant="body2" className={classes.reason}>
          {r.reason}
        </Typography>
      ),
    },
    {
      title: 'Status',
      field: 'status',
      render: r => (
        <div>
          <RequestStatus status={r.status} />
          {r.status !== 'pending' && (
            <Typography variant="caption" color="textSecondary" component="div">
              {/* only admins decide role requests; people see no entity refs */}
              {r.decided_by ? 'By an admin' : ''}
              {r.decided_at ? `, ${formatRelative(r.decided_at)}` : ''}
              {r.decision_note ? `: ${r.decision_note}` : ''}
            </Typography>
          )}
        </div>
      ),
    },
  ];

  return (
    <Content>
      <ContentHeader
        title={`Signed in as ${user.name}`}
        description={user.email ?? undefined}
      >
        <Button
          variant="contained"
          color="primary"
          onClick={() => setDialogOpen(true)}
          disabled={user.kind !== 'user'}
        >
          Request a role
        </Button>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <Card className={classes.card}>
            <CardHeader title="My roles" />
            <CardContent>
              <RoleChips
                name={user.name}
                roles={user.roles}
                expiries={user.role_expires_at}
              />
              {user.roles.length === 0 && (
                <Typography variant="body2" color="textSecondary">
                  You hold no role yet: request one to get started.
                </Typography>
              )}
              {user.roles.map(role => (
                <Typography
                  key={role}
                  variant="body2"
                  color="textSecondary"
                  className={classes.section}
                >
                  <strong>{roleTitle(role)}</strong>:{' '}
                  {roles.value?.find(r => r.key === role)?.description ?? ''}
                </Typography>
              ))}
            </CardContent>
          </Card>
        </Grid>
        <Grid item xs={12} md={7}>
          <Card className={classes.card}>
            <CardHeader
              title="What I can do"
              subheader={`${permissions.length} permission${
                permissions.length === 1 ? '' : 's'
              } from your roles`}
            />
            <CardContent>
              {groups.length === 0 ? (
                <Typography variant="body2" color="textSecondary">
                  Your roles grant no portal permissions.
                </Typography>
              ) : (
                <Grid container spacing={2}>
                  {groups.map(group => (
                    <Grid
                      item
                      xs={12}
                      sm={6}
                      key={group.area}
                      className={classes.group}
                    >
                      <Typography variant="subtitle2">{group.area}</Typography>
                      <Typography variant="body2" className={classes.actions}>
                        {group.actions.join(', ')}
                      </Typography>
                    </Grid>
                  ))}
                </Grid>
              )}
            </CardContent>
          </Card>
        </Grid>
        {user.kind === 'user' && (
          <Grid item xs={12}>
            <MySessionsCard />
          </Grid>
        )}
        <Grid item xs={12}>
          {requests.error ? (
            <ResponseErrorPanel
              title="Could not load your role requests"
              error={requests.error}
            />
          ) : (
            <PagedTable<PpRoleRequest>
              title={`My role requests${
                requests.page ? ` (${requests.page.total_count})` : ''
              }`}
              columns={columns}
              page={requests.page}
              loading={requests.loading}
              pageIndex={pageIndex}
              pageSize={pageSize}
              pageSizeOptions={[10, 25, 50]}
              onPageChange={setPageIndex}
              onPageSizeChange={size => {
                setPageSize(size);
                setPageIndex(0);
              }}
              emptyText="You have not requested a role yet."
            />
          )}
        </Grid>
      </Grid>
      {roles.error && (
        <ResponseErrorPanel
          title="Could not load the list of roles"
          error={roles.error}
        />
      )}
      <RequestRoleDialog
        open={dialogOpen}
        roles={roles.value ?? []}
        heldRoles={user.roles}
        pendingRoles={pendingRoles}
        onClose={() => setDialogOpen(false)}
        onRequested={request => {
          setDialogOpen(false);
          toastApi.post({
            title: 'Role requested',
            description: `${roleTitle(
              request.requested_role,
            )}: an admin will review it`,
            status: 'success',
            timeout: 5000,
          });
          setPageIndex(0);
          setRefreshKey(k => k + 1);
        }}
      />
    </Content>
  );
}
