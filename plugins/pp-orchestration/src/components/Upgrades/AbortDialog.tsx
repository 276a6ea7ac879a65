import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@material-ui/core';
import { useApi } from '@backstage/frontend-plugin-api';
import { PpUpgrade, describeError } from '@internal/plugin-pp-common';
import { PpErrorAlert, PpProgressButton } from '@internal/plugin-pp-react';
import { ppOrchestrationApiRef } from '../../api';
import { versionLabel } from './UpgradeParts';

/** Asks for a reason, then aborts: all traffic back on the current version. */
export function AbortDialog(props: {
  open: boolean;
  upgrade: PpUpgrade;
  onClose: () => void;
  onAborted: (upgrade: PpUpgrade) => void;
}) {
  const api = useApi(ppOrchestrationApiRef);
  const u = props.upgrade;
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const invalid = reason.trim().length < 3;

  const abort = async () => {
    setTouched(true);
    if (invalid) return;
    setBusy(true);
    setError(undefined);
    try {
      props.onAborted(await api.abortUpgrade(u.upgrade_id, reason.trim()));
    } catch (e) {
      setError(`The upgrade was not aborted: ${describeError(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={busy ? undefined : props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="abort-dialog-title"
    >
      <DialogTitle id="abort-dialog-title">
        Abort the upgrade of {u.agent_name}?
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          All traffic goes back to {versionLabel(u.from_version)} and the
          upgrade to {u.to_version} ends as rolled back. This cannot be undone;
          start a new upgrade to try again.
        </Typography>
        <PpErrorAlert error={error} />
        <TextField
          id="abort-reason"
          label="Why"
          required
          fullWidth
          multiline
          minRows={2}
          variant="outlined"
          value={reason}
          onChange={e => setReason(e.target.value)}
          onBlur={() => setTouched(true)}
          error={touched && invalid}
          helperText={
            touched && invalid ? 'Say why, in at least 3 characters.' : ' '
          }
          disabled={busy}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          Keep it running
        </Button>
        <PpProgressButton busy={busy} color="secondary" onClick={abort}>
          Abort upgrade
        </PpProgressButton>
      </DialogActions>
    </Dialog>
  );
}
