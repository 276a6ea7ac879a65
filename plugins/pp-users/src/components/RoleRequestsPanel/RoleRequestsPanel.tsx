import { useState } from 'react';
import { Button, Typography, makeStyles } from '@material-ui/core';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import Alert from '@material-ui/lab/Alert';
import {
  ContentHeader,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import {
  PpRoleRequest,
  PpRoleRequestStatus,
  PpUser,
  roleSetProblem,
} from '@internal/plugin-pp-common';
import { ppUsersApiRef } from '../../api';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useUserLookup } from '../../hooks/useUserLookup';
import {
  formatDateTime,
  formatRelative,
  roleTitle,
  sessionsEndNotice,
} from '../../util/format';
import { ConfirmDialog } from '../ConfirmDialog';
import { PagedTable } from '../PagedTable';
import { RequestStatus } from './RequestStatus';
import { RoleChip, RoleChips } from '../RoleChips';

const useStyles = makeStyles(theme => ({
  actions: { display: 'flex', gap: theme.spacing(1), whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
  reason: { maxWidth: 420, whiteSpace: 'pre-wrap' },
  hint: { marginTop: theme.spacing(2) },
}));

type Decision = { request: PpRoleRequest; approve: boolean };

function userLabel(id: string, user: PpUser | null | undefined) {
  if (!user) return id;
  return user.email ? `${user.name} (${user.email})` : user.name;
}

/** Role requests awaiting an admin's decision (and, on demand, the decided ones). */
export function RoleRequestsPanel() {
  const api = useApi(ppUsersApiRef);
  const toastApi = useApi(coreApis.toast);
  const classes = useStyles();
  const [status, setStatus] = useState<PpRoleRequestStatus>('pending');
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  const [refreshKey, setRefreshKey] = useState(0);
  const [decision, setDecision] = useState<Decision>();

  const { page, loading, error } = usePagedQuery(
    { status, limit: pageSize, offset: pageIndex * pageSize, refreshKey },
    query =>
      api.listRoleRequests({
        status: query.status,
        limit: query.limit,
        offset: query.offset,
      }),
  );
  const users = useUserLookup((page?.items ?? []).map(r => r.user_id));

  const columns: TableColumn<PpRoleRequest>[] = [
    {
      title: 'Requested',
      field: 'created_at',
      render: request => (
        <span
          title={formatDateTime(request.created_at)}
          className={classes.nowrap}
        >
          {formatRelative(request.created_at)}
        </span>
      ),
    },
    {
      title: 'User',
      field: 'user_id',
      render: request => userLabel(request.user_id, users.get(request.user_id)),
    },
    {
      title: 'Current roles',
      render: request => {
        const user = users.get(request.user_id);
        return user ? <RoleChips name={user.name} roles={user.roles} /> : '…';
      },
    },
    {
      title: 'Wants',
      field: 'requested_role',
      render: request => <RoleChip role={request.requested_role} />,
    },
    {
      title: 'Reason',
      field: 'reason',
      render: request => (
        <Typography variant="body2" className={classes.reason}>
          {request.reason}
        </Typography>
      ),
    },
    status === 'pending'
      ? {
          title: 'Decision',
          render: request => (
            <div className={classes.actions}>
              <Button
                size="small"
                variant="contained"
                color="primary"
                aria-label={`Approve request ${request.id}`}
                onClick={() => setDecision({ request, approve: true })}
              >
                Approve
              </Button>
              <Button
                size="small"
                variant="outlined"
                aria-label={`Deny request ${request.id}`}
                onClick={() => setDecision({ request, approve: false })}
              >
                Deny
              </Button>
            </div>
          ),
        }
      : {
          title: 'Decision',
          render: request => (
            <div>
              <RequestStatus status={request.status} />
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {request.decided_by ?? ''}
                {request.decided_at
                  ? `, ${formatRelative(request.decided_at)}`
                  : ''}
                {request.decision_note ? `: ${request.decision_note}` : ''}
              </Typography>
            </div>
          ),
        },
  ];

  const decidingUser = decision && users.get(decision.request.user_id);
  const conflict =
    decision?.approve && decidingUser
      ? roleSetProblem([
          ...decidingUser.roles.filter(
            r => r !== decision.request.requested_role,
          ),
          decision.request.requested_role,
        ])
      : undefined;

  return (
    <>
      <ContentHeader
        title="Role requests"
        description="People ask for a role with a reason; approving assigns it and is recorded in the role change log."
      >
        <ToggleButtonGroup
          exclusive
          size="small"
          value={status}
          onChange={(_e, value: PpRoleRequestStatus | null) => {
            if (value) {
              setStatus(value);
              setPageIndex(0);
            }
          }}
          aria-label="Request status"
        >
          <ToggleButton value="pending">Pending</ToggleButton>
          <ToggleButton value="approved">Approved</ToggleButton>
          <ToggleButton value="denied">Denied</ToggleButton>
        </ToggleButtonGroup>
      </ContentHeader>
      {error ? (
        <ResponseErrorPanel
          title="Could not load the role requests"
          error={error}
        />
      ) : (
        <PagedTable<PpRoleRequest>
          title={`${status[0].toUpperCase()}${status.slice(1)} requests${
            page ? ` (${page.total_count})` : ''
          }`}
          columns={columns}
          page={page}
          loading={loading}
          pageIndex={pageIndex}
          pageSize={pageSize}
          onPageChange={setPageIndex}
          onPageSizeChange={size => {
            setPageSize(size);
            setPageIndex(0);
          }}
          emptyText={
            status === 'pending'
              ? 'No pending role requests. Nothing to review.'
              : `No ${status} requests.`
          }
        />
      )}
      <ConfirmDialog
        open={Boolean(decision)}
        title={
          decision
            ? `${decision.approve ? 'Approve' : 'Deny'} ${roleTitle(
                decision.request.requested_role,
              )} for ${userLabel(decision.request.user_id, decidingUser)}?`
            : ''
        }
        confirmLabel={decision?.approve ? 'Approve' : 'Deny'}
        destructive={decision ? !decision.approve : false}
        noteLabel="Note to the requester (optional)"
        onConfirm={async note => {
          if (!decision) return;
          const { request, approve } = decision;
          if (approve) {
            await api.approveRoleRequest(request.id, note);
          } else {
            await api.denyRoleRequest(request.id, note);
          }
          toastApi.post({
            title: `Request ${approve ? 'approved' : 'denied'}`,
            description: `${roleTitle(request.requested_role)} for ${userLabel(
              request.user_id,
              decidingUser,
            )}`,
            status: approve ? 'success' : 'info',
            timeout: 5000,
          });
          setRefreshKey(k => k + 1);
        }}
        onClose={() => setDecision(undefined)}
      >
        {decision && (
          <>
            <Typography variant="body2">
              Reason given: {decision.request.reason}
            </Typography>
            {decision.approve && (
              <Typography variant="body2" color="textSecondary">
                {sessionsEndNotice(
                  userLabel(decision.request.user_id, decidingUser),
                )}
              </Typography>
            )}
            {conflict && (
              <Alert severity="warning" className={classes.hint}>
                {conflict}. The user holds other roles; the server may refuse
                this approval until they are revoked.
              </Alert>
            )}
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
