import { useEffect, useRef, useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormLabel,
  LinearProgress,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  PP_AGENT_RUN_STATUSES,
  PpRunExport,
  PpRunExportRequest,
  describeError,
} from '@internal/plugin-pp-common';
import { PpErrorAlert, PpProgressButton } from '@internal/plugin-pp-react';
import { ppSubscriptionsApiRef } from '../../api';
import {
  RUN_STATUS_LABELS,
  formatCount,
  formatDateTime,
} from '../../util/format';
import { AuditReasonField, reasonTooShort } from '../common/AuditReasonField';
/** How often the export's progress is asked for. */
export const EXPORT_POLL_MS = 1000;

type RunStatus = (typeof PP_AGENT_RUN_STATUSES)[number];

/** `2026-12-01` as the start (or end) of that day in UTC, ISO 8601. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  return `${day}T${end ? '23:59:59.999' : '00:00:00.000'}Z`;
}

/** A day picker of the run filters (`2026-12-01`, or `''` for none). */
function DayField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (day: string) => void;
  error?: boolean;
  helperText?: string;
}) {
  return (
    <TextField
      type="date"
      margin="normal"
      id={props.id}
      label={props.label}
      InputLabelProps={{ shrink: true }}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      error={props.error}
      helperText={props.helperText}
    />
  );
}

/** Saves a blob as a file through a temporary link (the download needed the person's token). */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "12 340 of 50 000 runs", or what the export is doing before it knows the total. */
export function progressText(run: PpRunExport): string {
  if (run.status === 'queued') return 'Waiting to start…';
  if (run.rows_total === null) return 'Counting the runs…';
  return `${formatCount(run.rows_written)} of ${formatCount(
    run.rows_total,
  )} runs`;
}

/**
 * Export a subscription's agent runs as CSV or PDF: the format, why (audited) and optional run
 * filters; then the export's progress, polled every second, and the file.
 */
export function ExportDialog(props: {
  open: boolean;
  subscriptionId: string;
  customerName: string;
  onClose: () => void;
}) {
  const api = useApi(ppSubscriptionsApiRef);
  const [format, setFormat] = useState<PpRunExportRequest['format']>('csv');
  const [reason, setReason] = useState('');
  const [statuses, setStatuses] = useState<RunStatus[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [run, setRun] = useState<PpRunExport | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [downloading, setDownloading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    if (!props.open) {
      setRun(undefined);
      setError(undefined);
      setBusy(false);
    }
  }, [props.open]);

  // Poll the export while it runs (and while the dialog is open).
  const runId = run?.id;
  const running = run?.status === 'queued' || run?.status === 'running';
  useEffect(() => {
    if (!props.open || !runId || !running) return undefined;
    let cancelled = false;
    timer.current = setTimeout(async () => {
      try {
        const next = await api.getExport(props.subscriptionId, runId);
        if (!cancelled) setRun(next);
      } catch (e) {
        if (!cancelled) setError(describeError(e));
      }
    }, EXPORT_POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer.current);
    };
  }, [api, props.open, props.subscriptionId, runId, running, run]);

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const started = await api.exportRuns(props.subscriptionId, {
        format,
        reason: reason.trim(),
        status: statuses.length ? statuses : undefined,
        from: dayBound(from, false),
        to: dayBound(to, true),
      });
      setRun(started);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    if (!run) return;
    setDownloading(true);
    setError(undefined);
    try {
      const file = await api.downloadExport(run);
      saveBlob(file.blob, file.filename);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setDownloading(false);
    }
  };

  const short = reasonTooShort(reason);
  const badRange = !!from && !!to && from > to;

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="pp-export-dialog-title"
    >
      <DialogTitle id="pp-export-dialog-title">
        Export agent runs of {props.customerName}
      </DialogTitle>
      <DialogContent>
        <PpErrorAlert error={error} />
        {!run ? (
          <>
            <DialogContentText>
              The export is made in the background; you can download the file
              here when it is ready. The reason is written to the audit log with
              your name and this subscription.
            </DialogContentText>
            <FormControl component="fieldset" margin="normal">
              <FormLabel component="legend">Format</FormLabel>
              <RadioGroup
                row
                aria-label="Format"
                value={format}
                onChange={e =>
                  setFormat(e.target.value as PpRunExportRequest['format'])
                }
              >
                <FormControlLabel
                  value="csv"
                  control={<Radio />}
                  label="CSV (one run a row, for spreadsheets)"
                />
                <FormControlLabel
                  value="pdf"
                  control={<Radio />}
                  label="PDF (a report with summary and chart)"
                />
              </RadioGroup>
            </FormControl>
            <AuditReasonField
              margin="normal"
              id="pp-export-reason"
              value={reason}
              onChange={setReason}
            />
            <FormControl component="fieldset" margin="normal">
              <FormLabel component="legend">
                Only runs that (optional)
              </FormLabel>
              <FormGroup row>
                {PP_AGENT_RUN_STATUSES.map(s => (
                  <FormControlLabel
                    key={s}
                    label={RUN_STATUS_LABELS[s]}
                    control={
                      <Checkbox
                        checked={statuses.includes(s)}
                        onChange={e =>
                          setStatuses(current =>
                            e.target.checked
                              ? [...current, s]
                              : current.filter(x => x !== s),
                          )
                        }
                      />
                    }
                  />
                ))}
              </FormGroup>
            </FormControl>
            <Box display="flex" style={{ gap: 16 }}>
              <DayField
                id="pp-export-from"
                label="Created from (optional)"
                value={from}
                onChange={setFrom}
              />
              <DayField
                id="pp-export-to"
                label="Created until (optional)"
                value={to}
                onChange={setTo}
                error={badRange}
                helperText={badRange ? 'Must not be before the start' : ' '}
              />
            </Box>
          </>
        ) : (
          <Box data-testid="export-progress">
            {running && (
              <>
                <Typography gutterBottom>
                  Exporting the runs as {run.format.toUpperCase()}…
                </Typography>
                <LinearProgress
                  variant={
                    run.rows_total === null ? 'indeterminate' : 'determinate'
                  }
                  value={Math.round(run.progress * 100)}
                  aria-label="Export progress"
                />
                <Typography
                  variant="body2"
                  color="textSecondary"
                  style={{ marginTop: 8 }}
                >
                  {progressText(run)}
                </Typography>
              </>
            )}
            {run.status === 'succeeded' && (
              <Alert severity="success">
                The {run.format.toUpperCase()} file is ready:{' '}
                {formatCount(run.rows_written)}{' '}
                {run.rows_written === 1 ? 'run' : 'runs'}.
                {run.expires_at
                  ? ` It can be downloaded until ${formatDateTime(
                      run.expires_at,
                    )}.`
                  : ''}
              </Alert>
            )}
            {run.status === 'failed' && (
              <Alert severity="error">
                The export failed: {run.error ?? 'the server gave no reason.'}
              </Alert>
            )}
            {run.status === 'expired' && (
              <Alert severity="warning">
                This export has expired and its file was deleted. Start a new
                one.
              </Alert>
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
        {!run && (
          <PpProgressButton
            disabled={short || badRange}
            busy={busy}
            onClick={start}
          >
            Start export
          </PpProgressButton>
        )}
        {run?.status === 'succeeded' && (
          <PpProgressButton busy={downloading} onClick={download}>
            Download {run.format.toUpperCase()}
          </PpProgressButton>
        )}
        {(run?.status === 'failed' || run?.status === 'expired') && (
          <Button onClick={() => setRun(undefined)}>Try again</Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
