import { Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import {
  List,
  ListItem,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  PpTicketListItem,
  PpTicketQuery,
  describeError,
} from '@internal/plugin-pp-common';
import useAsync from 'react-use/esm/useAsync';
import { ppHelpdeskApiRef } from '../../api';
import { rootRouteRef, ticketRouteRef } from '../../routes';
import { humanize } from '../../util/format';
import { slaCountdown } from '../../util/sla';

/** Tickets still being worked. */
export const OPEN_STATUSES: PpTicketQuery['status'] = [
  'open',
  'in_progress',
  'on_hold',
  'escalated',
];

const useStyles = makeStyles({
  // One line per title, cut with an ellipsis: a long token never breaks the card.
  title: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

/**
 * A home card listing tickets: the query's first page, optionally narrowed, each row linking to
 * its ticket with its SLA countdown.
 */
export const TicketListCard = (props: {
  query: PpTicketQuery;
  /** Narrows the page the server sent (e.g. to tickets whose SLA is at risk). */
  select?: (ticket: PpTicketListItem, nowMs: number) => boolean;
  /** Sentence shown when no ticket is listed. */
  empty: string;
  /** Words for the link to the queue, e.g. "Open the queue". */
  more: string;
  /** Where that link goes; the queue by default. */
  moreTo?: string;
  limit?: number;
}) => {
  const api = useApi(ppHelpdeskApiRef);
  const classes = useStyles();
  const ticketLink = useRouteRef(ticketRouteRef);
  const queue = useRouteRef(rootRouteRef)?.() ?? '/pp/helpdesk';
  const { query, select, limit = 5 } = props;
  const state = useAsync(() => api.listTickets(query), [api]);
  if (state.loading) return <Progress />;
  if (state.error) {
    return (
      <Alert severity="error">
        Could not load the tickets: {describeError(state.error)}
      </Alert>
    );
  }
  const nowMs = Date.now();
  const all = state.value?.items ?? [];
  const shown = (select ? all.filter(t => select(t, nowMs)) : all).slice(
    0,
    limit,
  );
  return (
    <>
      {shown.length ? (
        <List dense disablePadding>
          {shown.map(t => (
            <ListItem key={t.id} disableGutters>
              <ListItemText
                primary={
                  <Link
                    to={
                      ticketLink?.({ ticketId: t.key }) ??
                      `/pp/helpdesk/tickets/${t.key}`
                    }
                    className={classes.title}
                    style={{ display: 'block' }}
                    title={t.title}
                  >
                    {t.key} · {t.title}
                  </Link>
                }
                secondary={`${humanize(t.priority)} ${humanize(
                  t.type,
                ).toLocaleLowerCase('en-US')} · ${humanize(t.status)} · ${
                  slaCountdown(t, nowMs).label
                }`}
              />
            </ListItem>
          ))}
        </List>
      ) : (
        <Typography variant="body2">{props.empty}</Typography>
      )}
      <Link to={props.moreTo ?? queue}>{props.more}</Link>
    </>
  );
};
