import { useState } from 'react';
import { Tooltip, Typography, makeStyles } from '@material-ui/core';
import AddCircleOutlineIcon from '@material-ui/icons/AddCircleOutline';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import { ResponseErrorPanel, TableColumn } from '@backstage/core-components';
import { PpPage, PpRoleChange, PpUser } from '@internal/plugin-pp-common';
import { PpPageQuery } from '../../api';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useUserLookup } from '../../hooks/useUserLookup';
import { formatDateTime, formatRelative } from '../../util/format';
import { PagedTable } from '../PagedTable';
import { RoleChip, RoleChips } from '../RoleChips';

const useStyles = makeStyles(theme => ({
  change: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    whiteSpace: 'nowrap',
  },
  assign: { color: theme.palette.success.main },
  revoke: { color: theme.palette.error.main },
  nowrap: { whiteSpace: 'nowrap' },
}));

/** @internal */
export interface RoleChangeTableProps {
  /** Loads one page; `GET /users/{id}/role-changes` or `GET /users/role-changes`. */
  load(query: PpPageQuery): Promise<PpPage<PpRoleChange>>;
  /** Add a column naming the principal (for the log of all users). */
  showUser?: boolean;
  title?: string;
  /** Change it to load the current page again. */
  refreshKey?: number;
}

function userLabel(id: string, user: PpUser | null | undefined) {
  if (user === undefined) return id;
  if (user === null) return `${id} (not found)`;
  return user.email ? `${user.name} <${user.email}>` : user.name;
}

/** Who made changes that no person made (`changed_by` values that are not an entity ref). */
const SYSTEM_ACTORS: Record<string, string> = {
  'pp-access-expiry': 'Access expiry (automatic)',
  'pp-admin-token': 'Automation (admin token)',
};

/** The person id in a PP entity ref (`user:pp/<id>`); undefined for anything else. */
function ppUserId(ref: string): string | undefined {
  const match = /^user:pp\/(.+)$/.exec(ref);
  return match?.[1];
}

/** A changer's name: the person's name, a sentence for the portal's own jobs, else the ref. */
function actorLabel(ref: string, users: ReadonlyMap<string, PpUser | null>) {
  if (SYSTEM_ACTORS[ref]) return SYSTEM_ACTORS[ref];
  const id = ppUserId(ref);
  if (!id) return ref;
  const user = users.get(id);
  if (user === undefined) return '…';
  return user ? user.name : 'A removed person';
}

/** Who changed whose roles, when and why: a page of the role-change log. */
export function RoleChangeTable(props: RoleChangeTableProps) {
  const { load, showUser, title = 'Role changes', refreshKey = 0 } = props;
  const classes = useStyles();
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  const { page, loading, error } = usePagedQuery(
    { limit: pageSize, offset: pageIndex * pageSize, refreshKey },
    ({ limit, offset }) => load({ limit, offset }),
  );
  const users = useUserLookup([
    ...(showUser ? (page?.items ?? []).map(c => c.user_id) : []),
    ...(page?.items ?? []).flatMap(c => ppUserId(c.changed_by) ?? []),
  ]);

  if (error) {
    return (
      <ResponseErrorPanel
        title="Could not load the role changes"
        error={error}
      />
    );
  }

  const columns: TableColumn<PpRoleChange>[] = [
    {
      title: 'When',
      field: 'changed_at',
      render: change => (
        <Tooltip title={formatDateTime(change.changed_at)}>
          <span className={classes.nowrap}>
            {formatRelative(change.changed_at)}
          </span>
        </Tooltip>
      ),
    },
    ...(showUser
      ? [
          {
            title: 'User',
            field: 'user_id',
            render: (change: PpRoleChange) =>
              userLabel(change.user_id, users.get(change.user_id)),
          },
        ]
      : []),
    {
      title: 'Change',
      field: 'action',
      render: change => (
        <div className={classes.change}>
          {change.action === 'assign' ? (
            <AddCircleOutlineIcon fontSize="small" className={classes.assign} />
          ) : (
            <RemoveCircleOutlineIcon
              fontSize="small"
              className={classes.revoke}
            />
          )}
          <span>{change.action === 'assign' ? 'Assigned' : 'Revoked'}</span>
          <RoleChip role={change.role} />
        </div>
      ),
    },
    {
      title: 'Roles after',
      field: 'new_roles',
      render: change => (
        <RoleChips name={change.user_id} roles={change.new_roles} />
      ),
    },
    {
      title: 'By',
      field: 'changed_by',
      render: change => actorLabel(change.changed_by, users),
    },
    {
      title: 'Reason',
      field: 'reason',
      render: change =>
        change.reason ?? (
          <Typography variant="body2" color="textSecondary">
            —
          </Typography>
        ),
    },
  ];

  return (
    <PagedTable<PpRoleChange>
      title={title}
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
      emptyText="No role changes recorded yet."
    />
  );
}
