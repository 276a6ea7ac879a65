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
import {
  PpSlaBreach,
  describeError,
  ppSlaBreachUpdateSchema,
} from '@internal/plugin-pp-common';
import { PpErrorAlert, PpProgressButton } from '@internal/plugin-pp-react';
import { ppSlaApiRef } from '../api';

const TICKET_KEY = /^[A-Za-z0-9-]+$/;

/** What is wrong with the root cause or the ticket, in a sentence; undefined when it may be saved. */
export function rootCauseProblem(
  rootCause: string,
  ticket: string,
): string | undefined {
  const cause = rootCause.trim();
  if (cause.length < 3) return 'Say what caused the breach, in a few words.';
  if (cause.length > 4000) return 'Keep the root cause under 4,000 characters.';
  const key = ticket.trim();
  if (key && (key.length > 64 || !TICKET_KEY.test(key))) {
    return 'Give the ticket’s key, such as TKT-000123, or leave it empty.';
  }
  return undefined;
}

/**
 * "Record the root cause" of a breach (infrastructure engineers and admins): what caused it and,
 * optionally, the helpdesk ticket about it. An empty ticket field unlinks the ticket.
 */
export function BreachRootCauseDialog(props: {
  breach: PpSlaBreach;
  /** Who or what breached, in words ("Maths Tutor", an OLA's sentence). */
  subject: string;
  onClose: () => void;
  onSaved: (breach: PpSlaBreach) => void;
}) {
  const { breach } = props;
  const api = useApi(ppSlaApiRef);
  const [rootCause, setRootCause] = useState(breach.root_cause ?? '');
  const [ticket, setTicket] = useState(breach.ticket_id ?? '');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const problem = rootCauseProblem(rootCause, ticket);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      // the shape the route checks, so a change to it shows here first
      const body = ppSlaBreachUpdateSchema.parse({
        root_cause: rootCause.trim(),
        ticket_id: ticket.trim() || null,
      });
      props.onSaved(await api.updateBreach(breach.id, body));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : props.onClose}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle>Record the root cause</DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          {props.subject}, started{' '}
          {new Date(breach.started_at).toLocaleString()}.
        </Typography>
        <PpErrorAlert error={error} />
        <TextField
          fullWidth
          multiline
          minRows={3}
          id="pp-sla-breach-root-cause"
          label="Root cause"
          margin="dense"
          value={rootCause}
          onChange={e => {
            setRootCause(e.target.value);
            setTouched(true);
          }}
          helperText={(touched && problem) || ' '}
          error={touched && !!problem}
        />
        <TextField
          fullWidth
          id="pp-sla-breach-ticket"
          label="Ticket (optional)"
          placeholder="TKT-000123"
          margin="dense"
          value={ticket}
          onChange={e => {
            setTicket(e.target.value);
            setTouched(true);
          }}
          helperText="The helpdesk ticket about this breach."
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          Cancel
        </Button>
        <PpProgressButton busy={busy} disabled={!!problem} onClick={save}>
          Save
        </PpProgressButton>
      </DialogActions>
    </Dialog>
  );
}
