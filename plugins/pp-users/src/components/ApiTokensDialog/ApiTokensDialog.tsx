import { FormEvent, useEffect, useState } from 'react';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  PpApiToken,
  PpApiTokenCreated,
  PpUser,
} from '@internal/plugin-pp-common';
import { ppUsersApiRef } from '../../api';
import { describeError } from '@internal/plugin-pp-common';
import { ApiTokenList } from '../ApiTokenList';
import { ConfirmDialog } from '../ConfirmDialog';
import { TokenCreatedDialog } from '../TokenCreatedDialog';

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
    margin: theme.spacing(2, 0),
  },
  name: { flex: '1 1 220px' },
  expiry: { minWidth: 160 },
  create: { marginTop: theme.spacing(0.5) },
}));

// Every token expires: the server's default is 90 days and its maximum 1 year
// (pp.auth.apiTokens.defaultLifetimeDays / maxLifetimeDays).
const EXPIRY_CHOICES: Array<{ value: string; label: string }> = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '180', label: '180 days' },
  { value: '365', label: '1 year' },
];

/** @internal */
export interface ApiTokensDialogProps {
  /** The agent or service principal whose tokens to manage; the dialog is open while set. */
  user: PpUser | undefined;
  onClose(): void;
}

/**
 * Lists, creates and revokes the API tokens of an AI agent or service principal. A new token is
 * handed to TokenCreatedDialog, which shows it once.
 */
export function ApiTokensDialog(props: ApiTokensDialogProps) {
  const { user, onClose } = props;
  const api = useApi(ppUsersApiRef);
  const classes = useStyles();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('90');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<PpApiTokenCreated>();
  const [revoking, setRevoking] = useState<PpApiToken>();
  const [refreshKey, setRefreshKey] = useState(0);

  useEffect(() => {
    setName('');
    setExpiry('90');
    setError(undefined);
    setBusy(false);
  }, [user?.id]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!user || !name.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      const token = await api.createApiToken(user.id, {
        name: name.trim(),
        expires_in_days: Number(expiry),
      });
      setCreated(token);
      setName('');
      setRefreshKey(k => k + 1);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Dialog
        open={Boolean(user)}
        onClose={onClose}
        maxWidth="md"
        fullWidth
        aria-labelledby="pp-api-tokens-title"
      >
        <DialogTitle id="pp-api-tokens-title">
          API tokens of {user?.name}
        </DialogTitle>
        {user && (
          <DialogContent>
            <Typography variant="body2" color="textSecondary">
              Tokens let {user.name}
              {user.entity_ref ? ` (${user.entity_ref})` : ''} call the Platform
              Portal API with its own roles. Give each consumer its own token so
              it can be revoked on its own. Every token expires; the list shows
              when, and when each was last used.
            </Typography>
            <form className={classes.form} onSubmit={create}>
              <TextField
                className={classes.name}
                size="small"
                variant="outlined"
                id="pp-api-token-name"
                label="Token name"
                placeholder="e.g. ci-pipeline"
                value={name}
                onChange={e => setName(e.target.value)}
                inputProps={{ maxLength: 128 }}
                disabled={busy}
              />
              <TextField
                select
                className={classes.expiry}
                size="small"
                variant="outlined"
                id="pp-api-token-expiry"
                label="Expires in"
                value={expiry}
                onChange={e => setExpiry(e.target.value)}
                disabled={busy}
              >
                {EXPIRY_CHOICES.map(choice => (
                  <MenuItem key={choice.value} value={choice.value}>
                    {choice.label}
                  </MenuItem>
                ))}
              </TextField>
              <Button
                className={classes.create}
                type="submit"
                variant="contained"
                color="primary"
                disabled={busy || !name.trim()}
                startIcon={busy ? <CircularProgress size={16} /> : undefined}
              >
                Create token
              </Button>
            </form>
            {error && <Alert severity="error">{error}</Alert>}
            <ApiTokenList
              user={user}
              refreshKey={refreshKey}
              onRevoke={setRevoking}
            />
          </DialogContent>
        )}
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
        </DialogActions>
      </Dialog>
      <TokenCreatedDialog
        token={created}
        principalName={user?.name ?? ''}
        onClose={() => setCreated(undefined)}
      />
      <ConfirmDialog
        open={Boolean(revoking)}
        title={`Revoke token "${revoking?.name}"?`}
        confirmLabel="Revoke token"
        destructive
        onConfirm={async () => {
          if (user && revoking) {
            await api.revokeApiToken(user.id, revoking.id);
            setRefreshKey(k => k + 1);
          }
        }}
        onClose={() => setRevoking(undefined)}
      >
        {`Anything that uses this token to act as ${user?.name} is refused within seconds, on every route of the portal. This cannot be undone.`}
      </ConfirmDialog>
    </>
  );
}
