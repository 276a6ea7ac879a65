import {
  Checkbox,
  IconButton,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TableSortLabel,
  Tooltip,
  Typography,
  makeStyles,
} from '@material-ui/core';
import HistoryIcon from '@material-ui/icons/History';
import VpnKeyIcon from '@material-ui/icons/VpnKey';
import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { PpRoleKey, PpUser, PpUserStatus } from '@internal/plugin-pp-common';
import { PpUserSortField } from '../../api';
import { formatDateTime, formatRelative } from '../../util/format';
import { PrincipalKindChip } from '../PrincipalKindChip';
import { RoleChips } from '../RoleChips';

const useStyles = makeStyles(theme => ({
  table: { minWidth: 960 },
  row: { verticalAlign: 'top' },
  secondary: {
    color: theme.palette.text.secondary,
    fontFamily: theme.typography.fontFamily,
    // emails and entity refs are long tokens: they may wrap anywhere, names do not
    overflowWrap: 'anywhere',
  },
  status: { display: 'flex', alignItems: 'center', whiteSpace: 'nowrap' },
  actions: { whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
}));

/** @internal */
export interface UsersSort {
  field: PpUserSortField;
  order: 'asc' | 'desc';
}

/** @internal */
export interface UsersTableProps {
  users: PpUser[];
  selectedIds: ReadonlySet<string>;
  /** Select or deselect rows (one, or the whole page from the header checkbox). */
  onSelect(users: PpUser[], selected: boolean): void;
  sort: UsersSort;
  onSortChange(sort: UsersSort): void;
  onAssignRole(user: PpUser, role: PpRoleKey): void;
  onRevokeRole(user: PpUser, role: PpRoleKey): void;
  onSetActive(user: PpUser, active: boolean): void;
  onShowRoleChanges(user: PpUser): void;
  onManageTokens(user: PpUser): void;
}

const statusLabel: Record<PpUserStatus, string> = {
  active: 'Active',
  inactive: 'Inactive',
  pending: 'Pending',
};

function StatusText(props: { status: PpUserStatus }) {
  switch (props.status) {
    case 'active':
      return <StatusOK>{statusLabel.active}</StatusOK>;
    case 'inactive':
      return <StatusError>{statusLabel.inactive}</StatusError>;
    default:
      return (
        <StatusPending>
          {statusLabel[props.status] ?? props.status}
        </StatusPending>
      );
  }
}

/** The principals of one page of `GET /users`, with their per-row actions. */
export function UsersTable(props: UsersTableProps) {
  const {
    users,
    selectedIds,
    onSelect,
    sort,
    onSortChange,
    onAssignRole,
    onRevokeRole,
    onSetActive,
    onShowRoleChanges,
    onManageTokens,
  } = props;
  const classes = useStyles();
  const selectedOnPage = users.filter(u => selectedIds.has(u.id)).length;

  const nextSort = (field: PpUserSortField): UsersSort => {
    if (sort.field === field) {
      return { field, order: sort.order === 'asc' ? 'desc' : 'asc' };
    }
    // Most recent activity first is the useful default for times.
    return { field, order: field === 'last_active_at' ? 'desc' : 'asc' };
  };

  const sortHeader = (field: PpUserSortField, label: string) => (
    <TableSortLabel
      active={sort.field === field}
      direction={sort.field === field ? sort.order : 'asc'}
      onClick={() => onSortChange(nextSort(field))}
    >
      {label}
    </TableSortLabel>
  );

  return (
    <Table size="small" className={classes.table} aria-label="Users">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox">
            <Checkbox
              color="primary"
              indeterminate={
                selectedOnPage > 0 && selectedOnPage < users.length
              }
              checked={users.length > 0 && selectedOnPage === users.length}
              onChange={e => onSelect(users, e.target.checked)}
              inputProps={{ 'aria-label': 'Select all users on this page' }}
            />
          </TableCell>
          <TableCell sortDirection={sort.field === 'name' ? sort.order : false}>
            {sortHeader('name', 'Name')}
          </TableCell>
          <TableCell
            sortDirection={sort.field === 'email' ? sort.order : false}
          >
            {sortHeader('email', 'Email')}
          </TableCell>
          <TableCell>Kind</TableCell>
          <TableCell>Roles</TableCell>
          <TableCell>Status</TableCell>
          <TableCell
            sortDirection={sort.field === 'last_active_at' ? sort.order : false}
          >
            {sortHeader('last_active_at', 'Last active')}
          </TableCell>
          <TableCell align="right">Actions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {users.map(user => {
          const selected = selectedIds.has(user.id);
          const isPrincipal = user.kind !== 'user';
          return (
            <TableRow
              key={user.id}
              hover
              selected={selected}
              className={classes.row}
              data-testid={`user-row-${user.id}`}
            >
              <TableCell padding="checkbox">
                <Checkbox
                  color="primary"
                  checked={selected}
                  onChange={e => onSelect([user], e.target.checked)}
                  inputProps={{ 'aria-label': `Select ${user.name}` }}
                />
              </TableCell>
              <TableCell>
                <Typography variant="body2">
                  <strong>{user.name}</strong>
                </Typography>
                {user.entity_ref && (
                  <Typography
                    variant="caption"
                    display="block"
                    className={classes.secondary}
                  >
                    {user.entity_ref}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{user.email ?? '—'}</TableCell>
              <TableCell>
                <PrincipalKindChip kind={user.kind} />
              </TableCell>
              <TableCell>
                <RoleChips
                  name={user.name}
                  roles={user.roles}
                  expiries={user.role_expires_at}
                  onAssign={role => onAssignRole(user, role)}
                  onRevoke={role => onRevokeRole(user, role)}
                />
              </TableCell>
              <TableCell>
                <div className={classes.status}>
                  <StatusText status={user.status} />
                  <Tooltip
                    title={
                      user.status === 'active'
                        ? 'Deactivate: the principal can no longer sign in or call the API'
                        : 'Activate'
                    }
                  >
                    <Switch
                      size="small"
                      color="primary"
                      checked={user.status === 'active'}
                      onChange={e => onSetActive(user, e.target.checked)}
                      inputProps={{
                        'aria-label': `${
                          user.status === 'active' ? 'Deactivate' : 'Activate'
                        } ${user.name}`,
                      }}
                    />
                  </Tooltip>
                </div>
              </TableCell>
              <TableCell className={classes.nowrap}>
                <Tooltip title={formatDateTime(user.last_active_at)}>
                  <span>{formatRelative(user.last_active_at)}</span>
                </Tooltip>
              </TableCell>
              <TableCell align="right" className={classes.actions}>
                <Tooltip title="Role change history">
                  <IconButton
                    size="small"
                    aria-label={`Role change history of ${user.name}`}
                    onClick={() => onShowRoleChanges(user)}
                  >
                    <HistoryIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
                {isPrincipal && (
                  <Tooltip title="API tokens">
                    <IconButton
                      size="small"
                      aria-label={`API tokens of ${user.name}`}
                      onClick={() => onManageTokens(user)}
                    >
                      <VpnKeyIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
