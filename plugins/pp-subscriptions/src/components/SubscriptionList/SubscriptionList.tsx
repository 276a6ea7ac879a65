import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Chip, Typography, makeStyles } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useSearchParams } from 'react-router-dom';
import {
  PP_SUBSCRIPTION_BANDS,
  PP_SUBSCRIPTION_STATUSES,
  PpSubscriptionBand,
  PpSubscriptionListItem,
} from '@internal/plugin-pp-common';
import {
  PpDataTableColumn,
  PpFilterBar,
  PpPagedTable,
  PpSavedFiltersBar,
  PpSearchField,
  PpSelectFilter,
  usePpCursorList,
  usePpDebouncedSearch,
} from '@internal/plugin-pp-react';
import { ppSubscriptionsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { useCatalogAgents } from '../../hooks/useCatalogAgents';
import {
  SubscriptionFilters,
  filtersFromSearch,
  hasFilters,
  searchFromFilters,
} from '../../util/filters';
import {
  BAND_LABELS,
  BAND_RANGES,
  STATUS_LABELS,
  formatDay,
  humanize,
} from '../../util/format';
import {
  ScoreChip,
  StatusChip,
  useBandStyles,
} from '../common/SubscriptionBits';

const PAGE_SIZE = 25;

const SORTS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'score', label: 'Worst score first' },
  { value: '-score', label: 'Best score first' },
  { value: '-errors', label: 'Most failed runs first' },
  { value: 'errors', label: 'Fewest failed runs first' },
  { value: 'customer', label: 'Customer A–Z' },
  { value: '-customer', label: 'Customer Z–A' },
];

const STATUS_OPTIONS = PP_SUBSCRIPTION_STATUSES.map(s => ({
  value: s,
  label: STATUS_LABELS[s],
}));

/** The one-click filters: each chip sets (or, pressed again, clears) one filter. */
const QUICK_FILTERS: ReadonlyArray<{
  label: string;
  isOn: (f: SubscriptionFilters) => boolean;
  apply: (f: SubscriptionFilters) => SubscriptionFilters;
  clear: (f: SubscriptionFilters) => SubscriptionFilters;
}> = [
  {
    label: 'Score below 60',
    isOn: f => f.score_lt === 60,
    apply: f => ({ ...f, score_lt: 60 }),
    clear: f => ({ ...f, score_lt: undefined }),
  },
  {
    label: 'More than 5 failed runs',
    isOn: f => f.errors_gt === 5,
    apply: f => ({ ...f, errors_gt: 5 }),
    clear: f => ({ ...f, errors_gt: undefined }),
  },
  {
    label: 'Churned',
    isOn: f => f.status?.length === 1 && f.status[0] === 'churned',
    apply: f => ({ ...f, status: ['churned'] }),
    clear: f => ({ ...f, status: undefined }),
  },
];

const SAVED_VIEW_LABELS = {
  title: 'Saved views:',
  namePlaceholder: 'Name this view',
  nameLabel: 'Saved view name',
  save: 'Save view',
};

const useStyles = makeStyles(theme => ({
  filter: { minWidth: 170 },
  selectedBand: {
    outline: `2px solid ${theme.palette.text.primary}`,
    outlineOffset: 2,
  },
  number: { fontVariantNumeric: 'tabular-nums' },
}));

function emptyText(filtered: boolean, forAgent: boolean): string {
  if (filtered) return 'No subscription matches these filters.';
  if (forAgent) return 'Nobody subscribes to this agent yet.';
  return 'The Customer Portal has no subscriptions yet.';
}

export interface SubscriptionListProps {
  /** Only this agent's subscriptions (the agent's catalog tab); hides the agent filter. */
  agentId?: string;
  /** Offer saved views (the main list only). */
  showSavedViews?: boolean;
}

/**
 * The subscription list: band counts as filter chips, filters (kept in the URL), sort, a table
 * with the health score in its band's colour, and "Load more".
 */
export function SubscriptionList(props: SubscriptionListProps) {
  const { agentId, showSavedViews = false } = props;
  const classes = useStyles();
  const bandClasses = useBandStyles();
  const api = useApi(ppSubscriptionsApiRef);
  const root = useRouteRef(rootRouteRef);
  const base = root?.() ?? '/pp/subscriptions';
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(
    () => filtersFromSearch(searchParams),
    [searchParams],
  );
  const filterKey = searchFromFilters(filters).toString();
  const setFilters = useCallback(
    (update: (f: SubscriptionFilters) => SubscriptionFilters) =>
      setSearchParams(
        current => searchFromFilters(update(filtersFromSearch(current))),
        {
          replace: true,
        },
      ),
    [setSearchParams],
  );

  const [customerText, setCustomerText] = useState(filters.customer ?? '');
  const agents = useCatalogAgents();

  // A saved view or the back button changes the URL: the search box follows.
  useEffect(() => {
    setCustomerText(filters.customer ?? '');
  }, [filters.customer]);

  // The customer search waits for a pause in typing.
  usePpDebouncedSearch(customerText, customer =>
    setFilters(f => (f.customer === customer ? f : { ...f, customer })),
  );

  const query = useCallback(
    (cursor?: string) =>
      api.listSubscriptions({
        ...filtersFromSearch(new URLSearchParams(filterKey)),
        ...(agentId ? { agent: agentId } : {}),
        limit: PAGE_SIZE,
        cursor,
      }),
    [api, filterKey, agentId],
  );
  const list = usePpCursorList(query);
  const { page, items } = list;

  // The agent and industry choices: the catalog's AI agents, plus any the list shows.
  const agentChoices = useMemo(() => {
    const map = new Map<string, string>();
    for (const a of agents) map.set(a.id, a.title);
    for (const i of items) {
      if (!map.has(i.agent_id))
        map.set(i.agent_id, i.agent_name ?? 'Unnamed agent');
    }
    return [...map.entries()]
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([value, label]) => ({ value, label }));
  }, [agents, items]);
  const industryChoices = useMemo(() => {
    const map = new Map<string, string>();
    for (const a of agents) {
      if (a.industry) map.set(a.industry.value, a.industry.label);
    }
    for (const i of items) {
      if (i.industry && !map.has(i.industry))
        map.set(i.industry, humanize(i.industry));
    }
    if (filters.industry && !map.has(filters.industry)) {
      map.set(filters.industry, humanize(filters.industry));
    }
    return [...map.entries()]
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([value, label]) => ({ value, label }));
  }, [agents, items, filters.industry]);

  /** Sets a single-value filter from a select (`''`: any). */
  const setChoice = (key: 'agent' | 'industry') => (value: string) =>
    setFilters(f => ({ ...f, [key]: value || undefined }));

  const counts = page?.band_counts;
  const selectedBand = filters.band?.length === 1 ? filters.band[0] : undefined;
  const toggleBand = (band: PpSubscriptionBand) =>
    setFilters(f => ({
      ...f,
      band: selectedBand === band ? undefined : [band],
    }));

  // band_counts count every filter but the band: the total of what the filters match
  let total: number | undefined;
  if (counts) {
    total = filters.band?.length
      ? filters.band.reduce((n, b) => n + counts[b], 0)
      : counts.green + counts.amber + counts.red + counts.unscored;
  }

  const columns: PpDataTableColumn<PpSubscriptionListItem>[] = [
    {
      title: 'Customer',
      render: s => (
        <Link to={`${base}/${encodeURIComponent(s.id)}`}>
          {s.customer_name}
        </Link>
      ),
    },
    {
      title: 'Agent',
      hidden: !!agentId,
      render: s => s.agent_name ?? 'Unnamed agent',
    },
    { title: 'Plan', render: s => humanize(s.plan) },
    { title: 'Status', render: s => <StatusChip status={s.status} /> },
    {
      title: 'Health score',
      render: s => <ScoreChip score={s.score} band={s.band} />,
    },
    {
      title: 'Failed runs (30 days)',
      align: 'right',
      className: classes.number,
      render: s => s.runs_failed_30d,
    },
    { title: 'Scored on', render: s => formatDay(s.scored_day) },
  ];

  return (
    <>
      <PpFilterBar dense role="group" aria-label="Health bands">
        <Typography variant="body2" color="textSecondary">
          Health:
        </Typography>
        {PP_SUBSCRIPTION_BANDS.map(band => (
          <Chip
            key={band}
            clickable
            onClick={() => toggleBand(band)}
            aria-pressed={selectedBand === band}
            title={`Show only ${BAND_LABELS[
              band
            ].toLocaleLowerCase()} subscriptions (${BAND_RANGES[band]})`}
            label={`${BAND_LABELS[band]} (${BAND_RANGES[band]}): ${
              counts ? counts[band] : '…'
            }`}
            className={`${bandClasses[band]} ${
              selectedBand === band ? classes.selectedBand : ''
            }`}
            data-testid={`band-${band}`}
          />
        ))}
        <Chip
          label={`${BAND_LABELS.unscored}: ${counts ? counts.unscored : '…'}`}
          className={bandClasses.unscored}
          data-testid="band-unscored"
          title="Subscriptions the daily score job has not scored yet"
        />
      </PpFilterBar>

      <PpFilterBar>
        {QUICK_FILTERS.map(q => {
          const on = q.isOn(filters);
          return (
            <Chip
              key={q.label}
              clickable
              color={on ? 'primary' : 'default'}
              aria-pressed={on}
              label={q.label}
              onClick={() => setFilters(f => (on ? q.clear(f) : q.apply(f)))}
            />
          );
        })}
      </PpFilterBar>

      <PpFilterBar>
        <PpSearchField
          id="pp-subscriptions-filter-customer"
          label="Customer"
          placeholder="Start of a customer name"
          ariaLabel="Search customers"
          value={customerText}
          onChange={setCustomerText}
        />
        <PpSelectFilter
          className={classes.filter}
          id="pp-subscriptions-filter-status"
          label="Status"
          anyLabel="Any status"
          options={STATUS_OPTIONS}
          value={filters.status?.length === 1 ? filters.status[0] : ''}
          onChange={value =>
            setFilters(f => ({
              ...f,
              status: value
                ? [value as (typeof PP_SUBSCRIPTION_STATUSES)[number]]
                : undefined,
            }))
          }
        />
        {!agentId && (
          <PpSelectFilter
            className={classes.filter}
            id="pp-subscriptions-filter-agent"
            label="Agent"
            anyLabel="Any agent"
            options={[
              ...(filters.agent &&
              !agentChoices.some(a => a.value === filters.agent)
                ? [{ value: filters.agent, label: 'The chosen agent' }]
                : []),
              ...agentChoices,
            ]}
            value={filters.agent ?? ''}
            onChange={setChoice('agent')}
          />
        )}
        {/* one agent, one industry: the agent's tab needs no industry filter */}
        {!agentId && (
          <PpSelectFilter
            className={classes.filter}
            id="pp-subscriptions-filter-industry"
            label="Industry"
            anyLabel="Any industry"
            options={industryChoices}
            value={filters.industry ?? ''}
            onChange={setChoice('industry')}
          />
        )}
        <PpSelectFilter
          className={classes.filter}
          id="pp-subscriptions-sort"
          label="Sort"
          options={SORTS}
          value={filters.sort ?? 'score'}
          onChange={value =>
            setFilters(f => ({
              ...f,
              sort:
                value === 'score'
                  ? undefined
                  : (value as SubscriptionFilters['sort']),
            }))
          }
        />
        {hasFilters(filters) && (
          <Button
            size="small"
            onClick={() => {
              setCustomerText('');
              setFilters(f => ({ sort: f.sort }));
            }}
          >
            Clear filters
          </Button>
        )}
      </PpFilterBar>

      {showSavedViews && (
        <PpSavedFiltersBar<SubscriptionFilters>
          bucket="pp-subscriptions"
          filters={filters}
          onApply={f => setFilters(() => f)}
          labels={SAVED_VIEW_LABELS}
          data-testid="saved-views"
        />
      )}

      <PpPagedTable
        list={list}
        total={total}
        label="Subscriptions"
        columns={columns}
        rowKey={s => s.id}
        rowProps={() => ({ 'data-testid': 'subscription-row' })}
        emptyTitle="No subscriptions"
        emptyDescription={emptyText(hasFilters(filters), !!agentId)}
      />
    </>
  );
}
