import { useState } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@material-ui/core';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  PpSlaMaintenanceWindow,
  describeError,
} from '@internal/plugin-pp-common';
import { PpErrorAlert, PpProgressButton } from '@internal/plugin-pp-react';
import { ppSlaApiRef } from '../api';

const HOUR = 3_600_000;
const MAX_MS = 7 * 24 * HOUR;

/** `yyyy-MM-ddTHH:mm` in the browser's time zone, as a datetime-local field takes it. */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(
    d.getHours(),
  )}:${pad(d.getMinutes())}`;
}

/** What is wrong with the window, in a sentence; undefined when it may be saved. */
export function maintenanceProblem(
  starts: string,
  ends: string,
  reason: string,
): string | undefined {
  const from = Date.parse(starts);
  const to = Date.parse(ends);
  if (Number.isNaN(from) || Number.isNaN(to)) return 'Give a start and an end.';
  if (to <= from) return 'The end must come after the start.';
  if (to - from > MAX_MS) return 'A window lasts at most 7 days.';
  if (reason.trim().length < 3) return 'Say why, in a few words.';
  return undefined;
}

/**
 * "Schedule maintenance" of an agent (infrastructure engineers and admins): its time is left out
 * of the agent's SLA compliance and the health plugin's alerts are silenced meanwhile.
 */
export function MaintenanceDialog(props: {
  open: boolean;
  agentId: string;
  agentName: string;
  onClose: () => void;
  onSaved: (window: PpSlaMaintenanceWindow) => void;
}) {
  const api = useApi(ppSlaApiRef);
  // the next full hour, for an hour
  const next = new Date(Math.ceil(Date.now() / HOUR) * HOUR);
  const [starts, setStarts] = useState(toLocalInput(next));
  const [ends, setEnds] = useState(
    toLocalInput(new Date(next.getTime() + HOUR)),
  );
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const problem = maintenanceProblem(starts, ends, reason);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      props.onSaved(
        await api.createMaintenance({
          agent_id: props.agentId,
          starts_at: new Date(starts).toISOString(),
          ends_at: new Date(ends).toISOString(),
          reason: reason.trim(),
        }),
      );
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>Schedule maintenance of {props.agentName}</DialogTitle>
      <DialogContent>
        <PpErrorAlert error={error} />
        <Box display="flex" style={{ gap: 16 }}>
          <TextField
            fullWidth
            type="datetime-local"
            id="pp-sla-maintenance-starts"
            label="Starts"
            margin="dense"
            InputLabelProps={{ shrink: true }}
            value={starts}
            onChange={e => setStarts(e.target.value)}
          />
          <TextField
            fullWidth
            type="datetime-local"
            id="pp-sla-maintenance-ends"
            label="Ends"
            margin="dense"
            InputLabelProps={{ shrink: true }}
            value={ends}
            onChange={e => setEnds(e.target.value)}
          />
        </Box>
        <TextField
          fullWidth
          multiline
          minRows={2}
          id="pp-sla-maintenance-reason"
          label="Why"
          margin="dense"
          value={reason}
          onChange={e => setReason(e.target.value)}
          helperText={problem ?? ' '}
          error={!!problem && reason.length > 0}
        />
        <Typography variant="body2" color="textSecondary">
          Times are in your browser’s time zone. The window’s time is left out
          of the SLA compliance, and the health alerts of the agent are recorded
          but page nobody while it lasts.
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <PpProgressButton busy={busy} disabled={!!problem} onClick={save}>
          Schedule
        </PpProgressButton>
      </DialogActions>
    </Dialog>
  );
}
