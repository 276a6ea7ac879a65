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

/** One filter of the listing: a select whose empty choice means "any". */
function FilterSelect<T extends string>(props: {
  id: string;
  label: string;
  anyLabel: string;
  value: T | undefined;
  options: Array<[T, string]>;
  onChange(value: T | undefined): void;
}) {
  const classes = useStyles();
  return (
    <TextField
      select
      className={classes.filter}
      variant="outlined"
      size="small"
      id={props.id}
      label={props.label}
      value={props.value ?? ANY}
      onChange={e => props.onChange((e.target.value as T) || undefined)}
    >
      <MenuItem value={ANY}>{props.anyLabel}</MenuItem>
      {props.options.map(([value, title]) => (
        <MenuItem key={value} value={value}>
          {title}
        </MenuItem>
      ))}
    </TextField>
  );
}

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
      <FilterSelect<PpRoleKey>
        id="pp-users-filter-role"
        label="Role"
        anyLabel="Any role"
        value={filters.role}
        options={PP_ROLE_KEYS.map(role => [role, PP_ROLES[role].title])}
        onChange={role => onChange({ ...filters, role })}
      />
      <FilterSelect<PpUserStatus>
        id="pp-users-filter-status"
        label="Status"
        anyLabel="Any status"
        value={filters.status}
        options={[
          ['active', 'Active'],
          ['inactive', 'Inactive'],
          ['pending', 'Pending'],
        ]}
        onChange={status => onChange({ ...filters, status })}
      />
      <FilterSelect<PpPrincipalKind>
        id="pp-users-filter-kind"
        label="Kind"
        anyLabel="Any kind"
        value={filters.kind}
        options={(Object.keys(PRINCIPAL_KIND_LABELS) as PpPrincipalKind[]).map(
          kind => [kind, PRINCIPAL_KIND_LABELS[kind]],
        )}
        onChange={kind => onChange({ ...filters, kind })}
      />
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
