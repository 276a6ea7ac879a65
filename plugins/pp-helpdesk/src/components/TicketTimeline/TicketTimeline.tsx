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
import { formatDateTime, humanize } from '../../util/format';

const useStyles = makeStyles(theme => ({
  comment: { whiteSpace: 'pre-wrap', color: theme.palette.text.primary },
  item: { alignItems: 'flex-start' },
}));

function describeChange(
  entry: Extract<PpTicketTimelineEntry, { kind: 'change' }>,
): string {
  const field = humanize(entry.field);
  const show = (v: string | null) => {
    if (v === null || v === '') return 'none';
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return formatDateTime(v);
    return entry.field === 'status' ? humanize(v) : v;
  };
  if (entry.old_value === null && entry.field === 'created') {
    return 'Created the ticket';
  }
  return `${field}: ${show(entry.old_value)} → ${show(entry.new_value)}`;
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
        <ListItem key={`${entry.kind}-${entry.id}`} className={classes.item}>
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
                describeChange(entry)
              )
            }
            secondary={`${entry.actor.name} · ${formatDateTime(entry.at)}`}
          />
        </ListItem>
      ))}
    </List>
  );
}
