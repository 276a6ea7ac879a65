import { useState } from 'react';
import {
  Button,
  Card,
  CardContent,
  CardHeader,
  CircularProgress,
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { describeError } from '@internal/plugin-pp-common';

/** The most sessions a person has at once (contract, Stage 1): a new one ends the oldest. */
export const PP_MAX_SESSIONS = 5;

/** The PP session id the sign-in put in the user's token (`pp_sid`), if any. */
export function sessionIdOfToken(
  token: string | undefined,
): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const sid = JSON.parse(json)?.pp_sid;
    return typeof sid === 'string' ? sid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "My sessions" on My access: this browser's session, which the person can end (sign out, which
 * ends the session on the server: `POST /pp/v1/auth/logout`), the limit of 5 and what ends them.
 * The contract has no endpoint that lists or ends a person's other sessions, so they are not
 * listed here.
 */
export function MySessionsCard() {
  const identityApi = useApi(coreApis.identity);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const credentials = useAsync(
    () => identityApi.getCredentials(),
    [identityApi],
  );
  const sessionId = sessionIdOfToken(credentials.value?.token);

  const signOut = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await identityApi.signOut();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <Card>
      <CardHeader
        title="My sessions"
        subheader={`You can be signed in on up to ${PP_MAX_SESSIONS} browsers or devices at once; signing in on one more ends the oldest session.`}
      />
      <CardContent>
        {!credentials.loading && (
          <List dense aria-label="My sessions">
            <ListItem>
              <ListItemText
                primary="This browser"
                secondary={
                  sessionId
                    ? 'Signed in now'
                    : 'No portal session found for this sign-in'
                }
              />
              <ListItemSecondaryAction>
                <Button
                  variant="outlined"
                  onClick={signOut}
                  disabled={busy}
                  startIcon={busy ? <CircularProgress size={16} /> : undefined}
                >
                  Sign out of this session
                </Button>
              </ListItemSecondaryAction>
            </ListItem>
          </List>
        )}
        {error && <Alert severity="error">{error}</Alert>}
        <Typography variant="body2" color="textSecondary" paragraph>
          A change to your roles ends all your sessions at once: you sign in
          again to use the new roles. So does an admin deactivating your
          account.
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Your sessions on other browsers are not listed here: the portal cannot
          list them yet. Signing out there ends them.
        </Typography>
      </CardContent>
    </Card>
  );
}
