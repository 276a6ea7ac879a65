import { ReactNode, useEffect, useState } from 'react';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { describeError } from '@internal/plugin-pp-common';

const useStyles = makeStyles(theme => ({
  destructive: {
    color: theme.palette.error.contrastText,
    backgroundColor: theme.palette.error.main,
    '&:hover': { backgroundColor: theme.palette.error.dark },
  },
  error: { marginTop: theme.spacing(2) },
}));

/** @internal */
export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in words. */
  children?: ReactNode;
  confirmLabel: string;
  /** Style the confirm button as a dangerous action (revoke, deactivate, deny). */
  destructive?: boolean;
  /** When set, asks for an optional free-text note (a reason or decision note) with this label. */
  noteLabel?: string;
  /** Does the work; a rejection keeps the dialog open and shows the server's message. */
  onConfirm(note?: string): Promise<void>;
  onClose(): void;
}

/** A confirmation for one consequential action, with an optional note for the audit trail. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const {
    open,
    title,
    children,
    confirmLabel,
    destructive,
    noteLabel,
    onConfirm,
    onClose,
  } = props;
  const classes = useStyles();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      setNote('');
      setError(undefined);
      setBusy(false);
    }
  }, [open]);

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(note.trim() || undefined);
      onClose();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="pp-confirm-dialog-title"
    >
      <DialogTitle id="pp-confirm-dialog-title">{title}</DialogTitle>
      <DialogContent>
        {typeof children === 'string' ? (
          <Typography>{children}</Typography>
        ) : (
          children
        )}
        {noteLabel && (
          <TextField
            id="pp-confirm-dialog-note"
            label={noteLabel}
            value={note}
            onChange={e => setNote(e.target.value)}
            fullWidth
            multiline
            minRows={2}
            margin="normal"
            variant="outlined"
            inputProps={{ maxLength: 2000 }}
            disabled={busy}
          />
        )}
        {error && (
          <Alert severity="error" className={classes.error}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          onClick={confirm}
          disabled={busy}
          variant="contained"
          color="primary"
          className={destructive ? classes.destructive : undefined}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
