import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  PpAgentReadiness,
  PpReadinessOverrideRequest,
  PpReadinessValue,
  describeError,
} from '@internal/plugin-pp-common';
import { ppOrchestrationApiRef } from '../../api';

const pathOf = (p: PpReadinessValue) => `${p.group}.${p.key}`;

/** Why a field's value cannot be sent, or undefined. Empty: back to the default. */
export function fieldProblem(p: PpReadinessValue, raw: string) {
  const text = raw.trim();
  if (!text) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return 'Enter a number.';
  if (p.integer && !Number.isInteger(n)) return 'Enter a whole number.';
  if (n < p.min || n > p.max) {
    return `Between ${p.min.toLocaleString('en-US')} and ${p.max.toLocaleString(
      'en-US',
    )}.`;
  }
  return undefined;
}

/** The request for what the fields change (nothing: an empty `overrides`). */
export function overridesFromFields(
  parameters: readonly PpReadinessValue[],
  fields: Record<string, string>,
): PpReadinessOverrideRequest['overrides'] {
  const out: Record<string, Record<string, number | null>> = {};
  for (const p of parameters) {
    const text = (fields[pathOf(p)] ?? '').trim();
    let next: number | null | undefined;
    if (!text) {
      if (p.source === 'override') next = null; // back to the default
    } else if (p.source !== 'override' || Number(text) !== p.value) {
      next = Number(text); // a default typed in is pinned as an override
    }
    if (next === undefined) continue;
    out[p.group] = { ...(out[p.group] ?? {}), [p.key]: next };
  }
  return out as PpReadinessOverrideRequest['overrides'];
}

/**
 * Override the agent's platform parameters: each field holds the value in force; empty sends it
 * back to the platform default. A reason is required; the backend checks the bounds again.
 */
export function ReadinessOverrideDialog(props: {
  open: boolean;
  agentName: string;
  readiness: PpAgentReadiness;
  onClose: () => void;
  onSaved: (readiness: PpAgentReadiness) => void;
}) {
  const api = useApi(ppOrchestrationApiRef);
  const { readiness } = props;
  const initial = () =>
    Object.fromEntries(
      readiness.parameters.map(p => [
        pathOf(p),
        p.source === 'override' ? String(p.value) : '',
      ]),
    );
  const [fields, setFields] = useState<Record<string, string>>(initial);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const problems = Object.fromEntries(
    readiness.parameters.map(p => [
      pathOf(p),
      fieldProblem(p, fields[pathOf(p)] ?? ''),
    ]),
  );
  const overrides = overridesFromFields(readiness.parameters, fields);
  const changes = Object.values(overrides).reduce(
    (n, g) => n + Object.keys(g ?? {}).length,
    0,
  );
  const reasonProblem =
    reason.trim().length < 10
      ? 'Say why this agent needs other values (at least 10 characters).'
      : undefined;
  const valid =
    !Object.values(problems).some(Boolean) && !reasonProblem && changes > 0;

  const save = async () => {
    setTouched(true);
    if (!valid) return;
    setSaving(true);
    setError(undefined);
    try {
      const saved = await api.overrideReadiness(readiness.agent_id, {
        overrides,
        reason: reason.trim(),
      });
      props.onSaved(saved);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={saving ? undefined : props.onClose}
      fullWidth
      maxWidth="md"
    >
      <DialogTitle>
        Override the operational limits of {props.agentName}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          Enter the value this agent needs. Leave a field empty to use the
          platform default. Every change is recorded with your reason.
        </Typography>
        <Grid container spacing={2}>
          {readiness.parameters.map(p => {
            const path = pathOf(p);
            const problem = problems[path];
            return (
              <Grid item xs={12} sm={6} key={path}>
                <TextField
                  fullWidth
                  id={`readiness-override-${p.key}`}
                  variant="outlined"
                  size="small"
                  label={`${p.title} (${p.unit})`}
                  value={fields[path] ?? ''}
                  placeholder={`Default: ${p.default.toLocaleString('en-US')}`}
                  onChange={e =>
                    setFields({ ...fields, [path]: e.target.value })
                  }
                  error={!!problem}
                  helperText={
                    problem ??
                    `Default ${p.default.toLocaleString(
                      'en-US',
                    )}; ${p.min.toLocaleString(
                      'en-US',
                    )} to ${p.max.toLocaleString('en-US')}.`
                  }
                  inputProps={{ inputMode: 'decimal', 'aria-label': p.title }}
                  disabled={saving}
                />
              </Grid>
            );
          })}
          <Grid item xs={12}>
            <TextField
              fullWidth
              required
              multiline
              minRows={2}
              variant="outlined"
              id="readiness-override-reason"
              label="Reason"
              inputProps={{ 'aria-label': 'Reason' }}
              value={reason}
              onChange={e => setReason(e.target.value)}
              onBlur={() => setTouched(true)}
              error={touched && !!reasonProblem}
              helperText={
                touched && reasonProblem
                  ? reasonProblem
                  : 'Shown beside the values and kept in the audit log.'
              }
              disabled={saving}
            />
          </Grid>
        </Grid>
        {touched && changes === 0 && !Object.values(problems).some(Boolean) && (
          <Alert severity="info">
            Nothing changes yet: edit a value first.
          </Alert>
        )}
        {error && (
          <Alert severity="error" data-testid="readiness-save-error">
            The values were not saved: {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={saving}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={save}
          disabled={saving}
          startIcon={saving ? <CircularProgress size={16} /> : undefined}
        >
          {saving ? 'Saving…' : 'Save overrides'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
