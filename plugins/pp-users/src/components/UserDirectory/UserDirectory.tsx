import { useEffect, useState } from 'react';
import {
  Button,
  LinearProgress,
  Paper,
  TablePagination,
  Typography,
  makeStyles,
} from '@material-ui/core';
import {
  ContentHeader,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { PP_ROLES, PpRoleKey, PpUser } from '@internal/plugin-pp-common';
import { PpListUsersQuery, ppUsersApiRef } from '../../api';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useSelection } from '../../hooks/useSelection';
import { describeError } from '@internal/plugin-pp-common';
import { roleTitle, sessionsEndNotice } from '../../util/format';
import { AddUserDialog } from '../AddUserDialog';
import { ApiTokensDialog } from '../ApiTokensDialog';
import { BulkAssignBar } from '../BulkAssignBar';
import { ConfirmDialog } from '../ConfirmDialog';
import { PendingRequestsNotice } from '../PendingRequestsNotice';
import { RoleChangesDialog } from '../RoleChangesDialog';
import { UsersSort, UsersTable } from '../UsersTable';
import { UserFilters, UsersToolbar } from '../UsersToolbar';

const useStyles = makeStyles(theme => ({
  progressSlot: { height: 4 },
  // width 0 + min-width 100%: the wide table scrolls inside the card instead of widening the
  // page (its intrinsic width would otherwise propagate up through the layout).
  scroll: { overflowX: 'auto', width: 0, minWidth: '100%' },
  empty: { padding: theme.spacing(2) },
}));

type RoleChange = {
  user: PpUser;
  role: PpRoleKey;
  action: 'assign' | 'revoke';
};

const PAGE_SIZES = [10, 25, 50, 100];

function roleChangeTitle(change: RoleChange | undefined): string {
  if (!change) return '';
  const role = roleTitle(change.role);
  return change.action === 'assign'
    ? `Assign ${role} to ${change.user.name}?`
    : `Revoke ${role} from ${change.user.name}?`;
}

/**
 * The user and principal directory: search, filter, sort and page through `GET /users`, and
 * manage roles, status and API tokens per row or for a selection.
 */
export function UserDirectory() {
  const api = useApi(ppUsersApiRef);
  const toastApi = useApi(coreApis.toast);
  const classes = useStyles();

  const [filters, setFilters] = useState<UserFilters>({ search: '' });
  const search = useDebouncedValue(filters.search.trim(), 300);
  const [sort, setSort] = useState<UsersSort>({ field: 'name', order: 'asc' });
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  const [refreshKey, setRefreshKey] = useState(0);
  const [adding, setAdding] = useState(false);
  const [roleChange, setRoleChange] = useState<RoleChange>();
  const [deactivating, setDeactivating] = useState<PpUser>();
  const [historyOf, setHistoryOf] = useState<PpUser>();
  const [tokensOf, setTokensOf] = useState<PpUser>();

  const query: PpListUsersQuery = {
    search: search || undefined,
    role: filters.role,
    status: filters.status,
    kind: filters.kind,
    sort: sort.field,
    order: sort.order,
    limit: pageSize,
    offset: pageIndex * pageSize,
  };
  // People added here stay at the top of the list (fresh from the server on every reload) until
  // the filters change, wherever the sort would put them: the admin sees whom they just added.
  const [addedIds, setAddedIds] = useState<string[]>([]);
  const { page, loading, error } = usePagedQuery(
    { ...query, refreshKey, addedIds },
    async ({ refreshKey: _ignored, addedIds: pinned, ...q }) => {
      const listed = await api.listUsers(q);
      const missing = pinned.filter(id => !listed.items.some(u => u.id === id));
      const added = await Promise.all(
        missing.map(id => api.getUser(id).catch(() => undefined)),
      );
      return {
        ...listed,
        items: [
          ...added.filter((u): u is PpUser => Boolean(u)),
          ...listed.items,
        ],
      };
    },
  );
  const refresh = () => setRefreshKey(k => k + 1);

  const { selected, select, clear: clearSelection } = useSelection(page?.items);

  // A page past the end (after filtering or deactivating) snaps back to the last page.
  useEffect(() => {
    if (
      page &&
      page.items.length === 0 &&
      page.total_count > 0 &&
      pageIndex > 0
    ) {
      setPageIndex(Math.max(0, Math.ceil(page.total_count / pageSize) - 1));
    }
  }, [page, pageIndex, pageSize]);

  const changeFilters = (next: UserFilters) => {
    setFilters(next);
    setPageIndex(0);
    setAddedIds([]);
  };

  const activate = async (user: PpUser) => {
    try {
      await api.updateUser(user.id, { status: 'active' });
      toastApi.post({ title: `${user.name} is active`, timeout: 5000 });
      refresh();
    } catch (e) {
      toastApi.post({
        title: `Could not activate ${user.name}`,
        description: describeError(e),
        status: 'danger',
      });
    }
  };

  const hasFilters = Boolean(
    search || filters.role || filters.status || filters.kind,
  );

  let body;
  if (error) {
    body = (
      <ResponseErrorPanel title="Could not load the users" error={error} />
    );
  } else if (!page) {
    body = <Progress />;
  } else if (page.items.length === 0) {
    body = (
      <div className={classes.empty}>
        <EmptyState
          missing={hasFilters ? 'data' : 'content'}
          title={hasFilters ? 'No users match these filters' : 'No users yet'}
          description={
            hasFilters
              ? 'Try another search or clear the filters.'
              : 'Add the first person, AI agent or service principal.'
          }
          action={
            hasFilters ? (
              <Button
                variant="outlined"
                onClick={() => changeFilters({ search: '' })}
              >
                Clear filters
              </Button>
            ) : (
              <Button
                variant="contained"
                color="primary"
                onClick={() => setAdding(true)}
              >
                Add user
              </Button>
            )
          }
        />
      </div>
    );
  } else {
    body = (
      <div className={classes.scroll}>
        <UsersTable
          users={page.items}
          selectedIds={new Set(selected.keys())}
          onSelect={select}
          sort={sort}
          onSortChange={next => {
            setSort(next);
            setPageIndex(0);
          }}
          onAssignRole={(user, role) =>
            setRoleChange({ user, role, action: 'assign' })
          }
          onRevokeRole={(user, role) =>
            setRoleChange({ user, role, action: 'revoke' })
          }
          onSetActive={(user, active) =>
            active ? activate(user) : setDeactivating(user)
          }
          onShowRoleChanges={setHistoryOf}
          onManageTokens={setTokensOf}
        />
      </div>
    );
  }

  return (
    <>
      <ContentHeader
        title="Users and principals"
        description="People, AI agents and service principals, with their roles and access."
      />
      <PendingRequestsNotice />
      <Paper>
        <UsersToolbar
          filters={filters}
          onChange={changeFilters}
          onAddUser={() => setAdding(true)}
        />
        {selected.size > 0 && (
          <BulkAssignBar
            selected={Array.from(selected.values())}
            onClear={clearSelection}
            onAssign={async (role, reason) => {
              const updated = await api.bulkAssignRole({
                user_ids: Array.from(selected.keys()),
                role,
                reason,
              });
              toastApi.post({
                title: `Assigned ${roleTitle(role)} to ${updated.length} ${
                  updated.length === 1 ? 'user' : 'users'
                }`,
                timeout: 5000,
              });
              clearSelection();
              refresh();
            }}
          />
        )}
        <div className={classes.progressSlot}>
          {loading && page && <LinearProgress aria-label="Loading users" />}
        </div>
        {body}
        {page && page.total_count > 0 && (
          <TablePagination
            component="div"
            count={page.total_count}
            page={Math.min(
              pageIndex,
              Math.max(0, Math.ceil(page.total_count / pageSize) - 1),
            )}
            rowsPerPage={pageSize}
            rowsPerPageOptions={PAGE_SIZES}
            onPageChange={(_e, next) => setPageIndex(next)}
            onRowsPerPageChange={e => {
              setPageSize(Number(e.target.value));
              setPageIndex(0);
            }}
          />
        )}
      </Paper>

      <AddUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={user => {
          toastApi.post({
            title: `Added ${user.name}`,
            description: user.roles.length
              ? `Roles: ${user.roles.map(roleTitle).join(', ')}`
              : 'No roles yet',
            timeout: 5000,
          });
          setAddedIds(ids => [user.id, ...ids.filter(id => id !== user.id)]);
        }}
      />
      <ConfirmDialog
        open={Boolean(roleChange)}
        title={roleChangeTitle(roleChange)}
        confirmLabel={
          roleChange?.action === 'assign' ? 'Assign role' : 'Revoke role'
        }
        destructive={roleChange?.action === 'revoke'}
        noteLabel="Reason (optional, kept in the role change log)"
        onConfirm={async reason => {
          if (!roleChange) return;
          const { user, role, action } = roleChange;
          if (action === 'assign') {
            await api.assignRole(user.id, role, reason);
          } else {
            await api.revokeRole(user.id, role, reason);
          }
          refresh();
        }}
        onClose={() => setRoleChange(undefined)}
      >
        {roleChange && (
          <>
            <Typography variant="body2">
              {PP_ROLES[roleChange.role].title}:{' '}
              {PP_ROLES[roleChange.role].description}
            </Typography>
            {roleChange.user.kind === 'user' && (
              <Typography variant="body2" color="textSecondary">
                {sessionsEndNotice(roleChange.user.name)}
              </Typography>
            )}
          </>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={Boolean(deactivating)}
        title={`Deactivate ${deactivating?.name}?`}
        confirmLabel="Deactivate"
        destructive
        onConfirm={async () => {
          if (!deactivating) return;
          await api.updateUser(deactivating.id, { status: 'inactive' });
          refresh();
        }}
        onClose={() => setDeactivating(undefined)}
      >
        {`${deactivating?.name} loses access to the portal until reactivated: ${
          deactivating?.kind === 'user'
            ? 'their sessions end and their API tokens, if any, stop working'
            : 'its API tokens stop working'
        } within seconds, on every route. Roles are kept.`}
      </ConfirmDialog>
      <RoleChangesDialog
        user={historyOf}
        onClose={() => setHistoryOf(undefined)}
      />
      <ApiTokensDialog user={tokensOf} onClose={() => setTokensOf(undefined)} />
    </>
  );
}
