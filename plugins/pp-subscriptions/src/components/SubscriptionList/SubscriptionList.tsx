import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Box,
  Button,
  Chip,
  MenuItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { EmptyState, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { Alert } from '@material-ui/lab';
import { useSearchParams } from 'react-router-dom';
import {
  PP_SUBSCRIPTION_BANDS,
  PP_SUBSCRIPTION_STATUSES,
  PpSubscriptionBand,
  PpSubscriptionListItem,
  PpSubscriptionPage,
  describeError,
} from '@internal/plugin-pp-common';
import { usePpSavedFilters } from '@internal/plugin-pp-react';
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

const useStyles = makeStyles(theme => ({
  bands: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
  filter: { minWidth: 170 },
  search: { minWidth: 240 },
  saved: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
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
  const [page, setPage] = useState<PpSubscriptionPage | undefined>();
  const [items, setItems] = useState<PpSubscriptionListItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const saved = usePpSavedFilters<SubscriptionFilters>('pp-subscriptions');
  const [saveName, setSaveName] = useState('');
  const agents = useCatalogAgents();

  // A saved view or the back button changes the URL: the search box follows.
  useEffect(() => {
    setCustomerText(filters.customer ?? '');
  }, [filters.customer]);

  // The customer search waits for a pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => {
      const customer = customerText.trim() || undefined;
      setFilters(f => (f.customer === customer ? f : { ...f, customer }));
    }, 300);
    return () => clearTimeout(timer);
  }, [customerText, setFilters]);

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

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(undefined);
    query()
      .then(p => {
        if (cancelled) return;
        setPage(p);
        setItems(p.items);
      })
      .catch(e => !cancelled && setError(describeError(e)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [query]);

  const loadMore = async () => {
    if (!page?.next_cursor) return;
    setLoadingMore(true);
    try {
      const next = await query(page.next_cursor);
      setItems(current => [...current, ...next.items]);
      setPage(next);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoadingMore(false);
    }
  };

  // The agent and industry choices: the catalog's AI agents, plus any the list shows.
  const agentChoices = useMemo(() => {
    const map = new Map<string, string>();
    for (const a of agents) map.set(a.id, a.title);
    for (const i of items) {
      if (!map.has(i.agent_id))
        map.set(i.agent_id, i.agent_name ?? 'Unnamed agent');
    }
    return [...map.entries()].sort((a, b) => a[1].localeCompare(b[1]));
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
    return [...map.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [agents, items, filters.industry]);

  const counts = page?.band_counts;
  const selectedBand = filters.band?.length === 1 ? filters.band[0] : undefined;
  const toggleBand = (band: PpSubscriptionBand) =>
    setFilters(f => ({
      ...f,
      band: selectedBand === band ? undefined : [band],
    }));
  const toggle = (
    on: boolean,
    apply: (f: SubscriptionFilters) => SubscriptionFilters,
    clear: (f: SubscriptionFilters) => SubscriptionFilters,
  ) => setFilters(f => (on ? clear(f) : apply(f)));

  // band_counts count every filter but the band: the total of what the filters match
  let total: number | undefined;
  if (counts) {
    total = filters.band?.length
      ? filters.band.reduce((n, b) => n + counts[b], 0)
      : counts.green + counts.amber + counts.red + counts.unscored;
  }

  const scoreBelow60 = filters.score_lt === 60;
  const errorsOver5 = filters.errors_gt === 5;
  const churnedOnly =
    filters.status?.length === 1 && filters.status[0] === 'churned';

  return (
    <>
      <Box className={classes.bands} role="group" aria-label="Health bands">
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
      </Box>

      <Box className={classes.filters}>
        <Chip
          clickable
          color={scoreBelow60 ? 'primary' : 'default'}
          aria-pressed={scoreBelow60}
          label="Score below 60"
          onClick={() =>
            toggle(
              scoreBelow60,
              f => ({ ...f, score_lt: 60 }),
              f => ({ ...f, score_lt: undefined }),
            )
          }
        />
        <Chip
          clickable
          color={errorsOver5 ? 'primary' : 'default'}
          aria-pressed={errorsOver5}
          label="More than 5 failed runs"
          onClick={() =>
            toggle(
              errorsOver5,
              f => ({ ...f, errors_gt: 5 }),
              f => ({ ...f, errors_gt: undefined }),
            )
          }
        />
        <Chip
          clickable
          color={churnedOnly ? 'primary' : 'default'}
          aria-pressed={churnedOnly}
          label="Churned"
          onClick={() =>
            toggle(
              churnedOnly,
              f => ({ ...f, status: ['churned'] }),
              f => ({ ...f, status: undefined }),
            )
          }
        />
      </Box>

      <Box className={classes.filters}>
        <TextField
          className={classes.search}
          id="pp-subscriptions-filter-customer"
          label="Customer"
          placeholder="Start of a customer name"
          variant="outlined"
          size="small"
          value={customerText}
          onChange={e => setCustomerText(e.target.value)}
          inputProps={{ 'aria-label': 'Search customers' }}
        />
        <TextField
          select
          className={classes.filter}
          id="pp-subscriptions-filter-status"
          label="Status"
          variant="outlined"
          size="small"
          value={filters.status?.length === 1 ? filters.status[0] : ''}
          onChange={e =>
            setFilters(f => ({
              ...f,
              status: e.target.value
                ? [e.target.value as (typeof PP_SUBSCRIPTION_STATUSES)[number]]
                : undefined,
            }))
          }
        >
          <MenuItem value="">Any status</MenuItem>
          {PP_SUBSCRIPTION_STATUSES.map(s => (
            <MenuItem key={s} value={s}>
              {STATUS_LABELS[s]}
            </MenuItem>
          ))}
        </TextField>
        {!agentId && (
          <TextField
            select
            className={classes.filter}
            id="pp-subscriptions-filter-agent"
            label="Agent"
            variant="outlined"
            size="small"
            value={filters.agent ?? ''}
            onChange={e =>
              setFilters(f => ({ ...f, agent: e.target.value || undefined }))
            }
          >
            <MenuItem value="">Any agent</MenuItem>
            {filters.agent &&
              !agentChoices.some(([id]) => id === filters.agent) && (
                <MenuItem value={filters.agent}>The chosen agent</MenuItem>
              )}
            {agentChoices.map(([id, title]) => (
              <MenuItem key={id} value={id}>
                {title}
              </MenuItem>
            ))}
          </TextField>
        )}
        {/* one agent, one industry: the agent's tab needs no industry filter */}
        {!agentId && (
          <TextField
            select
            className={classes.filter}
            id="pp-subscriptions-filter-industry"
            label="Industry"
            variant="outlined"
            size="small"
            value={filters.industry ?? ''}
            onChange={e =>
              setFilters(f => ({ ...f, industry: e.target.value || undefined }))
            }
          >
            <MenuItem value="">Any industry</MenuItem>
            {industryChoices.map(([value, label]) => (
              <MenuItem key={value} value={value}>
                {label}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField
          select
          className={classes.filter}
          id="pp-subscriptions-sort"
          label="Sort"
          variant="outlined"
          size="small"
          value={filters.sort ?? 'score'}
          onChange={e =>
            setFilters(f => ({
              ...f,
              sort:
                e.target.value === 'score'
                  ? undefined
                  : (e.target.value as SubscriptionFilters['sort']),
            }))
          }
        >
          {SORTS.map(s => (
            <MenuItem key={s.value} value={s.value}>
              {s.label}
            </MenuItem>
          ))}
        </TextField>
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
      </Box>

      {showSavedViews && (
        <Box className={classes.saved} data-testid="saved-views">
          <Typography variant="body2" color="textSecondary">
            Saved views:
          </Typography>
          {saved.saved.length === 0 && (
            <Typography variant="body2" color="textSecondary">
              none yet
            </Typography>
          )}
          {saved.saved.map(s => (
            <Chip
              key={s.name}
              label={s.name}
              onClick={() => setFilters(() => s.filters)}
              onDelete={() => saved.remove(s.name)}
            />
          ))}
          <TextField
            size="small"
            placeholder="Name this view"
            value={saveName}
            onChange={e => setSaveName(e.target.value)}
            inputProps={{ 'aria-label': 'Saved view name' }}
          />
          <Button
            size="small"
            disabled={!saveName.trim()}
            onClick={async () => {
              await saved.save(saveName.trim(), filters);
              setSaveName('');
            }}
          >
            Save view
          </Button>
        </Box>
      )}

      {error && (
        <Box mb={2}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
      {loading && <Progress />}
      {!loading && !error && items.length === 0 && (
        <EmptyState
          missing="data"
          title="No subscriptions"
          description={emptyText(hasFilters(filters), !!agentId)}
        />
      )}
      {!loading && items.length > 0 && (
        <TableContainer component={Paper}>
          <Table size="small" aria-label="Subscriptions">
            <TableHead>
              <TableRow>
                <TableCell>Customer</TableCell>
                {!agentId && <TableCell>Agent</TableCell>}
                <TableCell>Plan</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Health score</TableCell>
                <TableCell align="right">Failed runs (30 days)</TableCell>
                <TableCell>Scored on</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(s => (
                <TableRow key={s.id} data-testid="subscription-row">
                  <TableCell>
                    <Link to={`${base}/${encodeURIComponent(s.id)}`}>
                      {s.customer_name}
                    </Link>
                  </TableCell>
                  {!agentId && (
                    <TableCell>{s.agent_name ?? 'Unnamed agent'}</TableCell>
                  )}
                  <TableCell>{humanize(s.plan)}</TableCell>
                  <TableCell>
                    <StatusChip status={s.status} />
                  </TableCell>
                  <TableCell>
                    <ScoreChip score={s.score} band={s.band} />
                  </TableCell>
                  <TableCell align="right" className={classes.number}>
                    {s.runs_failed_30d}
                  </TableCell>
                  <TableCell>{formatDay(s.scored_day)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {!loading && items.length > 0 && (
        <Box display="flex" alignItems="center" mt={2} style={{ gap: 16 }}>
          <Typography variant="body2" color="textSecondary">
            Showing {items.length}
            {total !== undefined ? ` of ${total}` : ''}
          </Typography>
          {page?.next_cursor && (
            <Button
              variant="outlined"
              onClick={loadMore}
              disabled={loadingMore}
            >
              {loadingMore ? 'Loading…' : 'Load more'}
            </Button>
          )}
        </Box>
      )}
    </>
  );
}
