import { useState } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  TextField,
  Typography,
} from '@material-ui/core';
import { useApi } from '@backstage/frontend-plugin-api';
import { PpUpgrade, describeError } from '@internal/plugin-pp-common';
import { PpErrorAlert, PpProgressButton } from '@internal/plugin-pp-react';
import { ppOrchestrationApiRef } from '../../api';

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

/** Starts an upgrade: the new version and why; shows progress while the portal records it. */
export function UpgradeDialog(props: {
  open: boolean;
  agentId: string;
  agentName: string;
  onClose: () => void;
  onStarted: (upgrade: PpUpgrade) => void;
}) {
  const api = useApi(ppOrchestrationApiRef);
  const [version, setVersion] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const trimmed = version.trim();
  const invalid = !VERSION.test(trimmed);

  const start = async () => {
    setTouched(true);
    if (invalid) return;
    setBusy(true);
    setError(undefined);
    try {
      const upgrade = await api.startUpgrade(props.agentId, {
        to_version: trimmed,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      props.onStarted(upgrade);
    } catch (e) {
      setError(`The upgrade did not start: ${describeError(e)}`);
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
      aria-labelledby="upgrade-dialog-title"
    >
      <DialogTitle id="upgrade-dialog-title">
        Upgrade {props.agentName}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          The new version is deployed beside the current one, smoke tested,
          given 10 % of the traffic and watched, then all of it. It rolls back
          on its own if the error rate goes above 5 % or the response time (p95)
          above twice today's.
        </Typography>
        <PpErrorAlert error={error} />
        <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
          <TextField
            id="upgrade-version"
            label="New version"
            required
            value={version}
            onChange={e => setVersion(e.target.value)}
            onBlur={() => setTouched(true)}
            error={touched && invalid}
            helperText={
              touched && invalid
                ? 'Give a version like 1.5.0 (letters, digits, dots, dashes).'
                : 'The image tag to roll out, e.g. 1.5.0.'
            }
            variant="outlined"
            disabled={busy}
          />
          <TextField
            id="upgrade-reason"
            label="Reason (optional)"
            value={reason}
            onChange={e => setReason(e.target.value)}
            multiline
            minRows={2}
            variant="outlined"
            disabled={busy}
          />
        </Box>
        {busy && (
          <Box mt={2} data-testid="upgrade-starting">
            <Typography variant="body2">Starting the upgrade…</Typography>
            <LinearProgress />
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          Cancel
        </Button>
        <PpProgressButton busy={busy} onClick={start}>
          Start upgrade
        </PpProgressButton>
      </DialogActions>
    </Dialog>
  );
}
