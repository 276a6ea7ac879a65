import { ReactNode } from 'react';
import { Box, Chip, Typography, makeStyles } from '@material-ui/core';
import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  PpSubscriptionAction,
  PpSubscriptionDetail,
} from '@internal/plugin-pp-common';
import {
  PpDataTable,
  PpDataTableColumn,
  PpDataTableProps,
} from '@internal/plugin-pp-react';
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

/**
 * A detail section: a card titled like its table, with the table of its rows or, when there is
 * none, a sentence saying so.
 */
function SectionTable<T>(
  props: Omit<PpDataTableProps<T>, 'outlined'> & { empty: string },
) {
  const { empty, ...table } = props;
  return (
    <InfoCard title={table.label}>
      {table.rows.length === 0 ? (
        <Typography color="textSecondary">{empty}</Typography>
      ) : (
        <PpDataTable outlined {...table} />
      )}
    </InfoCard>
  );
}

/** The first column of a section: when it happened (date and time, never wrapped). */
function whenColumn<T extends { created_at: string }>(
  title: string,
  className: string,
): PpDataTableColumn<T> {
  return { title, className, render: row => formatDateTime(row.created_at) };
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
    <SectionTable
      label="Recent errors"
      rows={errors}
      rowKey={e => e.run_id}
      columns={[
        whenColumn('When', classes.when),
        {
          title: 'Error',
          className: classes.message,
          render: e => e.error_message ?? 'The run failed without a message.',
        },
      ]}
      empty="No failed runs recently."
    />
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
    <SectionTable
      label="Actions PP took"
      rows={actions}
      rowKey={a => a.id}
      rowProps={() => ({ 'data-testid': 'action-row' })}
      columns={[
        whenColumn('When', classes.when),
        { title: 'Action', render: () => 'Force-cancel' },
        {
          title: 'Status',
          render: a => (
            <Chip
              size="small"
              label={ACTION_STATUS[a.status].label}
              className={bands[ACTION_STATUS[a.status].tone]}
            />
          ),
        },
        { title: 'By', render: a => a.requested_by_name ?? 'A PP admin' },
        {
          title: 'Reason',
          className: classes.message,
          render: a => a.reason,
        },
        {
          title: 'Refund',
          render: a =>
            `${REFUND_LABELS[a.refund]}${
              a.refund_amount !== null && a.refund !== 'none'
                ? `: ${formatRupees(a.refund_amount)}`
                : ''
            }`,
        },
        {
          title: 'Outcome',
          className: classes.message,
          render: a => actionOutcome(a),
        },
      ]}
      empty="PP has not acted on this subscription."
    />
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
    <SectionTable
      label="Incidents"
      rows={incidents}
      rowKey={i => i.ticket_id}
      rowProps={() => ({ 'data-testid': 'incident-row' })}
      columns={[
        whenColumn('Opened', classes.when),
        {
          title: 'Ticket',
          className: classes.when,
          render: i => (
            <Link to={ticketLink(i.ticket_number ?? i.ticket_id)}>
              {i.ticket_number ?? 'Open the ticket'}
            </Link>
          ),
        },
        {
          title: 'Why',
          className: classes.message,
          render: i => (
            <Typography variant="body2" component="span">
              <strong>{TRIGGER_LABELS[i.trigger]}:</strong> {i.detail}
            </Typography>
          ),
        },
        { title: 'State', render: i => (i.open ? 'Open' : 'Closed') },
      ]}
      empty="No incident was opened for this subscription."
    />
  );
}
