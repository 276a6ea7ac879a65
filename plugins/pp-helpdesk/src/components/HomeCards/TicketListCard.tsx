import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core';
import { PpTicketListItem, PpTicketQuery } from '@internal/plugin-pp-common';
import { PpHomeListCard } from '@internal/plugin-pp-react';
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
  const nowMs = Date.now();
  const all = state.value?.items ?? [];
  const shown = (select ? all.filter(t => select(t, nowMs)) : all).slice(
    0,
    limit,
  );
  return (
    <PpHomeListCard
      state={state}
      what="the tickets"
      rows={shown.map(t => ({
        key: t.id,
        primary: (
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
        ),
        secondary: `${humanize(t.priority)} ${humanize(
          t.type,
        ).toLocaleLowerCase('en-US')} · ${humanize(t.status)} · ${
          slaCountdown(t, nowMs).label
        }`,
      }))}
      empty={props.empty}
      more={{ title: props.more, to: props.moreTo ?? queue }}
    />
  );
};
