import { Button, Chip, Typography, makeStyles } from '@material-ui/core';
import {
  PP_TICKET_ATTACHMENT_LIMITS,
  PpTicketListItem,
  PpTicketPriority,
  PpTicketStatus,
  PpTicketType,
} from '@internal/plugin-pp-common';
import { usePpNow } from '@internal/plugin-pp-react';
import { SlaTone, slaClock, slaCountdown } from '../../util/sla';

export const STATUS_LABELS: Record<PpTicketStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  on_hold: 'On hold',
  escalated: 'Escalated',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const PRIORITY_LABELS: Record<PpTicketPriority, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const TYPE_LABELS: Record<PpTicketType, string> = {
  support: 'Support',
  incident: 'Incident',
  feature_request: 'Feature request',
};

/** The button text of a move to `to` (from `from`). */
export function transitionLabel(
  from: PpTicketStatus,
  to: PpTicketStatus,
): string {
  switch (to) {
    case 'in_progress':
      if (from === 'open') return 'Start work';
      return from === 'resolved' ? 'Reopen' : 'Resume work';
    case 'on_hold':
      return 'Put on hold';
    case 'escalated':
      return 'Escalate';
    case 'resolved':
      return 'Resolve';
    case 'closed':
      return 'Close';
    default:
      return STATUS_LABELS[to];
  }
}

const useStyles = makeStyles(theme => ({
  ok: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  warning: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  breached: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  paused: {
    backgroundColor: theme.palette.action.selected,
    color: theme.palette.text.primary,
  },
  done: {
    backgroundColor: 'transparent',
    color: theme.palette.text.secondary,
  },
  critical: {
    borderColor: theme.palette.error.main,
    color: theme.palette.error.main,
  },
  high: {
    borderColor: theme.palette.warning.main,
    color: theme.palette.warning.main,
  },
  medium: {
    borderColor: theme.palette.info.main,
    color: theme.palette.info.main,
  },
  low: {
    borderColor: theme.palette.divider,
    color: theme.palette.text.secondary,
  },
}));

export function PriorityChip(props: { priority: PpTicketPriority }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[props.priority]}
      label={PRIORITY_LABELS[props.priority]}
    />
  );
}

export function StatusChip(props: { status: PpTicketStatus }) {
  return (
    <Chip
      size="small"
      label={STATUS_LABELS[props.status]}
      data-testid="ticket-status"
    />
  );
}

const TONE_TEXT: Record<SlaTone, string> = {
  ok: 'more than half of the SLA target left',
  warning: 'less than half of the SLA target left',
  breached: 'SLA breached',
  paused: 'SLA clock paused while on hold',
  done: 'SLA finished',
};

/** A live SLA countdown, re-rendered by the page's one shared ticker. */
export function SlaCountdownChip(props: {
  ticket: Pick<PpTicketListItem, 'status' | 'sla'>;
}) {
  const classes = useStyles();
  const now = usePpNow();
  const countdown = slaCountdown(props.ticket, now);
  const due = props.ticket.sla.due_at;
  return (
    <Chip
      size="small"
      className={classes[countdown.tone]}
      label={countdown.label}
      title={`${
        countdown.phase && due
          ? `${countdown.phase} due ${new Date(due).toLocaleString()} · `
          : ''
      }${TONE_TEXT[countdown.tone]}`}
      data-testid="sla-countdown"
      data-tone={countdown.tone}
    />
  );
}

const CLOCK_NAMES = { response: 'Response', resolution: 'Resolution' };

const CLOCK_TONE_TEXT: Record<SlaTone, string> = {
  ok: 'more than half of the target left',
  warning: 'less than half of the target left',
  breached: 'target missed, still open',
  paused: 'clock paused while on hold',
  done: 'clock stopped',
};

/**
 * Both SLA clocks of a ticket (the ticket page): "Response SLA: 2h 05m left" and
 * "Resolution SLA: 2d 4h left"; a stopped clock says Met or Missed. Live, like the countdown.
 */
export function SlaClocks(props: {
  ticket: Pick<PpTicketListItem, 'status' | 'sla'>;
}) {
  const classes = useStyles();
  const now = usePpNow();
  return (
    <>
      {(['response', 'resolution'] as const).map(phase => {
        const clock = slaClock(props.ticket, phase, now);
        const due =
          phase === 'response'
            ? props.ticket.sla.response_due_at
            : props.ticket.sla.resolution_due_at;
        return (
          <Chip
            key={phase}
            size="small"
            className={classes[clock.tone]}
            label={`${CLOCK_NAMES[phase]} SLA: ${clock.label}`}
            title={`${CLOCK_NAMES[phase]} due ${new Date(
              due,
            ).toLocaleString()} · ${CLOCK_TONE_TEXT[clock.tone]}`}
            data-testid={`sla-${phase}`}
            data-tone={clock.tone}
          />
        );
      })}
    </>
  );
}

/**
 * "Attach file(s)": a file picker limited to the attachment types, with the limits under it (the
 * new-ticket dialog and the ticket page). Change `inputKey` after a pick so the same file can be
 * picked again.
 */
export function AttachFilesButton(props: {
  label: string;
  onFiles: (files: FileList | null) => void;
  busy?: boolean;
  busyLabel?: string;
  inputKey?: number;
  color?: 'primary' | 'default';
}) {
  return (
    <>
      <Button
        variant="outlined"
        color={props.color ?? 'default'}
        size="small"
        component="label"
        disabled={props.busy}
      >
        {props.busy && props.busyLabel ? props.busyLabel : props.label}
        <input
          key={props.inputKey}
          hidden
          type="file"
          multiple
          aria-label={props.label}
          disabled={props.busy}
          accept={PP_TICKET_ATTACHMENT_LIMITS.content_types.join(',')}
          onChange={e => props.onFiles(e.target.files)}
        />
      </Button>
      <Typography variant="caption" color="textSecondary" component="p">
        Up to {PP_TICKET_ATTACHMENT_LIMITS.max_bytes / 1024 / 1024} MB each:
        text, CSV, JSON, PDF, images, zip.
      </Typography>
    </>
  );
}
