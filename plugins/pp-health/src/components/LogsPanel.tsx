import { FormEvent, Fragment, useState } from 'react';
import {
  Box,
  Button,
  CircularProgress,
  Grid,
  LinearProgress,
  MenuItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  PP_LOG_LEVELS,
  PpLogEntry,
  PpLogHighlight,
  PpLogLevel,
  PpLogQuery,
  PpLogQueryResult,
  ppHealthLogsQueryPermission,
} from '@internal/plugin-pp-common';
import { ppHealthApiRef } from '../api';
import { describeError } from '@internal/plugin-pp-common';
import { formatTime } from '../util/format';

const useStyles = makeStyles(theme => ({
  mark: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.getContrastText(theme.palette.warning.light),
    padding: '0 2px',
    borderRadius: 2,
  },
  message: {
    fontFamily: 'monospace',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
  error: { color: theme.palette.error.main, fontWeight: 600 },
  warn: { color: theme.palette.warning.main, fontWeight: 600 },
  other: { color: theme.palette.text.secondary },
}));

/** The message with its matched ranges wrapped in <mark>. */
export function HighlightedMessage(props: {
  message: string;
  highlights?: PpLogHighlight[];
}) {
  const classes = useStyles();
  const ranges = [...(props.highlights ?? [])]
    .filter(h => h.end > h.start)
    .sort((a, b) => a.start - b.start);
  const parts: JSX.Element[] = [];
  let at = 0;
  ranges.forEach((h, i) => {
    const start = Math.max(h.start, at);
    if (start >= h.end) return;
    if (start > at)
      parts.push(
        <Fragment key={`t${i}`}>{props.message.slice(at, start)}</Fragment>,
      );
    parts.push(
      <mark key={`m${i}`} className={classes.mark}>
        {props.message.slice(start, h.end)}
      </mark>,
    );
    at = h.end;
  });
  if (at < props.message.length)
    parts.push(<Fragment key="rest">{props.message.slice(at)}</Fragment>);
  return <span className={classes.message}>{parts}</span>;
}

const RANGES: Record<string, { label: string; seconds: number | null }> = {
  '15m': { label: 'Last 15 minutes', seconds: 15 * 60 },
  '1h': { label: 'Last hour', seconds: 3600 },
  '6h': { label: 'Last 6 hours', seconds: 6 * 3600 },
  '24h': { label: 'Last 24 hours', seconds: 24 * 3600 },
  '7d': { label: 'Last 7 days', seconds: 7 * 86400 },
  all: { label: 'All retained', seconds: null },
};

function LogTable(props: { items: PpLogEntry[] }) {
  const classes = useStyles();
  const levelClass = (level: PpLogEntry['level']) => {
    if (level === 'error' || level === 'fatal') return classes.error;
    if (level === 'warn') return classes.warn;
    return classes.other;
  };
  return (
    <Table size="small" aria-label="log lines">
      <TableHead>
        <TableRow>
          <TableCell>Time</TableCell>
          <TableCell>Service</TableCell>
          <TableCell>Level</TableCell>
          <TableCell>Message</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(e => (
          <TableRow key={e.id}>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {formatTime(e.timestamp)}
            </TableCell>
            <TableCell>{e.service_id}</TableCell>
            <TableCell className={levelClass(e.level)}>
              {e.level.toUpperCase()}
            </TableCell>
            <TableCell>
              <HighlightedMessage
                message={e.message}
                highlights={e.highlights}
              />
              {e.trace_id && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  trace {e.trace_id}
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The Logs tab: search the centralised logs (infrastructure engineers and admins). */
export function LogsPanel(props: { initialService?: string }) {
  const api = useApi(ppHealthApiRef);
  const { loading: checking, allowed } = usePermission({
    permission: ppHealthLogsQueryPermission,
  });
  const [service, setService] = useState(props.initialService ?? '');
  const [levels, setLevels] = useState<PpLogLevel[]>([]);
  const [range, setRange] = useState('24h');
  const [text, setText] = useState('');
  const [query, setQuery] = useState<PpLogQuery | undefined>();
  const [result, setResult] = useState<PpLogQueryResult | undefined>();
  const [items, setItems] = useState<PpLogEntry[]>([]);
  const [total, setTotal] = useState<{ n: number; lower: boolean } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | undefined>();

  if (checking) return <Progress />;
  if (!allowed) {
    return (
      <Alert severity="info">
        Log search is open to infrastructure engineers and admins.
      </Alert>
    );
  }

  const run = async (q: PpLogQuery, append: boolean) => {
    setBusy(true);
    setLoadingMore(append);
    setError(undefined);
    try {
      const r = await api.queryLogs(q);
      setResult(r);
      setItems(prev => (append ? [...prev, ...r.items] : r.items));
      if (!append) {
        setTotal(
          r.total_estimate === null
            ? null
            : { n: r.total_estimate, lower: r.total_is_lower_bound },
        );
      }
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
      setLoadingMore(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const seconds = RANGES[range].seconds;
    const q: PpLogQuery = {
      service: service.trim() || undefined,
      levels: levels.length ? levels : undefined,
      from: seconds
        ? new Date(Date.now() - seconds * 1000).toISOString()
        : undefined,
      text: text.trim() || undefined,
      limit: 50,
    };
    setQuery(q);
    run(q, false);
  };

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Paper style={{ padding: 16 }}>
          <form onSubmit={onSubmit} aria-label="log search">
            <Grid container spacing={2} alignItems="center">
              <Grid item>
                <TextField
                  id="pp-logs-service"
                  label="Service id"
                  variant="outlined"
                  size="small"
                  value={service}
                  onChange={e => setService(e.target.value)}
                />
              </Grid>
              <Grid item>
                <TextField
                  select
                  id="pp-logs-levels"
                  label="Levels"
                  variant="outlined"
                  size="small"
                  style={{ minWidth: 160 }}
                  SelectProps={{
                    multiple: true,
                    renderValue: v =>
                      (v as string[]).length
                        ? (v as string[]).join(', ')
                        : 'All',
                    displayEmpty: true,
                  }}
                  InputLabelProps={{ shrink: true }}
                  value={levels}
                  onChange={e =>
                    setLevels(e.target.value as unknown as PpLogLevel[])
                  }
                >
                  {PP_LOG_LEVELS.map(l => (
                    <MenuItem key={l} value={l}>
                      {l}
                    </MenuItem>
                  ))}
                </TextField>
              </Grid>
              <Grid item>
                <TextField
                  select
                  id="pp-logs-range"
                  label="Time range"
                  variant="outlined"
                  size="small"
                  style={{ minWidth: 140 }}
                  value={range}
                  onChange={e => setRange(e.target.value)}
                >
                  {Object.keys(RANGES).map(r => (
                    <MenuItem key={r} value={r}>
                      {RANGES[r].label}
                    </MenuItem>
                  ))}
                </TextField>
              </Grid>
              <Grid item xs>
                <TextField
                  id="pp-logs-text"
                  label="Search text"
                  placeholder='words, "a phrase", -exclude'
                  variant="outlined"
                  size="small"
                  fullWidth
                  value={text}
                  onChange={e => setText(e.target.value)}
                />
              </Grid>
              <Grid item>
                <Button
                  type="submit"
                  color="primary"
                  variant="contained"
                  disabled={busy}
                  startIcon={
                    busy && !loadingMore ? (
                      <CircularProgress size={16} aria-label="Searching" />
                    ) : undefined
                  }
                >
                  Search
                </Button>
              </Grid>
            </Grid>
          </form>
        </Paper>
      </Grid>
      <Grid item xs={12}>
        {error && <Alert severity="error">{error}</Alert>}
        {busy && (
          <LinearProgress
            aria-label="Searching the logs"
            style={{ marginBottom: 8 }}
          />
        )}
        {!query && !busy && (
          <Typography color="textSecondary">
            Choose filters and search the logs.
          </Typography>
        )}
        {query && result && (
          <Paper>
            <Box p={2} display="flex" alignItems="center" style={{ gap: 8 }}>
              <Typography variant="subtitle1">
                {total
                  ? `${total.lower ? 'At least ' : ''}${total.n} matching lines`
                  : `${items.length} lines`}
              </Typography>
            </Box>
            {items.length === 0 ? (
              <Box p={2}>
                <Typography color="textSecondary">
                  No log lines match.
                </Typography>
              </Box>
            ) : (
              <LogTable items={items} />
            )}
            {result.next_cursor && (
              <Box p={2}>
                <Button
                  variant="outlined"
                  disabled={busy}
                  startIcon={
                    loadingMore ? <CircularProgress size={16} /> : undefined
                  }
                  onClick={() =>
                    run({ ...query, cursor: result.next_cursor! }, true)
                  }
                >
                  Load older lines
                </Button>
              </Box>
            )}
          </Paper>
        )}
      </Grid>
    </Grid>
  );
}
