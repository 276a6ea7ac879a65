import { useState } from 'react';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Switch,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  PpAlertSeverity,
  PpAlertThreshold,
  ppHealthThresholdsUpdatePermission,
} from '@internal/plugin-pp-common';
import { ppHealthApiRef } from '../api';
import { usePolled } from '../hooks/usePolled';
import { Loadable, SeverityChip } from './common';
import { describeError } from '@internal/plugin-pp-common';
import { formatDuration, formatTime } from '../util/format';

const UNIT_LABELS: Record<PpAlertThreshold['unit'], string> = {
  minutes: 'min',
  percent: '%',
  items: 'items',
  runs: 'failed runs in a row',
};

function EditThresholdDialog(props: {
  threshold: PpAlertThreshold;
  onClose: () => void;
  onSaved: () => void;
}) {
  const api = useApi(ppHealthApiRef);
  const t = props.threshold;
  const [value, setValue] = useState(String(t.threshold_value));
  const [duration, setDuration] = useState(String(t.duration_seconds));
  const [severity, setSeverity] = useState<PpAlertSeverity>(t.severity);
  const [enabled, setEnabled] = useState(t.enabled);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const numericValue = Number(value);
  const numericDuration = Number(duration);
  let valueProblem: string | undefined;
  if (
    value.trim() === '' ||
    !Number.isFinite(numericValue) ||
    numericValue <= 0
  ) {
    valueProblem = 'A number greater than 0';
  } else if (t.unit === 'percent' && numericValue > 100) {
    valueProblem = 'At most 100';
  }
  const durationProblem =
    duration.trim() === '' ||
    !Number.isInteger(numericDuration) ||
    numericDuration < 0 ||
    numericDuration > 86400
      ? 'Whole seconds between 0 and 86400'
      : undefined;

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await api.updateThreshold(
        t.alert_type,
        {
          threshold_value: numericValue,
          duration_seconds: numericDuration,
          severity,
          enabled,
        },
        reason.trim() || undefined,
      );
      props.onSaved();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>Edit threshold: {t.title}</DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" style={{ marginBottom: 16 }}>
            {error}
          </Alert>
        )}
        <TextField
          label={`Threshold (${UNIT_LABELS[t.unit]})`}
          type="number"
          fullWidth
          margin="dense"
          value={value}
          onChange={e => setValue(e.target.value)}
          error={!!valueProblem}
          helperText={valueProblem}
          inputProps={{ 'aria-label': 'Threshold value' }}
        />
        <TextField
          label="For at least (seconds)"
          type="number"
          fullWidth
          margin="dense"
          value={duration}
          onChange={e => setDuration(e.target.value)}
          error={!!durationProblem}
          helperText={durationProblem}
        />
        <TextField
          select
          label="Severity"
          fullWidth
          margin="dense"
          value={severity}
          onChange={e => setSeverity(e.target.value as PpAlertSeverity)}
        >
          <MenuItem value="critical">Critical</MenuItem>
          <MenuItem value="warning">Warning</MenuItem>
        </TextField>
        <FormControlLabel
          control={
            <Switch
              checked={enabled}
              onChange={e => setEnabled(e.target.checked)}
              color="primary"
            />
          }
          label="Enabled"
        />
        <TextField
          label="Reason (recorded in the audit log)"
          fullWidth
          margin="dense"
          value={reason}
          onChange={e => setReason(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={saving}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving || !!valueProblem || !!durationProblem}
          startIcon={
            saving ? (
              <CircularProgress size={16} aria-label="Saving" />
            ) : undefined
          }
          onClick={save}
        >
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The Thresholds tab: editable by infrastructure engineers and admins, read-only for viewers. */
export function ThresholdsPanel() {
  const api = useApi(ppHealthApiRef);
  const { loading: checking, allowed: canEdit } = usePermission({
    permission: ppHealthThresholdsUpdatePermission,
  });
  const [editing, setEditing] = useState<PpAlertThreshold | undefined>();
  const thresholds = usePolled(() => api.listThresholds(), []);

  const columns: TableColumn<PpAlertThreshold>[] = [
    { title: 'Alert', field: 'title', highlight: true },
    {
      title: 'Threshold',
      field: 'threshold_value',
      render: t => `${t.threshold_value} ${UNIT_LABELS[t.unit]}`,
    },
    {
      title: 'For at least',
      field: 'duration_seconds',
      render: t => formatDuration(t.duration_seconds),
    },
    {
      title: 'Severity',
      field: 'severity',
      render: t => <SeverityChip severity={t.severity} />,
    },
    {
      title: 'Enabled',
      field: 'enabled',
      render: t => (t.enabled ? 'Yes' : 'No'),
    },
    {
      title: 'Last changed',
      field: 'updated_at',
      render: t =>
        t.updated_at
          ? `${formatTime(t.updated_at)} by ${t.updated_by ?? '—'}`
          : '—',
    },
    {
      title: '',
      field: 'alert_type',
      sorting: false,
      render: t => (
        <Button
          size="small"
          variant="outlined"
          disabled={checking || !canEdit}
          aria-label={`Edit ${t.title}`}
          onClick={() => setEditing(t)}
        >
          Edit
        </Button>
      ),
    },
  ];

  return (
    <>
      {!checking && !canEdit && (
        <Alert severity="info" style={{ marginBottom: 16 }}>
          Read only: infrastructure engineers and admins change thresholds.
        </Alert>
      )}
      <Loadable what="the alert thresholds" {...thresholds}>
        {v => (
          <Table<PpAlertThreshold>
            title="Alert thresholds"
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={columns}
            data={v.items}
            emptyContent={
              <Typography style={{ padding: 16 }} color="textSecondary">
                No alert rules.
              </Typography>
            }
          />
        )}
      </Loadable>
      {editing && (
        <EditThresholdDialog
          threshold={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            thresholds.retry();
          }}
        />
      )}
    </>
  );
}
