import { useState } from 'react';
import {
  Button,
  CircularProgress,
  MenuItem,
  TextField,
  Toolbar,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { alpha } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  PP_BULK_ASSIGN_LIMIT,
  PP_ROLES,
  PP_ROLE_KEYS,
  PpRoleKey,
  PpUser,
  roleSetProblem,
} from '@internal/plugin-pp-common';
import { describeError } from '@internal/plugin-pp-common';
import { sessionsEndNotice } from '../../util/format';

const useStyles = makeStyles(theme => ({
  root: {
    backgroundColor: alpha(
      theme.palette.primary.main,
      theme.palette.action.selectedOpacity,
    ),
    padding: theme.spacing(1, 2),
  },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
  count: { fontWeight: theme.typography.fontWeightBold as number },
  role: { minWidth: 200 },
  reason: { flex: '1 1 220px' },
  alert: { marginTop: theme.spacing(1) },
}));

/** @internal */
export interface BulkAssignBarProps {
  /** The selected principals (possibly across pages). */
  selected: PpUser[];
  /** Assigns the role to every selected principal; rejects with the server's error. */
  onAssign(role: PpRoleKey, reason?: string): Promise<void>;
  onClear(): void;
}

/** Assigns one role to the selected principals, at most PP_BULK_ASSIGN_LIMIT at a time. */
export function BulkAssignBar(props: BulkAssignBarProps) {
  const { selected, onAssign, onClear } = props;
  const people = selected.filter(u => u.kind === 'user').length;
  const classes = useStyles();
  const [role, setRole] = useState<PpRoleKey | ''>('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const count = selected.length;
  const overLimit = count > PP_BULK_ASSIGN_LIMIT;
  const conflicts = role
    ? selected.filter(
        u => !u.roles.includes(role) && roleSetProblem([...u.roles, role]),
      )
    : [];
  const alreadyHave = role
    ? selected.filter(u => u.roles.includes(role)).length
    : 0;

  let blocker: string | undefined;
  if (overLimit) {
    blocker = `Bulk assignment is limited to ${PP_BULK_ASSIGN_LIMIT} users at a time; ${count} are selected. Deselect ${
      count - PP_BULK_ASSIGN_LIMIT
    } to continue.`;
  } else if (conflicts.length > 0) {
    blocker = `${conflicts.length} of the selected ${
      conflicts.length === 1 ? 'principal' : 'principals'
    } (${conflicts
      .slice(0, 3)
      .map(u => u.name)
      .join(', ')}${
      conflicts.length > 3 ? ', …' : ''
    }) cannot take this role: ${roleSetProblem([
      ...conflicts[0].roles,
      role as PpRoleKey,
    ])}.`;
  }

  const assign = async () => {
    if (!role) return;
    setBusy(true);
    setError(undefined);
    try {
      await onAssign(role, reason.trim() || undefined);
      setReason('');
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={classes.root} role="region" aria-label="Bulk actions">
      <Toolbar className={classes.bar} disableGutters variant="dense">
        <Typography className={classes.count}>{count} selected</Typography>
        <TextField
          select
          size="small"
          variant="outlined"
          id="pp-bulk-assign-role"
          label="Role to assign"
          className={classes.role}
          value={role}
          onChange={e => setRole(e.target.value as PpRoleKey)}
          disabled={busy}
        >
          {PP_ROLE_KEYS.map(key => (
            <MenuItem key={key} value={key}>
              {PP_ROLES[key].title}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          variant="outlined"
          id="pp-bulk-assign-reason"
          label="Reason (optional)"
          className={classes.reason}
          value={reason}
          onChange={e => setReason(e.target.value)}
          inputProps={{ maxLength: 2000 }}
          disabled={busy}
        />
        <Button
          variant="contained"
          color="primary"
          onClick={assign}
          disabled={busy || !role || Boolean(blocker)}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          Assign to {count} {count === 1 ? 'user' : 'users'}
        </Button>
        <Button onClick={onClear} disabled={busy}>
          Clear selection
        </Button>
      </Toolbar>
      {role && !blocker && people > 0 && (
        <Typography variant="body2" color="textSecondary">
          {sessionsEndNotice({ count: people })}
        </Typography>
      )}
      {blocker && (
        <Alert severity="warning" className={classes.alert}>
          {blocker}
        </Alert>
      )}
      {!blocker && alreadyHave > 0 && (
        <Alert severity="info" className={classes.alert}>
          {alreadyHave} of the selected already{' '}
          {alreadyHave === 1 ? 'has' : 'have'} this role.
        </Alert>
      )}
      {error && (
        <Alert severity="error" className={classes.alert}>
          {error}
        </Alert>
      )}
    </div>
  );
}
