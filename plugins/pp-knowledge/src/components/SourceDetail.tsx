import { Content, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  Chip,
  Paper,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  PP_KNOWLEDGE_SOURCE_TYPE_LABELS,
  PpKnowledgeRun,
  PpKnowledgeSource,
  describeError,
  ppKnowledgeSourcesManagePermission,
} from '@internal/plugin-pp-common';
import {
  PpDataTableColumn,
  PpErrorAlert,
  PpFact,
  PpFacts,
  PpPagedTable,
  PpProgressButton,
  formatDateTime,
  usePpOffsetList,
} from '@internal/plugin-pp-react';
import { ChangeEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ppKnowledgeApiRef } from '../api';
import { KnowledgeSections, useKnowledgeRoot } from './KnowledgeSections';
import {
  AUTH_TYPE_LABELS,
  INDUSTRY_LABELS,
  RUN_STATUS_LABELS,
  RUN_TRIGGER_LABELS,
  formatDuration,
  formatInZone,
  scheduleSentence,
} from './labels';
import { SourceStatusChip } from './SourceStatusChip';

const useStyles = makeStyles(theme => ({
  when: { whiteSpace: 'nowrap' },
  error: { overflowWrap: 'anywhere', minWidth: '12em' },
  log: {
    padding: theme.spacing(2),
    marginTop: theme.spacing(2),
    fontFamily: 'monospace',
    fontSize: '0.85rem',
    whiteSpace: 'pre-wrap',
  },
}));

/** A file's bytes as base64 (what the upload route takes). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** What a run just did, in a sentence. */
export function runSentence(r: PpKnowledgeRun): string {
  if (r.status === 'running') return 'A run has started.';
  if (r.status === 'failed')
    return `The run failed: ${r.error ?? 'no reason given'}`;
  const changed = r.version
    ? ` The knowledge is now ${r.version}.`
    : ' The knowledge did not change.';
  return `The run read ${r.records_fetched} records: ${r.records_added} added, ${r.records_changed} changed, ${r.records_removed} removed.${changed}`;
}

const RUN_COLOURS: Record<
  PpKnowledgeRun['status'],
  'default' | 'primary' | 'secondary'
> = {
  running: 'primary',
  succeeded: 'default',
  failed: 'secondary',
};

/** What a run did: its log lines, one per step. */
function RunLog(props: { run: PpKnowledgeRun; onClose: () => void }) {
  const classes = useStyles();
  const { run } = props;
  return (
    <Paper variant="outlined" className={classes.log} data-testid="run-log">
      <Box display="flex" alignItems="center" mb={1}>
        <Box flexGrow={1}>
          <Typography variant="subtitle2">
            Log of the run started {formatDateTime(run.started_at)}
          </Typography>
        </Box>
        <Button size="small" onClick={props.onClose}>
          Close the log
        </Button>
      </Box>
      {run.log.length === 0 && 'This run wrote no log lines.'}
      {run.log.map((line, i) => (
        <div key={i}>
          {new Date(line.at).toLocaleTimeString()}{' '}
          {line.level === 'info' ? '' : `${line.level.toUpperCase()} `}
          {line.message}
        </div>
      ))}
    </Paper>
  );
}

/**
 * `/pp/knowledge/sources/:sourceId`: a source's facts and its runs (status, counts, duration,
 * error, log); "Run now", "Pause"/"Resume" and, for an upload source, "Upload a file" for those
 * who may manage sources.
 */
export function SourceDetail() {
  const classes = useStyles();
  const api = useApi(ppKnowledgeApiRef);
  const root = useKnowledgeRoot();
  const { sourceId = '' } = useParams();
  const { allowed: canManage } = usePermission({
    permission: ppKnowledgeSourcesManagePermission,
  });
  const source = useAsyncRetry(() => api.getSource(sourceId), [api, sourceId]);
  const [current, setCurrent] = useState<PpKnowledgeSource>();
  useEffect(() => setCurrent(source.value), [source.value]);
  const [reload, setReload] = useState(0);
  const fetchRuns = useCallback(
    (page: { limit: number; offset: number }) => api.listRuns(sourceId, page),
    [api, sourceId],
  );
  const runs = usePpOffsetList(fetchRuns, reload, 25);
  const [logOf, setLogOf] = useState<string>();
  const [busy, setBusy] = useState<'run' | 'pause' | 'upload'>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);

  // while a run is going, look again every few seconds
  const running = runs.items.some(r => r.status === 'running');
  const { retry } = source;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setTimeout(() => {
      setReload(r => r + 1);
      retry();
    }, 3000);
    return () => clearTimeout(timer);
  }, [running, runs.items, retry]);

  const act = async (
    what: 'run' | 'pause' | 'upload',
    action: () => Promise<string>,
  ) => {
    setBusy(what);
    setError(undefined);
    setNotice(undefined);
    try {
      setNotice(await action());
      setReload(r => r + 1);
      source.retry();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(undefined);
    }
  };

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    act('upload', async () => {
      const run = await api.upload(sourceId, {
        file_name: file.name,
        content_base64: await readAsBase64(file),
      });
      return run.status === 'failed'
        ? `${file.name} could not be read: ${run.error ?? 'the run failed'}.`
        : `${file.name} was uploaded: ${run.records_added} added, ${run.records_changed} changed.`;
    });
  };

  if (source.loading && !current) return <Progress />;
  if (source.error && !current) {
    return (
      <Content>
        <KnowledgeSections current="sources" industrySwitch={false} />
        <Alert severity="error">{describeError(source.error)}</Alert>
      </Content>
    );
  }
  if (!current) return null;
  const s = current;
  const logRun = runs.items.find(r => r.id === logOf);

  const columns: PpDataTableColumn<PpKnowledgeRun>[] = [
    {
      title: 'Started',
      className: classes.when,
      render: r => formatDateTime(r.started_at),
    },
    { title: 'How', render: r => RUN_TRIGGER_LABELS[r.trigger] },
    {
      title: 'Status',
      render: r => (
        <Chip
          size="small"
          color={RUN_COLOURS[r.status]}
          label={RUN_STATUS_LABELS[r.status]}
        />
      ),
    },
    { title: 'Fetched', align: 'right', render: r => r.records_fetched },
    { title: 'Added', align: 'right', render: r => r.records_added },
    { title: 'Changed', align: 'right', render: r => r.records_changed },
    { title: 'Removed', align: 'right', render: r => r.records_removed },
    {
      title: 'Duration',
      align: 'right',
      render: r => formatDuration(r.duration_ms),
    },
    {
      title: 'Version',
      className: classes.when,
      render: r => r.version ?? 'No change',
    },
    {
      title: 'Error',
      className: classes.error,
      render: r => r.error ?? '',
      // only when a run shown failed
      hidden: !runs.items.some(r => r.error),
    },
    {
      title: 'Log',
      render: r => (
        <Button
          size="small"
          aria-label={`Log of the run started ${formatDateTime(r.started_at)}`}
          onClick={() => setLogOf(logOf === r.id ? undefined : r.id)}
        >
          {logOf === r.id ? 'Hide' : 'Show'}
        </Button>
      ),
    },
  ];

  return (
    <Content>
      <KnowledgeSections current="sources" industrySwitch={false} />
      <Typography variant="body2">
        <Link to={`${root}?industry=${s.industry}`}>
          ← Knowledge sources of {INDUSTRY_LABELS[s.industry]}
        </Link>
      </Typography>
      <Box display="flex" alignItems="center" mt={1} style={{ gap: 12 }}>
        <Typography variant="h4" component="h2">
          {s.name}
        </Typography>
        <SourceStatusChip status={s.status} />
        {s.demo && <Chip size="small" variant="outlined" label="demo" />}
      </Box>
      <PpFacts>
        <PpFact label="Type" value={PP_KNOWLEDGE_SOURCE_TYPE_LABELS[s.type]} />
        <PpFact label="Industry" value={INDUSTRY_LABELS[s.industry]} />
        <PpFact label="Runs" value={scheduleSentence(s)} />
        {s.connection.url && (
          <PpFact label="Address" value={s.connection.url} />
        )}
        {(s.type === 'api' || s.type === 'rss') && (
          <PpFact
            label="Authentication"
            value={`${AUTH_TYPE_LABELS[s.connection.auth_type ?? 'none']}${
              s.has_credential ? ' (credential stored)' : ''
            }`}
          />
        )}
        <PpFact label="Records" value={s.record_count.toLocaleString()} />
        <PpFact
          label="Next run"
          value={s.next_run_at ? formatInZone(s.next_run_at, s.time_zone) : '—'}
        />
        {s.created_by_name && (
          <PpFact label="Added by" value={s.created_by_name} />
        )}
      </PpFacts>
      {s.status === 'failing' && s.last_error && (
        <Box mb={2}>
          <Alert severity="error">
            The last run failed
            {s.consecutive_failures > 1
              ? ` (${s.consecutive_failures} in a row)`
              : ''}
            : {s.last_error}
          </Alert>
        </Box>
      )}
      {canManage && (
        <Box display="flex" mb={2} style={{ gap: 8 }}>
          {(s.type === 'api' || s.type === 'rss') && (
            <PpProgressButton
              busy={busy === 'run'}
              disabled={busy !== undefined}
              onClick={() =>
                act('run', async () => runSentence(await api.runSource(s.id)))
              }
            >
              Run now
            </PpProgressButton>
          )}
          {s.type === 'upload' && (
            <>
              <input
                ref={fileInput}
                type="file"
                accept=".txt,.md,.markdown,.pdf,.csv"
                hidden
                data-testid="upload-input"
                onChange={onFile}
              />
              <PpProgressButton
                busy={busy === 'upload'}
                disabled={busy !== undefined}
                onClick={() => fileInput.current?.click()}
              >
                Upload a file
              </PpProgressButton>
            </>
          )}
          {s.type !== 'upload' && (
            <PpProgressButton
              variant="outlined"
              busy={busy === 'pause'}
              disabled={busy !== undefined}
              onClick={() =>
                act('pause', async () => {
                  const paused = s.status !== 'paused';
                  setCurrent(await api.updateSource(s.id, { paused }));
                  return paused
                    ? 'The source is paused: no scheduled runs until you resume it.'
                    : 'The source is scheduled again.';
                })
              }
            >
              {s.status === 'paused' ? 'Resume' : 'Pause'}
            </PpProgressButton>
          )}
        </Box>
      )}
      <PpErrorAlert error={error} />
      {notice && (
        <Box mb={2}>
          <Alert severity="success">{notice}</Alert>
        </Box>
      )}
      <Typography variant="h6" component="h3" gutterBottom>
        Runs
      </Typography>
      <PpPagedTable
        label={`Runs of ${s.name}`}
        list={runs}
        total={runs.page?.total_count}
        rowKey={r => r.id}
        columns={columns}
        emptyTitle="No runs yet"
        emptyDescription={
          s.type === 'upload'
            ? 'Each uploaded file is ingested in a run of its own.'
            : 'The first run starts at the next scheduled time, or with "Run now".'
        }
      />
      {logRun && <RunLog run={logRun} onClose={() => setLogOf(undefined)} />}
    </Content>
  );
}
