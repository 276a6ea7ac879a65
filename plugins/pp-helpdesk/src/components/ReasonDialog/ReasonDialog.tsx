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

/**
 * A dialog asking for a text (escalation reason, resolution notes). The text is owned by the
 * caller so it survives a failed attempt (a conflict reloads the ticket, not the text).
 */
export function ReasonDialog(props: {
  open: boolean;
  title: string;
  description: string;
  label: string;
  confirmLabel: string;
  value: string;
  onChange: (value: string) => void;
  minLength?: number;
  busy?: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const min = props.minLength ?? 10;
  const short = props.value.trim().length < min;
  return (
    <Dialog open={props.open} onClose={props.onCancel} fullWidth maxWidth="sm">
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{props.description}</DialogContentText>
        <TextField
          fullWidth
          multiline
          minRows={3}
          id="pp-ticket-reason"
          label={props.label}
          value={props.value}
          onChange={e => props.onChange(e.target.value)}
          helperText={short ? `At least ${min} characters` : ' '}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel} disabled={props.busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={short || props.busy}
          startIcon={
            props.busy ? (
              <CircularProgress size={16} aria-label="Working" />
            ) : undefined
          }
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
