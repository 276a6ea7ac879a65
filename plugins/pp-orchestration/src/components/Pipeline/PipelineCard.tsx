import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Box,
  Step,
  StepContent,
  StepLabel,
  Stepper,
  Typography,
  makeStyles,
} from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import ScheduleIcon from '@material-ui/icons/Schedule';
import BlockIcon from '@material-ui/icons/Block';
import { Alert } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  PpAgentCreationStatus,
  PpCicdPipeline,
  describeError,
} from '@internal/plugin-pp-common';
import { formatDateTime } from '@internal/plugin-pp-react';
import { ppOrchestrationApiRef } from '../../api';
import {
  formatDuration,
  pipelineStatusLabel,
  stageLabel,
  stageStatusLabel,
} from '../../util/labels';

const useStyles = makeStyles(theme => ({
  failed: {
    border: `2px solid ${theme.palette.error.main}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1),
  },
  slow: { color: theme.palette.warning.dark },
}));

/** States before the pipeline can run: requested, at Genesis, approved, its code being generated. */
const BEFORE_PIPELINE: PpAgentCreationStatus[] = [
  'requested',
  'genesis_validating',
  'genesis_approved',
  'genesis_rejected',
  'generating',
];

function StageIcon(props: { status: string }) {
  switch (props.status) {
    case 'passed':
      return <CheckCircleIcon style={{ color: '#2e7d32' }} />;
    case 'failed':
      return <ErrorIcon color="error" />;
    case 'halted':
    case 'skipped':
      return <BlockIcon color="disabled" />;
    default:
      return <ScheduleIcon color="action" />;
  }
}

/** The five stages as a stepper: status, time against the expected, the job's log. */
export function PipelineView(props: { pipeline: PpCicdPipeline }) {
  const classes = useStyles();
  const p = props.pipeline;
  return (
    <>
      <Typography data-testid="pipeline-status">
        Pipeline: {pipelineStatusLabel(p.status)}
        {p.started_at ? ` · started ${formatDateTime(p.started_at)}` : ''}
        {p.duration_ms !== null
          ? ` · took ${formatDuration(p.duration_ms)}`
          : ''}
        {p.run_url ? (
          <>
            {' · '}
            <Link to={p.run_url}>Open the run on GitHub</Link>
          </>
        ) : null}
      </Typography>
      {p.failed_stage && (
        <Box mt={1}>
          <Alert severity="error">
            The {stageLabel(p.failed_stage).toLowerCase()} stage failed; the
            later stages did not run. Fix it and push again: a new run starts
            the pipeline over.
          </Alert>
        </Box>
      )}
      <Stepper orientation="vertical" aria-label="CI/CD stages">
        {p.stages.map(s => {
          const slow = s.duration_ms !== null && s.duration_ms > s.expected_ms;
          return (
            <Step
              key={s.key}
              active
              completed={s.status === 'passed'}
              data-testid="pipeline-stage"
              data-stage-status={s.status}
            >
              <StepLabel
                error={s.status === 'failed'}
                icon={<StageIcon status={s.status} />}
              >
                {stageLabel(s.key)}: {stageStatusLabel(s.status)}
              </StepLabel>
              <StepContent>
                <Box className={s.status === 'failed' ? classes.failed : ''}>
                  <Typography variant="body2" color="textSecondary">
                    {s.title}
                  </Typography>
                  <Typography
                    variant="body2"
                    className={slow ? classes.slow : undefined}
                  >
                    {s.duration_ms !== null
                      ? `Took ${formatDuration(
                          s.duration_ms,
                        )} of ${formatDuration(s.expected_ms)} expected${
                          slow ? ' (slower than expected)' : ''
                        }`
                      : `Expected to take ${formatDuration(s.expected_ms)}`}
                  </Typography>
                  {s.log_url && (
                    <Link
                      to={s.log_url}
                      aria-label={`View log of ${stageLabel(s.key)}`}
                    >
                      View log
                    </Link>
                  )}
                </Box>
              </StepContent>
            </Step>
          );
        })}
      </Stepper>
    </>
  );
}

/** The creation page's "CI/CD pipeline" card. */
export function PipelineCard(props: {
  agentId: string;
  status: PpAgentCreationStatus;
}) {
  const api = useApi(ppOrchestrationApiRef);
  const before = BEFORE_PIPELINE.includes(props.status);
  const state = useAsyncRetry(
    async () => (before ? undefined : api.getPipeline(props.agentId)),
    [api, props.agentId, props.status, before],
  );
  let body: JSX.Element;
  if (props.status === 'genesis_rejected') {
    body = (
      <Typography>
        Genesis rejected this request, so no pipeline will run.
      </Typography>
    );
  } else if (before) {
    body = (
      <Typography data-testid="pipeline-not-started">
        The pipeline starts when the agent repository's first workflow run
        arrives from GitHub.
      </Typography>
    );
  } else if (state.error) {
    body = (
      <Alert severity="error">
        Could not load the pipeline: {describeError(state.error)}
      </Alert>
    );
  } else if (!state.value) {
    body = <Progress />;
  } else {
    body = <PipelineView pipeline={state.value} />;
  }
  return <InfoCard title="CI/CD pipeline">{body}</InfoCard>;
}
