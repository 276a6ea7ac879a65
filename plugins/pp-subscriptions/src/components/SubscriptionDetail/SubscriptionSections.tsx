import { ReactNode } from 'react';
import {
  Box,
  Chip,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  PpSubscriptionAction,
  PpSubscriptionDetail,
} from '@internal/plugin-pp-common';
import { helpdeskTicketRouteRef } from '../../routes';
import {
  REFUND_LABELS,
  TRIGGER_LABELS,
  formatDateTime,
  formatDay,
  formatPercent,
  formatRupees,
  formatScore,
} from '../../util/format';
import { ScoreChip, useBandStyles } from '../common/SubscriptionBits';

const useStyles = makeStyles(theme => ({
  inputs: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(4),
    marginTop: theme.spacing(2),
  },
  message: { overflowWrap: 'anywhere', minWidth: '14em' },
  when: { whiteSpace: 'nowrap' },
}));

function Figure(props: { label: string; value: ReactNode; hint?: string }) {
  return (
    <Box>
      <Typography variant="overline" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="h6" component="div">
        {props.value}
      </Typography>
      {props.hint && (
        <Typography variant="body2" color="textSecondary">
          {props.hint}
        </Typography>
      )}
    </Box>
  );
}

/** The latest score, its band and its three inputs, with the formula that combines them. */
export function ScoreCard(props: { detail: PpSubscriptionDetail }) {
  const classes = useStyles();
  const s = props.detail.score;
  if (!s) {
    return (
      <InfoCard title="Health score">
        <ScoreChip score={null} band={null} size="medium" />
        <Typography color="textSecondary" style={{ marginTop: 8 }}>
          The daily score job has not scored this subscription yet.
        </Typography>
      </InfoCard>
    );
  }
  const perDay = s.runs_total / 30;
  return (
    <InfoCard title="Health score" subheader={`As of ${formatDay(s.day)}`}>
      <Box data-testid="score-card">
        <ScoreChip score={s.score} band={s.band} size="medium" />
        <Box className={classes.inputs}>
          <Figure
            label="Success rate (weight 50%)"
            value={formatPercent(s.success_rate)}
            hint={`${s.runs_succeeded} of ${s.runs_total} runs succeeded`}
          />
          <Figure
            label="Error rate (weight 30%)"
            value={formatPercent(s.error_rate)}
            hint={`${s.runs_failed} of ${s.runs_total} runs failed`}
          />
          <Figure
            label="Activity (weight 20%)"
            value={formatPercent(s.activity_score)}
            hint={`${perDay.toFixed(1)} runs a day; ${formatScore(
              s.expected_runs_per_day,
            )} expected`}
          />
        </Box>
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginTop: 16 }}
        >
          Score = 50 × success rate + 30 × (1 − error rate) + 20 × activity,
          over the 30 days up to that day. Healthy from 80, at risk from 60,
          critical below 60.
        </Typography>
      </Box>
    </InfoCard>
  );
}

/** The latest failed runs with their error sentences. */
export function RecentErrors(props: { detail: PpSubscriptionDetail }) {
  const classes = useStyles();
  const errors = props.detail.recent_errors;
  return (
    <InfoCard title="Recent errors">
      {errors.length === 0 ? (
        <Typography color="textSecondary">No failed runs recently.</Typography>
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Recent errors">
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                <TableCell>Error</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {errors.map(e => (
                <TableRow key={e.run_id}>
                  <TableCell className={classes.when}>
                    {formatDateTime(e.created_at)}
                  </TableCell>
                  <TableCell className={classes.message}>
                    {e.error_message ?? 'The run failed without a message.'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </InfoCard>
  );
}

const ACTION_STATUS: Record<
  PpSubscriptionAction['status'],
  { label: string; tone: 'green' | 'amber' | 'red' }
> = {
  pending: { label: 'Pending', tone: 'amber' },
  completed: { label: 'Completed', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
};

/** What an action came to, in a sentence. */
export function actionOutcome(a: PpSubscriptionAction): string {
  switch (a.status) {
    case 'completed':
      if (a.refund === 'none') return 'Canceled; no refund.';
      return a.refund_amount === null
        ? `Canceled; ${REFUND_LABELS[a.refund].toLocaleLowerCase()}.`
        : `Canceled; refund ${formatRupees(a.refund_amount)}.`;
    case 'pending':
      return `Pending: the Customer Portal did not answer yet; PP retries${
        a.next_attempt_at
          ? ` (next try ${formatDateTime(a.next_attempt_at)})`
          : ''
      }.`;
    case 'failed':
    default:
      return `Failed after ${a.attempts} ${a.attempts === 1 ? 'try' : 'tries'}${
        a.last_error ? `: ${a.last_error}` : '.'
      }`;
  }
}

/** The actions PP took on the subscription in the Customer Portal (force-cancel). */
export function ActionsTaken(props: { detail: PpSubscriptionDetail }) {
  const classes = useStyles();
  const bands = useBandStyles();
  const actions = props.detail.actions;
  return (
    <InfoCard title="Actions PP took">
      {actions.length === 0 ? (
        <Typography color="textSecondary">
          PP has not acted on this subscription.
        </Typography>
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Actions PP took">
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                <TableCell>Action</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>By</TableCell>
                <TableCell>Reason</TableCell>
                <TableCell>Refund</TableCell>
                <TableCell>Outcome</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {actions.map(a => (
                <TableRow key={a.id} data-testid="action-row">
                  <TableCell className={classes.when}>
                    {formatDateTime(a.created_at)}
                  </TableCell>
                  <TableCell>Force-cancel</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      label={ACTION_STATUS[a.status].label}
                      className={bands[ACTION_STATUS[a.status].tone]}
                    />
                  </TableCell>
                  <TableCell>{a.requested_by_name ?? 'A PP admin'}</TableCell>
                  <TableCell className={classes.message}>{a.reason}</TableCell>
                  <TableCell>
                    {REFUND_LABELS[a.refund]}
                    {a.refund_amount !== null && a.refund !== 'none'
                      ? `: ${formatRupees(a.refund_amount)}`
                      : ''}
                  </TableCell>
                  <TableCell className={classes.message}>
                    {actionOutcome(a)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </InfoCard>
  );
}

/** Incidents PP opened in the helpdesk for the subscription, linked to their tickets. */
export function Incidents(props: { detail: PpSubscriptionDetail }) {
  const classes = useStyles();
  const ticketRoute = useRouteRef(helpdeskTicketRouteRef);
  const incidents = props.detail.incidents;
  const ticketLink = (key: string) =>
    ticketRoute?.({ ticketId: key }) ??
    `/pp/helpdesk/tickets/${encodeURIComponent(key)}`;
  return (
    <InfoCard title="Incidents">
      {incidents.length === 0 ? (
        <Typography color="textSecondary">
          No incident was opened for this subscription.
        </Typography>
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Incidents">
            <TableHead>
              <TableRow>
                <TableCell>Opened</TableCell>
                <TableCell>Ticket</TableCell>
                <TableCell>Why</TableCell>
                <TableCell>State</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {incidents.map(i => (
                <TableRow key={i.ticket_id} data-testid="incident-row">
                  <TableCell className={classes.when}>
                    {formatDateTime(i.created_at)}
                  </TableCell>
                  <TableCell className={classes.when}>
                    <Link to={ticketLink(i.ticket_number ?? i.ticket_id)}>
                      {i.ticket_number ?? 'Open the ticket'}
                    </Link>
                  </TableCell>
                  <TableCell className={classes.message}>
                    <Typography variant="body2" component="span">
                      <strong>{TRIGGER_LABELS[i.trigger]}:</strong> {i.detail}
                    </Typography>
                  </TableCell>
                  <TableCell>{i.open ? 'Open' : 'Closed'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </InfoCard>
  );
}
