import { useEffect, useState } from 'react';
import { Content, InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Box, Button, Grid, Typography, makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useParams } from 'react-router-dom';
import { PpUpgrade, describeError } from '@internal/plugin-pp-common';
import { PpFact, PpFacts, formatDateTime } from '@internal/plugin-pp-react';
import { ppOrchestrationApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { actorLabel, formatDuration } from '../../util/labels';
import { AbortDialog } from './AbortDialog';
import {
  GateTable,
  StepTimeline,
  TrafficSplit,
  UpgradeGate,
  UpgradeStatusChip,
  useUpgradePermissions,
  versionLabel,
} from './UpgradeParts';

/** How often the page asks again while the upgrade runs. */
export const UPGRADE_POLL_MS = 5_000;

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

/** One upgrade: status, the traffic split, the gates, the steps, and Abort. */
export function UpgradeView(props: {
  upgrade: PpUpgrade;
  onChanged: (u: PpUpgrade) => void;
}) {
  const classes = useStyles();
  const u = props.upgrade;
  const perms = useUpgradePermissions();
  const [aborting, setAborting] = useState(false);
  return (
    <>
      <Box className={classes.header}>
        <Typography variant="h4" component="h1">
          Upgrade of {u.agent_name} to {u.to_version}
        </Typography>
        <UpgradeStatusChip upgrade={u} />
        {u.active && perms.canAbort && (
          <Box ml="auto">
            <Button
              variant="outlined"
              color="secondary"
              onClick={() => setAborting(true)}
            >
              Abort
            </Button>
          </Box>
        )}
      </Box>
      <PpFacts>
        <PpFact label="From" value={versionLabel(u.from_version)} />
        <PpFact label="To" value={u.to_version} />
        <PpFact label="Deployment target" value={u.target.title} />
        <PpFact label="Started" value={formatDateTime(u.started_at)} />
        <PpFact label="By" value={actorLabel(u.started_by, u.people)} />
        {u.completed_at && (
          <PpFact label="Ended" value={formatDateTime(u.completed_at)} />
        )}
      </PpFacts>
      {u.target.demo && (
        <Box mb={2}>
          <Alert severity="info">
            This upgrade runs on the demo deployment target: the portal goes
            through every step, but no real workload starts and no real traffic
            moves.
          </Alert>
        </Box>
      )}
      <Box mb={2}>
        {u.status === 'rolled_back' && (
          <Alert severity="error" data-testid="upgrade-outcome">
            Rolled back: all traffic is on {versionLabel(u.from_version)}.{' '}
            {u.rollback_reason}
          </Alert>
        )}
        {u.status === 'completed' && (
          <Alert severity="success" data-testid="upgrade-outcome">
            Completed: all traffic is on {u.to_version}.{' '}
            {versionLabel(u.from_version)} is kept as standby
            {u.standby_until ? ` until ${formatDateTime(u.standby_until)}` : ''}
            .
          </Alert>
        )}
        {u.active && (
          <Alert severity="info" data-testid="upgrade-next">
            {u.next
              ? `Now: ${u.next.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, iso =>
                  formatDateTime(iso),
                )}.`
              : 'In progress.'}{' '}
            The portal checks it every few seconds; this page follows.
          </Alert>
        )}
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title="Traffic split">
            <TrafficSplit upgrade={u} />
            <Box mt={1}>
              <Typography variant="body2" color="textSecondary">
                {u.canary_percent} % of the traffic goes to the new version for{' '}
                {formatDuration(u.watch_seconds * 1000)} before all of it
                {u.watch_until
                  ? `; this watch ends ${formatDateTime(u.watch_until)}`
                  : ''}
                .
              </Typography>
            </Box>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Analysis gates">
            <GateTable upgrade={u} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Steps">
            <StepTimeline upgrade={u} />
          </InfoCard>
        </Grid>
      </Grid>
      {aborting && (
        <AbortDialog
          open
          upgrade={u}
          onClose={() => setAborting(false)}
          onAborted={after => {
            setAborting(false);
            props.onChanged(after);
          }}
        />
      )}
    </>
  );
}

/** `/pp/orchestration/upgrades/:upgradeId`: polls while the upgrade is active. */
export function UpgradePage(props: { upgradeId?: string }) {
  const params = useParams();
  const id = props.upgradeId ?? params.upgradeId ?? '';
  const api = useApi(ppOrchestrationApiRef);
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/orchestration';
  const state = useAsyncRetry(() => api.getUpgrade(id), [api, id]);
  const [latest, setLatest] = useState<PpUpgrade>();
  const upgrade = latest?.upgrade_id === id ? latest : state.value;
  useEffect(() => {
    if (state.value) setLatest(state.value);
  }, [state.value]);
  const active = !!upgrade?.active;
  const { retry } = state;
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(retry, UPGRADE_POLL_MS);
    return () => clearInterval(timer);
  }, [active, retry]);

  let body: JSX.Element;
  if (upgrade) {
    body = <UpgradeView upgrade={upgrade} onChanged={setLatest} />;
  } else if (state.error) {
    body =
      ResponseError.is(state.error) && state.error.statusCode === 404 ? (
        <Alert severity="warning">
          There is no such upgrade. Check the link, or open the agent's page.
        </Alert>
      ) : (
        <Alert severity="error">
          Could not load the upgrade: {describeError(state.error)}
        </Alert>
      );
  } else {
    body = <Progress />;
  }
  return (
    <Content>
      <Box mb={2}>
        {upgrade ? (
          <Link to={`${root}/${encodeURIComponent(upgrade.agent_id)}`}>
            ← {upgrade.agent_name}
          </Link>
        ) : (
          <Link to={root}>← All agent creations</Link>
        )}
      </Box>
      <UpgradeGate>{body}</UpgradeGate>
    </Content>
  );
}
