import {
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';
import ChatBubbleOutlineIcon from '@material-ui/icons/ChatBubbleOutline';
import HistoryIcon from '@material-ui/icons/History';
import { PpTicketTimelineEntry } from '@internal/plugin-pp-common';
import { entityName, formatDateTime, humanize } from '../../util/format';

const useStyles = makeStyles(theme => ({
  comment: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    color: theme.palette.text.primary,
  },
  item: { alignItems: 'flex-start' },
  // comments are what people wrote: set apart from the recorded changes around them
  commentItem: {
    alignItems: 'flex-start',
    borderLeft: `3px solid ${theme.palette.primary.main}`,
    backgroundColor: theme.palette.action.hover,
    borderRadius: theme.shape.borderRadius,
    margin: theme.spacing(0.5, 0),
  },
  change: { color: theme.palette.text.secondary },
}));

/** What people call each recorded field (the history keeps the column names). */
const FIELD_LABELS: Record<string, string> = {
  entity_ref: 'Service',
  resolution_notes: 'Resolution notes',
  first_response_at: 'First response',
  response_due_at: 'Response due',
  resolution_due_at: 'Resolution due',
  paused_seconds: 'Time on hold',
  response_warned_at: 'Response SLA warning',
  response_breached_at: 'Response SLA breached',
  resolution_warned_at: 'Resolution SLA warning',
  resolution_breached_at: 'Resolution SLA breached',
  escalation_level: 'Escalation level',
  escalated_to: 'Escalated to',
  escalation_reason: 'Escalation reason',
  resolved_at: 'Resolved',
  closed_at: 'Closed',
};

const ESCALATION_TARGETS: Record<string, string> = {
  infrastructure_engineer: 'Infrastructure engineers',
  team_lead: 'Team leads',
};

/** `3725` seconds → `1 h 2 min`; under a minute → `under a minute`. */
function formatSeconds(value: string): string {
  const seconds = Number(value);
  if (!Number.isFinite(seconds)) return value;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return seconds === 0 ? 'none' : 'under a minute';
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

function describeValue(field: string, value: string | null): string {
  if (value === null || value === '') return 'none';
  switch (field) {
    // recorded as "Name (id)" so the id can be traced; people read the name
    case 'assignee':
      return value.replace(/ \([^()]+\)$/, '');
    case 'status':
    case 'priority':
    case 'type':
      return humanize(value);
    case 'escalated_to':
      return ESCALATION_TARGETS[value] ?? humanize(value);
    case 'entity_ref':
      return entityName(value);
    case 'paused_seconds':
      return formatSeconds(value);
    default:
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)
        ? formatDateTime(value)
        : value;
  }
}

/** One history row as a sentence-like line: `Status: Open → In progress`. */
export function describeChange(
  entry: Extract<PpTicketTimelineEntry, { kind: 'change' }>,
): string {
  if (entry.old_value === null && entry.field === 'created') {
    return 'Created the ticket';
  }
  if (entry.field === 'attachment' && entry.new_value) {
    return `Attached ${entry.new_value}`;
  }
  const field = FIELD_LABELS[entry.field] ?? humanize(entry.field);
  return `${field}: ${describeValue(
    entry.field,
    entry.old_value,
  )} → ${describeValue(entry.field, entry.new_value)}`;
}

/** History and comments in time order. */
export function TicketTimeline(props: { entries: PpTicketTimelineEntry[] }) {
  const classes = useStyles();
  if (props.entries.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Nothing has happened yet.
      </Typography>
    );
  }
  return (
    <List dense aria-label="Timeline">
      {props.entries.map(entry => (
        <ListItem
          key={`${entry.kind}-${entry.id}`}
          className={
            entry.kind === 'comment' ? classes.commentItem : classes.item
          }
          aria-label={entry.kind === 'comment' ? 'Comment' : 'Change'}
        >
          <ListItemIcon>
            {entry.kind === 'comment' ? (
              <ChatBubbleOutlineIcon fontSize="small" />
            ) : (
              <HistoryIcon fontSize="small" />
            )}
          </ListItemIcon>
          <ListItemText
            primary={
              entry.kind === 'comment' ? (
                <span className={classes.comment}>{entry.body}</span>
              ) : (
                <span className={classes.change}>{describeChange(entry)}</span>
              )
            }
            secondary={
              entry.kind === 'comment'
                ? `${entry.actor.name} commented · ${formatDateTime(entry.at)}`
                : `${entry.actor.name} · ${formatDateTime(entry.at)}`
            }
          />
        </ListItem>
      ))}
    </List>
  );
}
