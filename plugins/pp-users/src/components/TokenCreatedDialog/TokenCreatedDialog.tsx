import { useEffect, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import FileCopyIcon from '@material-ui/icons/FileCopy';
import CheckIcon from '@material-ui/icons/Check';
import { PpApiTokenCreated } from '@internal/plugin-pp-common';
import { formatDateTime } from '../../util/format';

const useStyles = makeStyles(theme => ({
  token: {
    fontFamily: 'monospace',
    wordBreak: 'break-all',
  },
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
  copy: { marginTop: theme.spacing(1), whiteSpace: 'nowrap' },
  meta: { marginTop: theme.spacing(1) },
}));

/** @internal */
export interface TokenCreatedDialogProps {
  /** The freshly minted token; the dialog is open while it is set. */
  token: PpApiTokenCreated | undefined;
  /** Who the token authenticates as. */
  principalName: string;
  onClose(): void;
}

/**
 * Shows a new API token exactly once, with a copy button. The secret is not stored anywhere on
 * our side (only its hash on the server), so closing the dialog loses it for good.
 */
export function TokenCreatedDialog(props: TokenCreatedDialogProps) {
  const { token, principalName, onClose } = props;
  const classes = useStyles();
  const [copied, setCopied] = useState<boolean | 'failed'>(false);

  useEffect(() => setCopied(false), [token]);

  const copy = async () => {
    if (!token) return;
    try {
      await window.navigator.clipboard.writeText(token.token);
      setCopied(true);
    } catch {
      // No clipboard (insecure context, denied permission): the field is selectable instead.
      setCopied('failed');
    }
  };

  return (
    <Dialog
      open={Boolean(token)}
      // Only the explicit button closes it: a stray click outside must not lose the secret.
      onClose={(_event, reason) => {
        if (reason !== 'backdropClick') onClose();
      }}
      maxWidth="sm"
      fullWidth
      aria-labelledby="pp-token-created-title"
    >
      <DialogTitle id="pp-token-created-title">API token created</DialogTitle>
      {token && (
        <DialogContent>
          <Alert severity="warning">
            Copy this token now. It will not be shown again: only a hash is
            stored, so a lost token has to be revoked and replaced.
          </Alert>
          <div className={classes.row}>
            <TextField
              id="pp-api-token-secret"
              label={`Token "${token.name}" for ${principalName}`}
              value={token.token}
              fullWidth
              multiline
              variant="outlined"
              InputProps={{
                readOnly: true,
                classes: { input: classes.token },
              }}
              onFocus={e => e.target.select()}
            />
            <Button
              className={classes.copy}
              variant="contained"
              color="primary"
              onClick={copy}
              startIcon={copied === true ? <CheckIcon /> : <FileCopyIcon />}
            >
              {copied === true ? 'Copied' : 'Copy'}
            </Button>
          </div>
          {copied === 'failed' && (
            <Alert severity="info" className={classes.meta}>
              Could not reach the clipboard; select the token and copy it by
              hand.
            </Alert>
          )}
          <Typography
            variant="body2"
            color="textSecondary"
            className={classes.meta}
          >
            {token.expires_at
              ? `Expires ${formatDateTime(token.expires_at)}.`
              : 'Does not expire; revoke it when it is no longer needed.'}{' '}
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </Typography>
        </DialogContent>
      )}
      <DialogActions>
        <Button onClick={onClose} color="primary" variant="outlined">
          {copied === true ? 'Done' : "I've stored it, close"}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
