import { useEffect, useState } from 'react';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  PpRoleKey,
  PpRoleRequest,
  PpRoleSummary,
} from '@internal/plugin-pp-common';
import { PP_ROLE_REQUEST_REASON_MIN, ppUsersApiRef } from '../../api';
import { describeError } from '@internal/plugin-pp-common';

/** The longest time-bound elevation the server grants: 90 days. */
const PP_MAX_REQUEST_HOURS = 90 * 24;

const useStyles = makeStyles(theme => ({
  field: { marginTop: theme.spacing(2) },
  description: { marginTop: theme.spacing(1) },
  alert: { marginTop: theme.spacing(2) },
}));

export interface RequestRoleDialogProps {
  open: boolean;
  /** Every role, with its description (GET /roles). */
  roles: readonly PpRoleSummary[];
  /** The roles I hold now: not offered. */
  heldRoles: readonly PpRoleKey[];
  /** Roles I already asked for and that await a decision: offered disabled. */
  pendingRoles: readonly PpRoleKey[];
  onClose: () => void;
  onRequested: (request: PpRoleRequest) => void;
}

/** Asks an admin for one role, with a reason of at least 10 characters. */
export function RequestRoleDialog(props: RequestRoleDialogProps) {
  const { open, roles, heldRoles, pendingRoles, onClose, onRequested } = props;
  const api = useApi(ppUsersApiRef);
  const classes = useStyles();
  const [role, setRole] = useState<PpRoleKey | ''>('');
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      setRole('');
      setReason('');
      setHours('');
      setTouched(false);
      setError(undefined);
    }
  }, [open]);

  const candidates = roles.filter(r => !heldRoles.includes(r.key));
  const chosen = candidates.find(r => r.key === role);
  const reasonLength = reason.trim().length;
  const reasonOk = reasonLength >= PP_ROLE_REQUEST_REASON_MIN;
  // Empty: permanent. Admin is permanent only.
  const timeBound = chosen?.key !== 'admin' && hours.trim() !== '';
  const hoursValue = Number(hours);
  const hoursOk =
    !timeBound ||
    (Number.isInteger(hoursValue) &&
      hoursValue >= 1 &&
      hoursValue <= PP_MAX_REQUEST_HOURS);
  const canSubmit = Boolean(chosen) && reasonOk && hoursOk && !busy;
  let hoursHelp =
    'Leave empty for a permanent role, or give hours for a time-bound elevation.';
  if (chosen?.key === 'admin') hoursHelp = 'Admin is permanent only.';
  else if (!hoursOk) {
    hoursHelp = `A whole number of hours from 1 to ${PP_MAX_REQUEST_HOURS} (90 days)`;
  } else if (timeBound) {
    hoursHelp = `Request elevation for ${hoursValue} hour${
      hoursValue === 1 ? '' : 's'
    }: the role ends that long after approval.`;
  }

  const submit = async () => {
    setTouched(true);
    if (!chosen || !reasonOk || !hoursOk) return;
    setBusy(true);
    setError(undefined);
    try {
      const request = await api.requestRole({
        requested_role: chosen.key,
        reason: reason.trim(),
        ...(timeBound && { duration_hours: hoursValue }),
      });
      onRequested(request);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="pp-request-role-title"
    >
      <DialogTitle id="pp-request-role-title">Request a role</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary">
          An admin reviews your request. You will see the decision on this page.
        </Typography>
        {candidates.length === 0 ? (
          <Alert severity="info" className={classes.alert}>
            You already hold every role there is.
          </Alert>
        ) : (
          <FormControl
            fullWidth
            variant="outlined"
            className={classes.field}
            required
          >
            <InputLabel id="pp-request-role-label">Role</InputLabel>
            <Select
              labelId="pp-request-role-label"
              id="pp-request-role"
              label="Role"
              value={role}
              onChange={e => setRole(e.target.value as PpRoleKey)}
            >
              {candidates.map(r => (
                <MenuItem
                  key={r.key}
                  value={r.key}
                  disabled={pendingRoles.includes(r.key)}
                >
                  {r.title}
                  {pendingRoles.includes(r.key) ? ' (already requested)' : ''}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        )}
        {chosen && (
          <Typography
            variant="body2"
            className={classes.description}
            data-testid="pp-request-role-description"
          >
            {chosen.description}
          </Typography>
        )}
        {chosen?.key === 'admin' && (
          <Alert severity="warning" className={classes.alert}>
            Admin is exclusive: it cannot be combined with any other role. If
            you hold other roles, an admin must revoke them before approving
            this request.
          </Alert>
        )}
        <TextField
          className={classes.field}
          id="pp-request-role-reason"
          label="Reason"
          required
          fullWidth
          multiline
          minRows={3}
          variant="outlined"
          value={reason}
          onChange={e => setReason(e.target.value)}
          onBlur={() => setTouched(true)}
          error={touched && !reasonOk}
          helperText={
            touched && !reasonOk
              ? `Explain the need in at least ${PP_ROLE_REQUEST_REASON_MIN} characters (${reasonLength}/${PP_ROLE_REQUEST_REASON_MIN})`
              : `At least ${PP_ROLE_REQUEST_REASON_MIN} characters: what you need the role for.`
          }
          inputProps={{ maxLength: 2000 }}
        />
        <TextField
          className={classes.field}
          id="pp-request-role-hours"
          label="For how many hours"
          type="number"
          fullWidth
          variant="outlined"
          value={chosen?.key === 'admin' ? '' : hours}
          onChange={e => setHours(e.target.value)}
          disabled={chosen?.key === 'admin'}
          error={!hoursOk}
          helperText={hoursHelp}
          inputProps={{ min: 1, max: PP_MAX_REQUEST_HOURS, step: 1 }}
        />
        {error && (
          <Alert severity="error" className={classes.alert} role="alert">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={!canSubmit}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          {busy ? 'Sending…' : 'Send request'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
