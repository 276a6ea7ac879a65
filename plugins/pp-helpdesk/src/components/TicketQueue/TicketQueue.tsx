import { useCallback, useState } from 'react';
import { Typography, makeStyles } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import {
  PP_TICKET_PRIORITIES,
  PP_TICKET_STATUSES,
  PP_TICKET_TYPES,
  PpTicketListItem,
  PpTicketPerson,
  PpTicketQuery,
} from '@internal/plugin-pp-common';
import useAsync from 'react-use/esm/useAsync';
import { ppHelpdeskApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  PpDataTableColumn,
  PpFilterBar,
  PpFilterField,
  PpPagedTable,
  PpSavedFiltersBar,
  PpSearchField,
  PpSelectFilter,
  usePpCursorList,
  usePpDebouncedSearch,
} from '@internal/plugin-pp-react';
import {
  PRIORITY_LABELS,
  PriorityChip,
  STATUS_LABELS,
  SlaCountdownChip,
  StatusChip,
  TYPE_LABELS,
} from '../TicketBits';

const PAGE_SIZE = 25;

/** The queue filters a person can save under a name. */
type TicketFilters = Omit<PpTicketQuery, 'cursor' | 'limit'>;

type EnumFilterKey = 'type' | 'priority' | 'status';

/** The queue's single-choice filters over the pp-common enums. */
const ENUM_FILTERS: ReadonlyArray<{
  key: EnumFilterKey;
  label: string;
  any: string;
  values: readonly string[];
  labels: Record<string, string>;
}> = [
  {
    key: 'type',
    label: 'Type',
    any: 'Any type',
    values: PP_TICKET_TYPES,
    labels: TYPE_LABELS,
  },
  {
    key: 'priority',
    label: 'Priority',
    any: 'Any priority',
    values: PP_TICKET_PRIORITIES,
    labels: PRIORITY_LABELS,
  },
  {
    key: 'status',
    label: 'Status',
    any: 'Any status',
    values: PP_TICKET_STATUSES,
    labels: STATUS_LABELS,
  },
];

const SAVED_FILTER_LABELS = {
  title: 'Saved filters:',
  namePlaceholder: 'Name these filters',
  nameLabel: 'Saved filter name',
  save: 'Save filters',
};

const useStyles = makeStyles({
  filter: { minWidth: 150 },
  key: { whiteSpace: 'nowrap', fontFamily: 'monospace' },
  // Free text: a long token (a URL, a stack frame) wraps inside the column instead of widening
  // the table; words stay whole (the column is never narrower than 14em).
  title: { overflowWrap: 'anywhere', minWidth: '14em' },
});

export interface TicketQueueProps {
  /** Only tickets about this catalog entity (the entity page tab); hides the entity filter. */
  entityRef?: string;
  /** Offer saved filters (the main queue only). */
  showSavedFilters?: boolean;
  /** Bump to reload from the first page (after a ticket was created). */
  refreshKey?: number;
}

/** The ticket queue: filters, a table sorted by SLA due time with live countdowns, "Load more". */
export function TicketQueue(props: TicketQueueProps) {
  const { entityRef, showSavedFilters = false, refreshKey = 0 } = props;
  const classes = useStyles();
  const api = useApi(ppHelpdeskApiRef);
  const ticketLink = useRouteRef(rootRouteRef);
  const [filters, setFilters] = useState<TicketFilters>({});
  const [text, setText] = useState('');

  const assignees = useAsync(() => api.listAssignees(), [api]);

  // The text search waits for a pause in typing. Unchanged text keeps the same filters: no
  // second request (which would blank an error or the list for a moment) after the first load.
  usePpDebouncedSearch(text, q =>
    setFilters(f => (f.q === q ? f : { ...f, q })),
  );

  const query = useCallback(
    (next?: string) =>
      api.listTickets({
        ...filters,
        entity_ref: entityRef ?? filters.entity_ref,
        limit: PAGE_SIZE,
        cursor: next,
      }),
    [api, filters, entityRef],
  );
  const list = usePpCursorList(query, refreshKey);

  const setMulti = (key: EnumFilterKey, value: string) =>
    setFilters(f => ({ ...f, [key]: value ? [value] : undefined }));

  const applySaved = (f: TicketFilters) => {
    setFilters(f);
    setText(f.q ?? '');
  };

  const people: PpTicketPerson[] = assignees.value ?? [];

  const columns: PpDataTableColumn<PpTicketListItem>[] = [
    {
      title: 'Ticket',
      className: classes.key,
      render: t => (
        <Link to={`${ticketLink?.() ?? '/pp/helpdesk'}/tickets/${t.key}`}>
          {t.key}
        </Link>
      ),
    },
    { title: 'Title', className: classes.title, render: t => t.title },
    { title: 'Type', render: t => TYPE_LABELS[t.type] },
    {
      title: 'Priority',
      render: t => <PriorityChip priority={t.priority} />,
    },
    { title: 'Status', render: t => <StatusChip status={t.status} /> },
    {
      title: 'Assignee',
      render: t =>
        t.assignee?.name ?? (
          <Typography variant="body2" color="textSecondary">
            Unassigned
          </Typography>
        ),
    },
    {
      title: 'Entity',
      hidden: !!entityRef,
      cellTitle: t => t.entity_ref ?? undefined,
      render: t => (t.entity_ref ? t.entity_ref.replace(/^.*\//, '') : '—'),
    },
    {
      title: 'SLA (sorted by due time)',
      render: t => <SlaCountdownChip ticket={t} />,
    },
  ];

  return (
    <>
      <PpFilterBar>
        <PpSearchField
          id="pp-tickets-filter-q"
          label="Search"
          placeholder="Key, title or description"
          ariaLabel="Search tickets"
          value={text}
          onChange={setText}
        />
        {ENUM_FILTERS.map(f => (
          <PpSelectFilter
            key={f.key}
            className={classes.filter}
            id={`pp-tickets-filter-${f.key}`}
            label={f.label}
            anyLabel={f.any}
            options={f.values.map(v => ({ value: v, label: f.labels[v] }))}
            value={filters[f.key]?.[0] ?? ''}
            onChange={value => setMulti(f.key, value)}
          />
        ))}
        <PpSelectFilter
          className={classes.filter}
          id="pp-tickets-filter-assignee"
          label="Assignee"
          anyLabel="Anyone"
          options={[
            { value: 'me', label: 'Me' },
            { value: 'unassigned', label: 'Unassigned' },
            ...people.map(p => ({ value: p.id, label: p.name })),
          ]}
          value={filters.assignee ?? ''}
          onChange={value =>
            setFilters(f => ({ ...f, assignee: value || undefined }))
          }
        />
        {!entityRef && (
          <PpFilterField
            className={classes.filter}
            id="pp-tickets-filter-entity"
            label="Entity"
            placeholder="component:default/…"
            value={filters.entity_ref ?? ''}
            onChange={e =>
              setFilters(f => ({
                ...f,
                entity_ref: e.target.value.trim() || undefined,
              }))
            }
          />
        )}
      </PpFilterBar>

      {showSavedFilters && (
        <PpSavedFiltersBar<TicketFilters>
          bucket="pp-helpdesk"
          filters={filters}
          onApply={applySaved}
          labels={SAVED_FILTER_LABELS}
          data-testid="saved-filters"
        />
      )}

      <PpPagedTable
        list={list}
        total={list.page?.total_count ?? 0}
        label="Ticket queue"
        columns={columns}
        rowKey={t => t.id}
        rowProps={t => ({ 'data-testid': `ticket-row-${t.key}` })}
        emptyTitle="No tickets"
        emptyDescription={
          entityRef
            ? 'Nobody has raised a ticket about this entity yet.'
            : 'No ticket matches these filters.'
        }
      />
    </>
  );
}
