import { Content, InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Box,
  Grid,
  List,
  ListItem,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useParams } from 'react-router-dom';
import { PpAgentCreation, describeError } from '@internal/plugin-pp-common';
import {
  PpDataTable,
  PpFact,
  PpFacts,
  formatDateTime,
} from '@internal/plugin-pp-react';
import { ppOrchestrationApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  actorLabel,
  eventLabel,
  formatDuration,
  industryLabel,
  specialtyLabel,
  statusLabel,
} from '../../util/labels';
import { CreationStatusChip, OverdueFlag } from '../common/CreationBits';
import { GenesisVerdictView } from '../common/GenesisVerdictView';
import { HandoffCard } from '../Handoff';
import { PipelineCard } from '../Pipeline';
import { ReadinessCard } from '../Readiness';
import { GenerationCard } from '../Generation';
import { useEffect } from 'react';
import { UpgradesCard } from '../Upgrades';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  wrap: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
}));

type StepRow = PpAgentCreation['steps'][number];

/** What comes next, in words: nothing once final (a Genesis rejection above all). */
function NextSteps(props: { creation: PpAgentCreation }) {
  const c = props.creation;
  if (c.status === 'genesis_rejected') {
    return (
      <Alert severity="error" data-testid="creation-final">
        This request was rejected by Genesis and cannot go further.
        {c.genesis?.reasons.length
          ? ` Why: ${c.genesis.reasons.join(' ')}`
          : ''}
      </Alert>
    );
  }
  if (!c.allowed_moves.length) {
    return (
      <Alert severity="success" data-testid="creation-final">
        This creation is complete: {statusLabel(c.status).toLowerCase()}.
      </Alert>
    );
  }
  if (c.status === 'generating') {
    return (
      <Alert severity="info" data-testid="creation-next">
        What happens next: the code generator publishes the agent's repository,
        then its first CI run starts the CI/CD pipeline.
      </Alert>
    );
  }
  const who: Partial<Record<PpAgentCreation['status'], string>> = {
    ci_passed: 'The creation team submits the handoff checklist.',
    handoff_rejected:
      'The creation team fixes what the service team asked for and submits again.',
    handoff_pending:
      'The service team accepts or rejects the handoff within 24 hours.',
  };
  return (
    <Alert severity="info" data-testid="creation-next">
      What happens next:{' '}
      {c.allowed_moves.map(m => statusLabel(m.to).toLowerCase()).join(' or ')}.{' '}
      {who[c.status] ?? 'The pipeline moves it on by itself.'}
    </Alert>
  );
}

/** One creation: its status, Genesis verdict, step timings against budget, history. */
export function CreationDetailView(props: {
  creation: PpAgentCreation;
  onChanged?: () => void;
}) {
  const classes = useStyles();
  const c = props.creation;
  return (
    <>
      <Box className={classes.header}>
        <Typography variant="h4" component="h1">
          {c.agent_name}
        </Typography>
        <CreationStatusChip status={c.status} />
        {c.overdue && (
          <Typography color="error" variant="body2">
            A step is over its budget
          </Typography>
        )}
      </Box>
      <PpFacts>
        <PpFact label="Industry" value={industryLabel(c.industry)} />
        <PpFact
          label="Specialty"
          value={specialtyLabel(c.industry, c.specialty)}
        />
        <PpFact
          label="Requested by"
          value={actorLabel(c.created_by, c.people)}
        />
        <PpFact label="Requested" value={formatDateTime(c.created_at)} />
        {c.completed_at && (
          <PpFact label="Finished" value={formatDateTime(c.completed_at)} />
        )}
      </PpFacts>
      <Box mb={2}>
        <NextSteps creation={c} />
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <InfoCard title="Genesis verdict">
            {c.genesis ? (
              <GenesisVerdictView
                agentName={c.agent_name}
                genesis={c.genesis}
              />
            ) : (
              <Typography>Genesis has not decided yet.</Typography>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Step timings">
            {c.steps.length ? (
              <PpDataTable<StepRow>
                label="Step timings"
                outlined
                columns={[
                  { title: 'Step', render: s => s.title },
                  {
                    title: 'Started',
                    render: s => formatDateTime(s.started_at),
                  },
                  {
                    title: 'Took',
                    render: s =>
                      `${formatDuration(s.elapsed_ms)}${
                        s.ended_at ? '' : ' so far'
                      }`,
                  },
                  { title: 'Budget', render: s => formatDuration(s.budget_ms) },
                  {
                    title: 'On time?',
                    render: s =>
                      s.overdue ? (
                        <OverdueFlag
                          elapsedMs={s.elapsed_ms}
                          budgetMs={s.budget_ms}
                        />
                      ) : (
                        'Within budget'
                      ),
                  },
                ]}
                rows={c.steps}
                rowKey={s => `${s.step}-${s.started_at}`}
              />
            ) : (
              <Typography>No step has started yet.</Typography>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <GenerationCard
            creation={c}
            onChanged={props.onChanged ?? (() => {})}
          />
        </Grid>
        <Grid item xs={12} md={5}>
          <PipelineCard agentId={c.agent_id} status={c.status} />
        </Grid>
        <Grid item xs={12} md={7}>
          <HandoffCard creation={c} onChanged={props.onChanged ?? (() => {})} />
        </Grid>
        {c.status === 'production_ready' && (
          <Grid item xs={12}>
            <UpgradesCard creation={c} />
          </Grid>
        )}
        {c.status !== 'genesis_rejected' && (
          // a rejected agent never runs: it has no limits to show or change
          <Grid item xs={12}>
            <ReadinessCard agentId={c.agent_id} agentName={c.agent_name} />
          </Grid>
        )}
        <Grid item xs={12}>
          <InfoCard title="History">
            <List dense aria-label="History">
              {c.history.map((e, i) => (
                <ListItem key={i} data-testid="history-entry">
                  <ListItemText
                    primary={eventLabel(e.event)}
                    secondaryTypographyProps={{ className: classes.wrap }}
                    secondary={`${formatDateTime(e.at)} · by ${actorLabel(
                      e.actor,
                      c.people,
                    )}${e.reason ? ` · ${e.reason}` : ''}`}
                  />
                </ListItem>
              ))}
            </List>
          </InfoCard>
        </Grid>
      </Grid>
    </>
  );
}

/** `/pp/orchestration/:agentId`. */
export function CreationDetailPage(props: { agentId?: string }) {
  const params = useParams();
  const id = props.agentId ?? params.agentId ?? '';
  const api = useApi(ppOrchestrationApiRef);
  const root = useRouteRef(rootRouteRef);
  const state = useAsyncRetry(() => api.getCreation(id), [api, id]);
  // while the code is being generated, follow it
  const generating =
    state.value?.generation?.status === 'pending' ||
    state.value?.generation?.status === 'running';
  const { retry } = state;
  useEffect(() => {
    if (!generating) return undefined;
    const timer = setInterval(retry, 3000);
    return () => clearInterval(timer);
  }, [generating, retry]);
  let body: JSX.Element;
  if (state.value) {
    body = (
      <CreationDetailView creation={state.value} onChanged={state.retry} />
    );
  } else if (state.error) {
    body =
      ResponseError.is(state.error) && state.error.statusCode === 404 ? (
        <Alert severity="warning">
          There is no such agent creation. Check the link, or find the agent on
          the board.
        </Alert>
      ) : (
        <Alert severity="error">
          Could not load the agent creation: {describeError(state.error)}
        </Alert>
      );
  } else {
    body = <Progress />;
  }
  return (
    <Content>
      <Box mb={2}>
        <Link to={root?.() ?? '/pp/orchestration'}>← All agent creations</Link>
      </Box>
      {body}
    </Content>
  );
}
