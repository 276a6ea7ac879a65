import { useCallback, useEffect, useMemo, useState } from 'react';
import { Box, Button, Chip, Typography, makeStyles } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useSearchParams } from 'react-router-dom';
import {
  PP_AGENT_CREATION_STATUSES,
  PpAgentCreationSummary,
  ppHandoffAcceptPermission,
} from '@internal/plugin-pp-common';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  PpDataTable,
  PpDataTableColumn,
  PpFilterBar,
  PpListState,
  PpLoadMore,
  PpSearchField,
  PpSelectFilter,
  formatDateTime,
  usePpCursorList,
  usePpDebouncedSearch,
} from '@internal/plugin-pp-react';
import { ppOrchestrationApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  BoardFilters,
  filtersFromSearch,
  groupForBoard,
  hasFilters,
  searchFromFilters,
} from '../../util/board';
import {
  actorLabel,
  formatDuration,
  industryLabel,
  specialtyLabel,
  statusLabel,
} from '../../util/labels';
import {
  CreationStatusChip,
  OverdueFlag,
  useCanCreateAgents,
} from '../common/CreationBits';
import { CreateAgentDialog } from '../CreateAgentDialog';

const PAGE_SIZE = 100;

const SORTS = [
  { value: '-requested_at', label: 'Newest first' },
  { value: 'requested_at', label: 'Oldest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
];

const STATUS_OPTIONS = PP_AGENT_CREATION_STATUSES.map(s => ({
  value: s,
  label: statusLabel(s),
}));

const useStyles = makeStyles(theme => ({
  filter: { minWidth: 200 },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  group: { marginTop: theme.spacing(3) },
  groupTitle: { marginBottom: theme.spacing(1) },
  step: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 8 },
}));

function CurrentStep(props: { creation: PpAgentCreationSummary }) {
  const classes = useStyles();
  const step = props.creation.current_step;
  if (!step) return <>—</>;
  return (
    <span className={classes.step}>
      <span>
        {step.title}: {formatDuration(step.elapsed_ms)} of{' '}
        {formatDuration(step.budget_ms)}
      </span>
      {step.overdue && (
        <OverdueFlag elapsedMs={step.elapsed_ms} budgetMs={step.budget_ms} />
      )}
    </span>
  );
}

/**
 * The creations board: the agent creations grouped by where they stand (Genesis, code
 * generation and CI/CD, handoff, production ready, rejected), with overdue steps flagged,
 * filters kept in the URL, and "Create agent" for those who may.
 */
export function CreationBoard() {
  const classes = useStyles();
  const api = useApi(ppOrchestrationApiRef);
  const root = useRouteRef(rootRouteRef);
  const base = root?.() ?? '/pp/orchestration';
  const { canCreate } = useCanCreateAgents();
  const { allowed: canReview } = usePermission({
    permission: ppHandoffAcceptPermission,
  });
  const [creating, setCreating] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(
    () => filtersFromSearch(searchParams),
    [searchParams],
  );
  const filterKey = searchFromFilters(filters).toString();
  const setFilters = useCallback(
    (update: (f: BoardFilters) => BoardFilters) =>
      setSearchParams(
        current => searchFromFilters(update(filtersFromSearch(current))),
        { replace: true },
      ),
    [setSearchParams],
  );
  const [nameText, setNameText] = useState(filters.q ?? '');
  useEffect(() => setNameText(filters.q ?? ''), [filters.q]);
  usePpDebouncedSearch(nameText, q =>
    setFilters(f => (f.q === q ? f : { ...f, q })),
  );

  const query = useCallback(
    (cursor?: string) =>
      api.listCreations({
        ...filtersFromSearch(new URLSearchParams(filterKey)),
        limit: PAGE_SIZE,
        cursor,
      }),
    [api, filterKey],
  );
  const list = usePpCursorList(query, reloadKey);
  const counts = list.page?.status_counts ?? {};
  const total = Object.entries(counts)
    .filter(
      ([s]) =>
        !filters.status?.length ||
        (filters.status as readonly string[]).includes(s),
    )
    .reduce((n, [, c]) => n + c, 0);

  const columns: PpDataTableColumn<PpAgentCreationSummary>[] = [
    {
      title: 'Agent',
      render: c => (
        <Link to={`${base}/${encodeURIComponent(c.agent_id)}`}>
          {c.agent_name}
        </Link>
      ),
    },
    {
      title: 'Industry and specialty',
      render: c =>
        `${industryLabel(c.industry)} · ${specialtyLabel(
          c.industry,
          c.specialty,
        )}`,
    },
    { title: 'Status', render: c => <CreationStatusChip status={c.status} /> },
    { title: 'Current step', render: c => <CurrentStep creation={c} /> },
    {
      title: 'Requested by',
      render: c => c.requested_by_name ?? actorLabel(c.requested_by),
    },
    { title: 'Requested', render: c => formatDateTime(c.requested_at) },
  ];

  const groups = groupForBoard(list.items).filter(
    g =>
      g.items.length > 0 ||
      (!hasFilters(filters) && g.statuses.some(s => counts[s])),
  );
  const shown = !list.loading && list.items.length > 0;

  return (
    <>
      <Box className={classes.toolbar}>
        <Typography variant="body1" color="textSecondary">
          Every agent creation from request to production: Genesis validates
          each request before any code is generated.
        </Typography>
        {canReview && (
          <Link to={`${base}/handoffs`} data-testid="handoff-queue-link">
            Handoff review queue
          </Link>
        )}
        {canCreate && (
          <Button
            variant="contained"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => setCreating(true)}
          >
            Create agent
          </Button>
        )}
      </Box>
      <PpFilterBar>
        <PpSearchField
          id="pp-orchestration-filter-name"
          label="Agent name"
          placeholder="Part of an agent name"
          ariaLabel="Search agent names"
          value={nameText}
          onChange={setNameText}
        />
        <PpSelectFilter
          className={classes.filter}
          id="pp-orchestration-filter-status"
          label="Status"
          anyLabel="Any status"
          options={STATUS_OPTIONS}
          value={filters.status?.length === 1 ? filters.status[0] : ''}
          onChange={value =>
            setFilters(f => ({
              ...f,
              status: value
                ? [value as (typeof PP_AGENT_CREATION_STATUSES)[number]]
                : undefined,
            }))
          }
        />
        <Chip
          clickable
          color={filters.overdue ? 'primary' : 'default'}
          aria-pressed={!!filters.overdue}
          label="Overdue steps only"
          onClick={() =>
            setFilters(f => ({ ...f, overdue: f.overdue ? undefined : true }))
          }
        />
        <PpSelectFilter
          className={classes.filter}
          id="pp-orchestration-sort"
          label="Sort"
          options={SORTS}
          value={filters.sort ?? '-requested_at'}
          onChange={value =>
            setFilters(f => ({
              ...f,
              sort:
                value === '-requested_at'
                  ? undefined
                  : (value as BoardFilters['sort']),
            }))
          }
        />
        {hasFilters(filters) && (
          <Button
            size="small"
            onClick={() => {
              setNameText('');
              setFilters(f => ({ sort: f.sort }));
            }}
          >
            Clear filters
          </Button>
        )}
      </PpFilterBar>

      <PpListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyTitle="No agent creations"
        emptyDescription={
          hasFilters(filters)
            ? 'No agent creation matches these filters.'
            : 'Nobody has requested an agent yet. Agent orchestrators and admins start one with "Create agent".'
        }
      />
      {shown &&
        groups.map(g => {
          const count = g.statuses.reduce((n, s) => n + (counts[s] ?? 0), 0);
          return (
            <section
              key={g.key}
              className={classes.group}
              aria-label={g.title}
              data-testid={`board-group-${g.key}`}
            >
              <Typography
                variant="h6"
                component="h2"
                className={classes.groupTitle}
              >
                {g.title} ({count})
              </Typography>
              {g.items.length ? (
                <PpDataTable
                  label={g.title}
                  columns={columns}
                  rows={g.items}
                  rowKey={c => c.agent_id}
                  rowProps={() => ({ 'data-testid': 'creation-row' })}
                />
              ) : (
                <Typography variant="body2" color="textSecondary">
                  None loaded yet: load more below.
                </Typography>
              )}
            </section>
          );
        })}
      {shown && (
        <PpLoadMore
          shown={list.items.length}
          total={total}
          hasMore={list.hasMore}
          loading={list.loadingMore}
          onLoadMore={list.loadMore}
        />
      )}
      {canCreate && (
        <CreateAgentDialog
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={() => setReloadKey(k => k + 1)}
        />
      )}
    </>
  );
}
