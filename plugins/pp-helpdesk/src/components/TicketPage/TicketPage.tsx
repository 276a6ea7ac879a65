import { useState } from 'react';
import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Chip,
  CircularProgress,
  FormControl,
  Grid,
  InputLabel,
  MenuItem,
  Select,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import {
  PpTicketDetail,
  PpTicketStatus,
  ppTicketTransitionsFrom,
} from '@internal/plugin-pp-common';
import { useParams } from 'react-router-dom';
import { ppHelpdeskApiRef } from '../../api';
import { useHelpdeskPermissions } from '../../hooks/useHelpdeskPermissions';
import { describeError } from '@internal/plugin-pp-common';
import { entityName, formatDateTime, humanize } from '../../util/format';
import { ReasonDialog } from '../ReasonDialog';
import {
  PriorityChip,
  SlaClocks,
  StatusChip,
  TYPE_LABELS,
} from '../TicketBits';
import { TicketTimeline } from '../TicketTimeline';
import { TicketAttachments } from './TicketAttachments';
import { useTicket } from './useTicket';

const SUBSCRIPTION_LABEL = /^subscription:(.+)$/;

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'flex-end',
  },
  description: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  // a long token in a title wraps instead of widening the page
  title: { overflowWrap: 'anywhere', minWidth: 0 },
  meta: { '& dt': { color: theme.palette.text.secondary } },
}));

/** Button text of a move to `status`. */
export function transitionLabel(
  from: PpTicketStatus,
  to: PpTicketStatus,
): string {
  switch (to) {
    case 'in_progress':
      if (from === 'resolved') return 'Reopen';
      if (from === 'open') return 'Start work';
      return 'Resume work';
    case 'on_hold':
      return 'Put on hold';
    case 'escalated':
      return 'Escalate';
    case 'resolved':
      return 'Resolve';
    case 'closed':
      return 'Close';
    default:
      return humanize(to);
  }
}

function isConflict(error: unknown): boolean {
  return (
    ResponseError.is(error) &&
    (error.statusCode === 412 || error.statusCode === 409)
  );
}

/** The ticket view, for a ticket already loaded. */
export function TicketView(props: {
  ticket: PpTicketDetail;
  onChange: (ticket: PpTicketDetail) => void;
  reload: () => Promise<void>;
}) {
  const { ticket } = props;
  const classes = useStyles();
  const api = useApi(ppHelpdeskApiRef);
  const { canUpdate } = useHelpdeskPermissions();
  const assignees = useAsync(
    async () => (canUpdate ? api.listAssignees() : []),
    [api, canUpdate],
  );

  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState('');
  const [holdReason, setHoldReason] = useState('');
  const [dialog, setDialog] = useState<
    'escalate' | 'close' | 'hold' | 'resolve' | undefined
  >();
  const [busy, setBusy] = useState(false);
  /** Which write is waiting on the server (its button shows a spinner). */
  const [running, setRunning] = useState<string | undefined>();
  const spinner = (action: string) =>
    running === action ? (
      <CircularProgress size={16} aria-label="Working" />
    ) : undefined;
  const [conflict, setConflict] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  /** Runs a write; true when it went through. A conflict reloads the ticket, keeping the text typed. */
  const run = async (
    write: () => Promise<PpTicketDetail>,
    action?: string,
  ): Promise<boolean> => {
    setBusy(true);
    setRunning(action);
    setError(undefined);
    setConflict(undefined);
    try {
      props.onChange(await write());
      return true;
    } catch (e) {
      if (isConflict(e)) {
        setConflict(
          `${describeError(
            e,
          )} — the ticket changed meanwhile and has been reloaded; your text is kept, check the ticket and try again.`,
        );
        await props.reload();
      } else {
        setError(describeError(e));
      }
      return false;
    } finally {
      setBusy(false);
      setRunning(undefined);
    }
  };

  const version = ticket.version;
  // Attachments are appended (no version), while the ticket is not closed.
  const canAttach = canUpdate && ticket.status !== 'closed';
  const moves = ppTicketTransitionsFrom(ticket.status);

  const onMove = async (to: PpTicketStatus) => {
    if (to === 'escalated') {
      setDialog('escalate');
      return;
    }
    if (to === 'closed') {
      // the notes written when resolving are offered again
      if (!notes.trim() && ticket.resolution_notes) {
        setNotes(ticket.resolution_notes);
      }
      setDialog('close');
      return;
    }
    // The transition route takes resolution notes (optional on resolve) and a comment; the
    // reason for a hold and the notes of a resolve are required here, by the UI only.
    if (to === 'on_hold') {
      setDialog('hold');
      return;
    }
    if (to === 'resolved') {
      setDialog('resolve');
      return;
    }
    await run(
      () => api.transitionTicket(ticket.id, { status: to, version }),
      `move-${to}`,
    );
  };

  return (
    <>
      <div className={classes.header}>
        <Typography variant="h4" component="h1" className={classes.title}>
          {ticket.key}: {ticket.title}
        </Typography>
      </div>
      <div className={classes.header}>
        <StatusChip status={ticket.status} />
        <PriorityChip priority={ticket.priority} />
        <Chip
          size="small"
          variant="outlined"
          label={TYPE_LABELS[ticket.type]}
        />
        {ticket.escalation_level > 0 && (
          <Chip
            size="small"
            color="secondary"
            label={`Escalation level ${ticket.escalation_level}`}
          />
        )}
        <SlaClocks ticket={ticket} />
      </div>
      {conflict && (
        <Box mb={2}>
          <Alert severity="warning" onClose={() => setConflict(undefined)}>
            {conflict}
          </Alert>
        </Box>
      )}
      {error && (
        <Box mb={2}>
          <Alert severity="error" onClose={() => setError(undefined)}>
            {error}
          </Alert>
        </Box>
      )}
      {canUpdate && (
        <Box mb={2} className={classes.actions} aria-label="Ticket actions">
          {!ticket.assignee && ticket.status !== 'closed' && (
            <Button
              variant="outlined"
              disabled={busy}
              startIcon={spinner('assign-me')}
              onClick={() =>
                run(
                  () =>
                    api.assignTicket(ticket.id, { assignee_id: 'me', version }),
                  'assign-me',
                )
              }
            >
              Assign to me
            </Button>
          )}
          {ticket.status !== 'closed' && (
            <FormControl size="small" style={{ minWidth: 200 }}>
              <InputLabel id="pp-ticket-assignee-label">Assignee</InputLabel>
              <Select
                labelId="pp-ticket-assignee-label"
                id="pp-ticket-assignee"
                value={ticket.assignee?.id ?? ''}
                disabled={busy}
                onChange={e => {
                  const value = String(e.target.value);
                  run(
                    () =>
                      api.assignTicket(ticket.id, {
                        assignee_id: value || null,
                        version,
                      }),
                    'assign',
                  );
                }}
              >
                <MenuItem value="">Unassigned</MenuItem>
                {ticket.assignee &&
                  !(assignees.value ?? []).some(
                    p => p.id === ticket.assignee?.id,
                  ) && (
                    <MenuItem value={ticket.assignee.id}>
                      {ticket.assignee.name}
                    </MenuItem>
                  )}
                {(assignees.value ?? []).map(person => (
                  <MenuItem key={person.id} value={person.id}>
                    {person.name}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
          )}
          {running === 'assign' && (
            <CircularProgress size={20} aria-label="Assigning" />
          )}
          <div
            role="group"
            aria-label="Status changes"
            className={classes.actions}
          >
            {moves.map(to => (
              <Button
                key={to}
                variant={
                  to === 'resolved' || to === 'closed'
                    ? 'contained'
                    : 'outlined'
                }
                color={to === 'escalated' ? 'secondary' : 'primary'}
                disabled={busy}
                startIcon={spinner(`move-${to}`)}
                onClick={() => onMove(to)}
              >
                {transitionLabel(ticket.status, to)}
              </Button>
            ))}
          </div>
        </Box>
      )}
      <Grid container spacing={3}>
        <Grid item xs={12} md={8}>
          <InfoCard title="Description">
            <Typography variant="body1" className={classes.description}>
              {ticket.description}
            </Typography>
            {ticket.resolution_notes && (
              <Box mt={2}>
                <Typography variant="subtitle2">Resolution notes</Typography>
                <Typography variant="body2" className={classes.description}>
                  {ticket.resolution_notes}
                </Typography>
              </Box>
            )}
          </InfoCard>
          <Box mt={3}>
            <InfoCard title="Timeline">
              <TicketTimeline entries={ticket.timeline} />
              {canUpdate && ticket.status !== 'closed' && (
                <Box mt={2}>
                  <TextField
                    fullWidth
                    multiline
                    minRows={3}
                    id="pp-ticket-comment"
                    label="Add a comment"
                    value={comment}
                    onChange={e => setComment(e.target.value)}
                  />
                  <Box mt={1} display="flex" justifyContent="flex-end">
                    <Button
                      color="primary"
                      variant="contained"
                      disabled={busy || !comment.trim()}
                      startIcon={spinner('comment')}
                      onClick={async () => {
                        if (
                          await run(
                            () => api.commentTicket(ticket.id, comment.trim()),
                            'comment',
                          )
                        ) {
                          setComment('');
                        }
                      }}
                    >
                      Comment
                    </Button>
                  </Box>
                </Box>
              )}
            </InfoCard>
          </Box>
        </Grid>
        <Grid item xs={12} md={4}>
          <InfoCard title="Details">
            <dl className={classes.meta}>
              <dt>Assignee</dt>
              <dd>{ticket.assignee?.name ?? 'Unassigned'}</dd>
              <dt>Reporter</dt>
              <dd>{ticket.reporter.name}</dd>
              <dt>Affected entity</dt>
              <dd>
                {ticket.entity_ref ? (
                  <EntityRefLink entityRef={ticket.entity_ref}>
                    {entityName(ticket.entity_ref)}
                  </EntityRefLink>
                ) : (
                  '—'
                )}
              </dd>
              <dt>Labels</dt>
              <dd>
                {ticket.labels.length
                  ? ticket.labels.map(label => {
                      // `subscription:<id>`: an incident PP opened for a subscription links to it
                      const subscription = SUBSCRIPTION_LABEL.exec(label);
                      return subscription ? (
                        <Chip
                          key={label}
                          size="small"
                          clickable
                          component="a"
                          href={`/pp/subscriptions/${encodeURIComponent(
                            subscription[1],
                          )}`}
                          label="Open its subscription"
                          style={{ marginRight: 4 }}
                        />
                      ) : (
                        <Chip
                          key={label}
                          size="small"
                          label={label}
                          style={{ marginRight: 4 }}
                        />
                      );
                    })
                  : '—'}
              </dd>
              <dt>Response due</dt>
              <dd>{formatDateTime(ticket.sla.response_due_at)}</dd>
              <dt>Resolution due</dt>
              <dd>{formatDateTime(ticket.sla.resolution_due_at)}</dd>
              {ticket.escalation_reason && (
                <>
                  <dt>Escalated to</dt>
                  <dd>
                    {humanize(ticket.escalated_to ?? '')}:{' '}
                    {ticket.escalation_reason}
                  </dd>
                </>
              )}
              <dt>Created</dt>
              <dd>{formatDateTime(ticket.created_at)}</dd>
              <dt>Updated</dt>
              <dd>{formatDateTime(ticket.updated_at)}</dd>
            </dl>
          </InfoCard>
          {(canAttach || ticket.attachments.length > 0) && (
            <Box mt={3}>
              <TicketAttachments
                ticket={ticket}
                canAttach={canAttach}
                onUploaded={props.reload}
              />
            </Box>
          )}
        </Grid>
      </Grid>
      <ReasonDialog
        open={dialog === 'escalate'}
        title={`Escalate ${ticket.key}`}
        description="Say why this ticket needs escalating; the escalation group is notified."
        label="Reason"
        confirmLabel="Escalate"
        value={reason}
        onChange={setReason}
        busy={busy}
        onCancel={() => setDialog(undefined)}
        onConfirm={async () => {
          if (
            await run(() =>
              api.escalateTicket(ticket.id, { reason: reason.trim(), version }),
            )
          ) {
            setReason('');
            setDialog(undefined);
          }
        }}
      />
      <ReasonDialog
        open={dialog === 'hold'}
        title={`Put ${ticket.key} on hold`}
        description="Say what the ticket is waiting for; the SLA clocks stop while it is on hold. The reason is added to the timeline as a comment."
        label="Reason"
        confirmLabel="Put on hold"
        value={holdReason}
        onChange={setHoldReason}
        busy={busy}
        onCancel={() => setDialog(undefined)}
        onConfirm={async () => {
          if (
            await run(() =>
              api.transitionTicket(ticket.id, {
                status: 'on_hold',
                comment: `Put on hold: ${holdReason.trim()}`,
                version,
              }),
            )
          ) {
            setHoldReason('');
            setDialog(undefined);
          }
        }}
      />
      <ReasonDialog
        open={dialog === 'resolve'}
        title={`Resolve ${ticket.key}`}
        description="Describe how the ticket was resolved; the reporter sees these notes."
        label="Resolution notes"
        confirmLabel="Resolve"
        value={notes}
        onChange={setNotes}
        busy={busy}
        onCancel={() => setDialog(undefined)}
        onConfirm={async () => {
          if (
            await run(() =>
              api.transitionTicket(ticket.id, {
                status: 'resolved',
                resolution_notes: notes.trim(),
                version,
              }),
            )
          ) {
            setNotes('');
            setDialog(undefined);
          }
        }}
      />
      <ReasonDialog
        open={dialog === 'close'}
        title={`Close ${ticket.key}`}
        description="Describe how the ticket was resolved. Closing is final."
        label="Resolution notes"
        confirmLabel="Close ticket"
        value={notes}
        onChange={setNotes}
        busy={busy}
        onCancel={() => setDialog(undefined)}
        onConfirm={async () => {
          if (
            await run(() =>
              api.closeTicket(ticket.id, {
                resolution_notes: notes.trim(),
                version,
              }),
            )
          ) {
            setNotes('');
            setDialog(undefined);
          }
        }}
      />
    </>
  );
}

/** `/pp/helpdesk/tickets/:ticketId`. */
export function TicketPage(props: { ticketId?: string }) {
  const params = useParams();
  const ticketId = props.ticketId ?? params.ticketId ?? '';
  const { ticket, setTicket, loading, error, reload } = useTicket(ticketId);

  let body;
  if (!ticket && loading) body = <Progress />;
  else if (!ticket && error) body = <ResponseErrorPanel error={error} />;
  else if (ticket)
    body = <TicketView ticket={ticket} onChange={setTicket} reload={reload} />;

  return (
    <>
      <Content>{body}</Content>
    </>
  );
}
