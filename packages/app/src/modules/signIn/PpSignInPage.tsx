import { useEffect, useMemo, useState } from 'react';
import {
  InfoCard,
  Progress,
  ProxiedSignInPage,
  SignInPage,
} from '@backstage/core-components';
import {
  configApiRef,
  discoveryApiRef,
  googleAuthApiRef,
  IdentityApi,
  useApi,
} from '@backstage/core-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import { PP_ROLES, PpRoleKey } from '@internal/plugin-pp-common';
import {
  Box,
  Button,
  Chip,
  Grid,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  DevPick,
  devHeaders,
  loadDevPick,
  newDevPick,
  saveDevPick,
  signInRefusal,
  withPpSignOut,
} from './devSignIn';

interface DemoUser {
  email: string;
  name: string;
  roles: PpRoleKey[];
  status: string;
}

const useStyles = makeStyles(theme => ({
  page: {
    minHeight: '100vh',
    background: theme.palette.background.default,
    padding: theme.spacing(6, 4),
  },
  user: { width: '100%', justifyContent: 'flex-start', textTransform: 'none' },
}));

function DevSignIn(props: {
  users: DemoUser[];
  error?: string;
  onPick(email: string): void;
}) {
  const classes = useStyles();
  return (
    <InfoCard
      title="Dev sign-in"
      subheader="Embedded default only: pick a demo user to see that role's view."
    >
      {props.error && (
        <Box mb={2}>
          <Alert severity="error">{props.error}</Alert>
        </Box>
      )}
      <Grid container spacing={1}>
        {props.users.map(user => (
          <Grid item xs={12} sm={6} key={user.email}>
            <Button
              variant="outlined"
              className={classes.user}
              onClick={() => props.onPick(user.email)}
              aria-label={`Sign in as ${user.name}`}
            >
              <Box textAlign="left">
                <Typography variant="subtitle2">{user.name}</Typography>
                <Typography variant="caption" color="textSecondary">
                  {user.email}
                </Typography>
                <Box mt={0.5}>
                  {user.roles.map(r => (
                    <Chip
                      key={r}
                      size="small"
                      label={PP_ROLES[r]?.title ?? r}
                    />
                  ))}
                </Box>
              </Box>
            </Button>
          </Grid>
        ))}
      </Grid>
    </InfoCard>
  );
}

/**
 * The Platform Portal sign-in page: Google (the spec's provider, when `pp.auth.google.enabled`)
 * and, in the embedded default, the dev sign-in that picks one of the seeded demo users. The
 * backend applies the same PP rules to both and explains any refusal, shown here.
 */
export function PpSignInPage(props: SignInPageProps) {
  const classes = useStyles();
  const discovery = useApi(discoveryApiRef);
  const config = useApi(configApiRef);
  const googleEnabled =
    config.getOptionalBoolean('pp.auth.google.enabled') ?? false;
  const [demoUsers, setDemoUsers] = useState<DemoUser[] | undefined | null>();
  const [pick, setPick] = useState<{ pick: DevPick; fresh: boolean }>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const base = await discovery.getBaseUrl('pp-users');
      const res = await fetch(`${base}/dev/demo-users`).catch(() => undefined);
      const users = res?.ok ? (await res.json()).items : null;
      if (cancelled) return;
      setDemoUsers(users);
      const saved = loadDevPick();
      if (users && saved) setPick({ pick: saved, fresh: false });
    })();
    return () => {
      cancelled = true;
    };
  }, [discovery]);

  const onSignInSuccess = (identity: IdentityApi) =>
    props.onSignInSuccess(
      withPpSignOut(
        identity,
        async () => `${await discovery.getBaseUrl('pp-users')}/auth/logout`,
      ),
    );

  // Refused or ended: forget the pick and offer the choice again, with the reason.
  const DevSignInFailed = useMemo(
    () =>
      function DevSignInFailedError({ error: e }: { error?: Error }) {
        useEffect(() => {
          saveDevPick(undefined);
          setError(signInRefusal(e));
          setPick(undefined);
        }, [e]);
        return null;
      },
    [],
  );

  if (demoUsers === undefined) return <Progress />;

  if (pick) {
    return (
      <ProxiedSignInPage
        {...props}
        onSignInSuccess={onSignInSuccess}
        provider="pp-dev"
        headers={devHeaders(pick.pick, pick.fresh)}
        ErrorComponent={DevSignInFailed}
      />
    );
  }

  return (
    <Box className={classes.page}>
      <Box maxWidth={880} mx="auto">
        <Typography variant="h3" component="h1" gutterBottom>
          Platform Portal
        </Typography>
        <Typography variant="subtitle1" color="textSecondary" paragraph>
          WAOOAW's operations hub for the AI-agent marketplace. Sign in with
          your @waooaw.com account.
        </Typography>
        {googleEnabled && (
          <SignInPage
            {...props}
            onSignInSuccess={onSignInSuccess}
            providers={[
              {
                id: 'google-auth-provider',
                title: 'Google',
                message: 'Sign in with your @waooaw.com Google account',
                apiRef: googleAuthApiRef,
              },
            ]}
          />
        )}
        {demoUsers ? (
          <DevSignIn
            users={demoUsers}
            error={error}
            onPick={email => {
              const next = newDevPick(email);
              saveDevPick(next);
              setError(undefined);
              setPick({ pick: next, fresh: true });
            }}
          />
        ) : (
          !googleEnabled && (
            <Alert severity="warning">
              No sign-in method is enabled on this portal. Ask an administrator
              to configure Google sign-in.
            </Alert>
          )
        )}
      </Box>
    </Box>
  );
}
