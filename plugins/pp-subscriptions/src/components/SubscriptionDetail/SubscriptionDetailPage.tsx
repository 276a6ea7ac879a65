import { useState } from 'react';
import { Content, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Box, Button, Grid, Typography, makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useParams } from 'react-router-dom';
import {
  PpSubscriptionDetail,
  describeError,
} from '@internal/plugin-pp-common';
import { ppSubscriptionsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { useSubscriptionPermissions } from '../../hooks/useSubscriptionPermissions';
import { formatDay, humanize } from '../../util/format';
import { StatusChip } from '../common/SubscriptionBits';
import { RunsDialog } from '../RunsDialog';
import { ExportDialog } from '../ExportDialog';
import { ForceCancelDialog } from '../ForceCancelDialog';
import { RunsPerDayChart, ScoreHistoryChart } from './SubscriptionCharts';
import {
  ActionsTaken,
  Incidents,
  RecentErrors,
  ScoreCard,
} from './SubscriptionSections';
import { PpFact, PpFacts } from '@internal/plugin-pp-react';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
}));

type Dialogs = 'runs' | 'export' | 'cancel' | undefined;

/** One subscription: who and what, score and inputs, charts, errors, actions and incidents. */
export function SubscriptionDetailView(props: {
  detail: PpSubscriptionDetail;
  onChanged: () => void;
}) {
  const d = props.detail;
  const classes = useStyles();
  const perms = useSubscriptionPermissions();
  const [dialog, setDialog] = useState<Dialogs>();
  const agentName = d.agent_name ?? 'an unnamed agent';
  const ended = d.status === 'canceled';
  return (
    <>
      <Box className={classes.header}>
        <Typography variant="h4" component="h1">
          {d.customer_name}
        </Typography>
        <StatusChip status={d.status} />
      </Box>
      <PpFacts>
        <PpFact label="Agent" value={d.agent_name ?? 'Unnamed agent'} />
        <PpFact label="Plan" value={humanize(d.plan)} />
        <PpFact label="Industry" value={humanize(d.industry)} />
        <PpFact label="Started" value={formatDay(d.started_at?.slice(0, 10))} />
        {d.canceled_at && (
          <PpFact
            label={d.status === 'churned' ? 'Churned' : 'Canceled'}
            value={formatDay(d.canceled_at.slice(0, 10))}
          />
        )}
      </PpFacts>
      {!perms.loading && (
        <Box className={classes.actions}>
          {perms.canAuditRuns && (
            <Button
              variant="outlined"
              color="primary"
              onClick={() => setDialog('runs')}
            >
              Audit agent runs
            </Button>
          )}
          {perms.canExport && (
            <Button
              variant="outlined"
              color="primary"
              onClick={() => setDialog('export')}
            >
              Export runs
            </Button>
          )}
          {perms.canForceCancel && !ended && (
            <Button
              variant="outlined"
              color="secondary"
              onClick={() => setDialog('cancel')}
            >
              Force-cancel
            </Button>
          )}
        </Box>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <ScoreCard detail={d} />
        </Grid>
        <Grid item xs={12} md={6}>
          <ScoreHistoryChart detail={d} />
        </Grid>
        <Grid item xs={12} md={6}>
          <RunsPerDayChart detail={d} />
        </Grid>
        <Grid item xs={12}>
          <ActionsTaken detail={d} />
        </Grid>
        {/* full width: an incident's reason is a sentence, an error a message */}
        <Grid item xs={12}>
          <Incidents detail={d} />
        </Grid>
        <Grid item xs={12}>
          <RecentErrors detail={d} />
        </Grid>
      </Grid>
      {perms.canAuditRuns && (
        <RunsDialog
          open={dialog === 'runs'}
          subscriptionId={d.id}
          customerName={d.customer_name}
          onClose={() => setDialog(undefined)}
        />
      )}
      {perms.canExport && (
        <ExportDialog
          open={dialog === 'export'}
          subscriptionId={d.id}
          customerName={d.customer_name}
          onClose={() => setDialog(undefined)}
        />
      )}
      {perms.canForceCancel && (
        <ForceCancelDialog
          open={dialog === 'cancel'}
          subscriptionId={d.id}
          customerName={d.customer_name}
          agentName={agentName}
          onClose={() => setDialog(undefined)}
          onDone={props.onChanged}
        />
      )}
    </>
  );
}

/** `/pp/subscriptions/:subscriptionId`. */
export function SubscriptionDetailPage(props: { subscriptionId?: string }) {
  const params = useParams();
  const id = props.subscriptionId ?? params.subscriptionId ?? '';
  const api = useApi(ppSubscriptionsApiRef);
  const root = useRouteRef(rootRouteRef);
  const state = useAsyncRetry(() => api.getSubscription(id), [api, id]);
  const back = (
    <Box mb={2}>
      <Link to={root?.() ?? '/pp/subscriptions'}>← All subscriptions</Link>
    </Box>
  );
  let body: JSX.Element;
  if (state.value) {
    body = (
      <SubscriptionDetailView detail={state.value} onChanged={state.retry} />
    );
  } else if (state.error) {
    body =
      ResponseError.is(state.error) && state.error.statusCode === 404 ? (
        <Alert severity="warning">
          There is no such subscription. It may have been removed from the
          Customer Portal.
        </Alert>
      ) : (
        <Alert severity="error">
          Could not load the subscription: {describeError(state.error)}
        </Alert>
      );
  } else {
    body = <Progress />;
  }
  return (
    <Content>
      {back}
      {body}
    </Content>
  );
}
