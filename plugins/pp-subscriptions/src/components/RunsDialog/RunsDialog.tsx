import { useCallback, useEffect, useState } from 'react';
import {
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Grid,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  PP_AGENT_RUN_STATUSES,
  PpAgentRun,
  PpAgentRunPage,
  describeError,
} from '@internal/plugin-pp-common';
import {
  PpDataTable,
  PpErrorAlert,
  PpFilterBar,
  PpProgressButton,
  PpSelectFilter,
} from '@internal/plugin-pp-react';
import { ppSubscriptionsApiRef } from '../../api';
import {
  RUN_STATUS_LABELS,
  formatDateTime,
  formatDuration,
  humanize,
} from '../../util/format';
import { AuditReasonField, reasonTooShort } from '../common/AuditReasonField';
import { JsonViewer } from './JsonViewer';

const PAGE_SIZE = 20;

const RUN_STATUS_OPTIONS = PP_AGENT_RUN_STATUSES.map(s => ({
  value: s,
  label: RUN_STATUS_LABELS[s],
}));

const useStyles = makeStyles(theme => ({
  row: { cursor: 'pointer' },
  selected: { backgroundColor: theme.palette.action.selected },
  message: { overflowWrap: 'anywhere', minWidth: '12em' },
  when: { whiteSpace: 'nowrap' },
}));

/**
 * The forensic runs viewer: first the reason (required, written to the audit log), then the
 * subscription's agent runs with a status filter and paging, and a selected run's inputs,
 * outputs and actions as JSON.
 */
export function RunsDialog(props: {
  open: boolean;
  subscriptionId: string;
  customerName: string;
  onClose: () => void;
}) {
  const classes = useStyles();
  const api = useApi(ppSubscriptionsApiRef);
  const [reason, setReason] = useState('');
  const [confirmedReason, setConfirmedReason] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  // the cursors of the pages before the one shown (previous = pop)
  const [cursors, setCursors] = useState<Array<string | undefined>>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [page, setPage] = useState<PpAgentRunPage | undefined>();
  const [selected, setSelected] = useState<PpAgentRun | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();

  // Each opening asks for the reason again: every read is its own audited act.
  useEffect(() => {
    if (!props.open) {
      setConfirmedReason(undefined);
      setPage(undefined);
      setSelected(undefined);
      setCursor(undefined);
      setCursors([]);
      setStatus('');
      setError(undefined);
    }
  }, [props.open]);

  const load = useCallback(
    async (why: string, at: string | undefined, runStatus: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const next = await api.listAgentRuns(props.subscriptionId, {
          reason: why,
          status: runStatus
            ? [runStatus as (typeof PP_AGENT_RUN_STATUSES)[number]]
            : undefined,
          limit: PAGE_SIZE,
          cursor: at,
        });
        setPage(next);
        setSelected(undefined);
        return true;
      } catch (e) {
        setError(describeError(e));
        return false;
      } finally {
        setLoading(false);
      }
    },
    [api, props.subscriptionId],
  );

  const start = async () => {
    const why = reason.trim();
    if (await load(why, undefined, status)) setConfirmedReason(why);
  };

  const short = reasonTooShort(reason);

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      fullWidth
      maxWidth={confirmedReason ? 'lg' : 'sm'}
      aria-labelledby="pp-runs-dialog-title"
    >
      <DialogTitle id="pp-runs-dialog-title">
        Agent runs of {props.customerName}
      </DialogTitle>
      <DialogContent>
        <PpErrorAlert error={error} />
        {!confirmedReason ? (
          <>
            <DialogContentText>
              Agent runs show what the agent was given and what it did for this
              customer. Say why you need to read them: the reason is written to
              the audit log with your name and this subscription.
            </DialogContentText>
            <AuditReasonField
              id="pp-runs-reason"
              placeholder="e.g. Investigating the failures the customer reported"
              value={reason}
              onChange={setReason}
            />
          </>
        ) : (
          <>
            <PpFilterBar>
              <Typography variant="body2" color="textSecondary">
                Reason (audited): {confirmedReason}
              </Typography>
              <PpSelectFilter
                id="pp-runs-status"
                label="Run status"
                style={{ minWidth: 160 }}
                anyLabel="Any status"
                options={RUN_STATUS_OPTIONS}
                value={status}
                onChange={value => {
                  setStatus(value);
                  setCursors([]);
                  setCursor(undefined);
                  load(confirmedReason, undefined, value);
                }}
              />
            </PpFilterBar>
            {loading && !page && <CircularProgress aria-label="Loading runs" />}
            {page && (
              <Grid container spacing={2}>
                <Grid item xs={12} md={7}>
                  {page.items.length === 0 && (
                    <Typography color="textSecondary">
                      No agent runs match.
                    </Typography>
                  )}
                  {page && page.items.length > 0 && (
                    <PpDataTable
                      outlined
                      label="Agent runs"
                      rows={page.items}
                      rowKey={run => run.id}
                      rowProps={run => ({
                        hover: true,
                        'data-testid': 'run-row',
                        className: `${classes.row} ${
                          selected?.id === run.id ? classes.selected : ''
                        }`,
                        selected: selected?.id === run.id,
                        onClick: () => setSelected(run),
                        tabIndex: 0,
                        onKeyDown: e => {
                          if (e.key === 'Enter' || e.key === ' ')
                            setSelected(run);
                        },
                        'aria-label': `Run of ${formatDateTime(
                          run.created_at,
                        )}`,
                      })}
                      columns={[
                        {
                          title: 'Created',
                          className: classes.when,
                          render: run => formatDateTime(run.created_at),
                        },
                        {
                          title: 'Status',
                          render: run =>
                            RUN_STATUS_LABELS[run.status] ??
                            humanize(run.status),
                        },
                        {
                          title: 'Duration',
                          className: classes.when,
                          render: run =>
                            formatDuration(run.started_at, run.finished_at),
                        },
                        {
                          title: 'Error',
                          className: classes.message,
                          render: run => run.error_message ?? '',
                        },
                      ]}
                    />
                  )}
                  {page && (
                    <Box
                      display="flex"
                      alignItems="center"
                      mt={1}
                      style={{ gap: 8 }}
                    >
                      <Button
                        size="small"
                        disabled={cursors.length === 0 || loading}
                        onClick={() => {
                          const previous = cursors.slice(0, -1);
                          const at = cursors[cursors.length - 1];
                          setCursors(previous);
                          setCursor(at);
                          load(confirmedReason, at, status);
                        }}
                      >
                        Newer runs
                      </Button>
                      <Button
                        size="small"
                        disabled={!page.next_cursor || loading}
                        onClick={() => {
                          setCursors(c => [...c, cursor]);
                          setCursor(page.next_cursor!);
                          load(confirmedReason, page.next_cursor!, status);
                        }}
                      >
                        Older runs
                      </Button>
                      {loading && (
                        <CircularProgress size={16} aria-label="Loading runs" />
                      )}
                    </Box>
                  )}
                </Grid>
                <Grid item xs={12} md={5}>
                  {selected ? (
                    <Box data-testid="run-detail">
                      <Typography variant="subtitle1" gutterBottom>
                        Run of {formatDateTime(selected.created_at)}:{' '}
                        {(
                          RUN_STATUS_LABELS[selected.status] ??
                          humanize(selected.status)
                        ).toLocaleLowerCase()}
                      </Typography>
                      <JsonViewer
                        title="Inputs"
                        value={selected.inputs}
                        defaultExpanded
                      />
                      <JsonViewer title="Outputs" value={selected.outputs} />
                      <JsonViewer title="Actions" value={selected.actions} />
                    </Box>
                  ) : (
                    page &&
                    page.items.length > 0 && (
                      <Typography
                        variant="body2"
                        color="textSecondary"
                        style={{ marginTop: 16 }}
                      >
                        Pick a run to see its inputs, outputs and actions.
                      </Typography>
                    )
                  )}
                </Grid>
              </Grid>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
        {!confirmedReason && (
          <PpProgressButton disabled={short} busy={loading} onClick={start}>
            Show runs
          </PpProgressButton>
        )}
      </DialogActions>
    </Dialog>
  );
}
