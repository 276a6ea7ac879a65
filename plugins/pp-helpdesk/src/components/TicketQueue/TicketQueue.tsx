import { useCallback, useEffect, useState } from 'react';
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
import { usePpSavedFilters } from '@internal/plugin-pp-react';
import { describeError } from '@internal/plugin-pp-common';
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

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
  filter: { minWidth: 150 },
  search: { minWidth: 240 },
  saved: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
  key: { whiteSpace: 'nowrap', fontFamily: 'monospace' },
  // Free text: a long token (a URL, a stack frame) wraps inside the column instead of widening
  // the table; words stay whole (the column is never narrower than 14em).
  title: { overflowWrap: 'anywhere', minWidth: '14em' },
}));

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
  const [items, setItems] = useState<PpTicketListItem[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const saved = usePpSavedFilters<TicketFilters>('pp-helpdesk');
  const [saveName, setSaveName] = useState('');

  const assignees = useAsync(() => api.listAssignees(), [api]);

  // The text search waits for a pause in typing.
  useEffect(() => {
    // unchanged text keeps the same filters: no second request (which would blank an error or
    // the list for a moment) right after the first load
    const timer = setTimeout(() => {
      const q = text.trim() || undefined;
      setFilters(f => (f.q === q ? f : { ...f, q }));
    }, 300);
    return () => clearTimeout(timer);
  }, [text]);

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

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(undefined);
    query()
      .then(page => {
        if (cancelled) return;
        setItems(page.items);
        setTotal(page.total_count);
        setCursor(page.next_cursor);
      })
      .catch(e => !cancelled && setError(describeError(e)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [query, refreshKey]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await query(cursor);
      setItems(current => [...current, ...page.items]);
      setTotal(page.total_count);
      setCursor(page.next_cursor);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const setMulti = (key: EnumFilterKey, value: string) =>
    setFilters(f => ({ ...f, [key]: value ? [value] : undefined }));

  const applySaved = (f: TicketFilters) => {
    setFilters(f);
    setText(f.q ?? '');
  };

  const people: PpTicketPerson[] = assignees.value ?? [];

  return (
    <>
      <Box className={classes.filters}>
        <TextField
          className={classes.search}
          id="pp-tickets-filter-q"
          label="Search"
          placeholder="Key, title or description"
          variant="outlined"
          size="small"
          value={text}
          onChange={e => setText(e.target.value)}
          inputProps={{ 'aria-label': 'Search tickets' }}
        />
        {ENUM_FILTERS.map(f => (
          <TextField
            key={f.key}
            select
            className={classes.filter}
            id={`pp-tickets-filter-${f.key}`}
            label={f.label}
            variant="outlined"
            size="small"
            value={filters[f.key]?.[0] ?? ''}
            onChange={e => setMulti(f.key, e.target.value)}
          >
            <MenuItem value="">{f.any}</MenuItem>
            {f.values.map(v => (
              <MenuItem key={v} value={v}>
                {f.labels[v]}
              </MenuItem>
            ))}
          </TextField>
        ))}
        <TextField
          select
          className={classes.filter}
          id="pp-tickets-filter-assignee"
          label="Assignee"
          variant="outlined"
          size="small"
          value={filters.assignee ?? ''}
          onChange={e =>
            setFilters(f => ({ ...f, assignee: e.target.value || undefined }))
          }
        >
          <MenuItem value="">Anyone</MenuItem>
          <MenuItem value="me">Me</MenuItem>
          <MenuItem value="unassigned">Unassigned</MenuItem>
          {people.map(p => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        {!entityRef && (
          <TextField
            className={classes.filter}
            id="pp-tickets-filter-entity"
            label="Entity"
            placeholder="component:default/…"
            variant="outlined"
            size="small"
            value={filters.entity_ref ?? ''}
            onChange={e =>
              setFilters(f => ({
                ...f,
                entity_ref: e.target.value.trim() || undefined,
              }))
            }
          />
        )}
      </Box>

      {showSavedFilters && (
        <Box className={classes.saved} data-testid="saved-filters">
          <Typography variant="body2" color="textSecondary">
            Saved filters:
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
              onClick={() => applySaved(s.filters)}
              onDelete={() => saved.remove(s.name)}
            />
          ))}
          <TextField
            size="small"
            placeholder="Name these filters"
            value={saveName}
            onChange={e => setSaveName(e.target.value)}
            inputProps={{ 'aria-label': 'Saved filter name' }}
          />
          <Button
            size="small"
            disabled={!saveName.trim()}
            onClick={async () => {
              await saved.save(saveName.trim(), filters);
              setSaveName('');
            }}
          >
            Save filters
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
          title="No tickets"
          description={
            entityRef
              ? 'Nobody has raised a ticket about this entity yet.'
              : 'No ticket matches these filters.'
          }
        />
      )}
      {!loading && items.length > 0 && (
        <TableContainer component={Paper}>
          <Table size="small" aria-label="Ticket queue">
            <TableHead>
              <TableRow>
                <TableCell>Ticket</TableCell>
                <TableCell>Title</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Priority</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Assignee</TableCell>
                {!entityRef && <TableCell>Entity</TableCell>}
                <TableCell>SLA (sorted by due time)</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(t => (
                <TableRow key={t.id} data-testid={`ticket-row-${t.key}`}>
                  <TableCell className={classes.key}>
                    <Link
                      to={`${ticketLink?.() ?? '/pp/helpdesk'}/tickets/${
                        t.key
                      }`}
                    >
                      {t.key}
                    </Link>
                  </TableCell>
                  <TableCell className={classes.title}>{t.title}</TableCell>
                  <TableCell>{TYPE_LABELS[t.type]}</TableCell>
                  <TableCell>
                    <PriorityChip priority={t.priority} />
                  </TableCell>
                  <TableCell>
                    <StatusChip status={t.status} />
                  </TableCell>
                  <TableCell>
                    {t.assignee?.name ?? (
                      <Typography variant="body2" color="textSecondary">
                        Unassigned
                      </Typography>
                    )}
                  </TableCell>
                  {!entityRef && (
                    <TableCell title={t.entity_ref ?? undefined}>
                      {t.entity_ref ? t.entity_ref.replace(/^.*\//, '') : '—'}
                    </TableCell>
                  )}
                  <TableCell>
                    <SlaCountdownChip ticket={t} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {!loading && items.length > 0 && (
        <Box display="flex" alignItems="center" mt={2} style={{ gap: 16 }}>
          <Typography variant="body2" color="textSecondary">
            Showing {items.length} of {total}
          </Typography>
          {cursor && (
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
