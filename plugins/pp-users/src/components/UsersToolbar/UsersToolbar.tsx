import {
  Button,
  InputAdornment,
  MenuItem,
  TextField,
  Toolbar,
  makeStyles,
} from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import PersonAddIcon from '@material-ui/icons/PersonAdd';
import {
  PP_ROLES,
  PP_ROLE_KEYS,
  PpPrincipalKind,
  PpRoleKey,
  PpUserStatus,
} from '@internal/plugin-pp-common';
import { PRINCIPAL_KIND_LABELS } from '../PrincipalKindChip';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
    alignItems: 'center',
  },
  search: { flex: '1 1 280px' },
  filter: { minWidth: 170 },
  add: { marginLeft: 'auto' },
}));

/** @internal */
export interface UserFilters {
  search: string;
  role?: PpRoleKey;
  status?: PpUserStatus;
  kind?: PpPrincipalKind;
}

/** @internal */
export interface UsersToolbarProps {
  filters: UserFilters;
  onChange(filters: UserFilters): void;
  onAddUser(): void;
}

const ANY = '';

/** Server-side search and the role, status and kind filters of the user listing. */
export function UsersToolbar(props: UsersToolbarProps) {
  const { filters, onChange, onAddUser } = props;
  const classes = useStyles();

  return (
    <Toolbar className={classes.root} disableGutters>
      <TextField
        className={classes.search}
        variant="outlined"
        size="small"
        placeholder="Search by name, email or entity"
        value={filters.search}
        onChange={e => onChange({ ...filters, search: e.target.value })}
        inputProps={{ 'aria-label': 'Search users', maxLength: 200 }}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        }}
      />
      <TextField
        select
        className={classes.filter}
        variant="outlined"
        size="small"
        id="pp-users-filter-role"
        label="Role"
        value={filters.role ?? ANY}
        onChange={e =>
          onChange({
            ...filters,
            role: (e.target.value as PpRoleKey) || undefined,
          })
        }
      >
        <MenuItem value={ANY}>Any role</MenuItem>
        {PP_ROLE_KEYS.map(role => (
          <MenuItem key={role} value={role}>
            {PP_ROLES[role].title}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        className={classes.filter}
        variant="outlined"
        size="small"
        id="pp-users-filter-status"
        label="Status"
        value={filters.status ?? ANY}
        onChange={e =>
          onChange({
            ...filters,
            status: (e.target.value as PpUserStatus) || undefined,
          })
        }
      >
        <MenuItem value={ANY}>Any status</MenuItem>
        <MenuItem value="active">Active</MenuItem>
        <MenuItem value="inactive">Inactive</MenuItem>
        <MenuItem value="pending">Pending</MenuItem>
      </TextField>
      <TextField
        select
        className={classes.filter}
        variant="outlined"
        size="small"
        id="pp-users-filter-kind"
        label="Kind"
        value={filters.kind ?? ANY}
        onChange={e =>
          onChange({
            ...filters,
            kind: (e.target.value as PpPrincipalKind) || undefined,
          })
        }
      >
        <MenuItem value={ANY}>Any kind</MenuItem>
        {(Object.keys(PRINCIPAL_KIND_LABELS) as PpPrincipalKind[]).map(kind => (
          <MenuItem key={kind} value={kind}>
            {PRINCIPAL_KIND_LABELS[kind]}
          </MenuItem>
        ))}
      </TextField>
      <Button
        className={classes.add}
        variant="contained"
        color="primary"
        startIcon={<PersonAddIcon />}
        onClick={onAddUser}
      >
        Add user
      </Button>
    </Toolbar>
  );
}
