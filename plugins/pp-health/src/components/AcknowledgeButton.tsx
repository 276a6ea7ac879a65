import { useState } from 'react';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useApi } from '@backstage/frontend-plugin-api';
import { PpAlert, describeError } from '@internal/plugin-pp-common';
import { ppHealthApiRef } from '../api';
import { humanize } from '../util/format';

/**
 * "Acknowledge" on a firing alert: a dialog with an optional note; the button spins while the
 * request runs, and a refusal (e.g. somebody acknowledged it first) is shown in the dialog.
 */
export function AcknowledgeButton(props: {
  alert: PpAlert;
  serviceName: string;
  onAcknowledged: (alert: PpAlert) => void;
}) {
  const api = useApi(ppHealthApiRef);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const what = `${humanize(props.alert.alert_type).toLowerCase()} alert of ${
    props.serviceName
  }`;
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const done = await api.acknowledgeAlert(props.alert.id, note);
      setOpen(false);
      setNote('');
      props.onAcknowledged(done);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        color="primary"
        onClick={() => setOpen(true)}
        aria-label={`Acknowledge the ${what}`}
      >
        Acknowledge
      </Button>
      <Dialog
        open={open}
        onClose={() => !busy && setOpen(false)}
        aria-labelledby={`ack-title-${props.alert.id}`}
      >
        <DialogTitle id={`ack-title-${props.alert.id}`}>
          Acknowledge the {what}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            The other infrastructure engineers see that you are on it. The alert
            stays open until its condition clears.
          </DialogContentText>
          <TextField
            id={`ack-note-${props.alert.id}`}
            label="Note (optional)"
            placeholder="What you are doing about it"
            variant="outlined"
            fullWidth
            multiline
            minRows={2}
            value={note}
            inputProps={{ maxLength: 1000 }}
            onChange={e => setNote(e.target.value)}
          />
          {error && (
            <Alert severity="error" style={{ marginTop: 16 }}>
              Could not acknowledge the alert: {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>
            Cancel
          </Button>
          <Button
            color="primary"
            variant="contained"
            onClick={submit}
            disabled={busy}
            startIcon={busy ? <CircularProgress size={16} /> : undefined}
          >
            {busy ? 'Acknowledging…' : 'Acknowledge'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
