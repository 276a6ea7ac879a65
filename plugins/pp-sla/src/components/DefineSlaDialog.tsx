import { useState } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  PP_SLA_TYPES,
  PpSlaDefinition,
  PpSlaTargets,
  PpSlaType,
  describeError,
} from '@internal/plugin-pp-common';
import { PpProgressButton } from '@internal/plugin-pp-react';
import useAsync from 'react-use/esm/useAsync';
import { ppSlaApiRef } from '../api';
import { agentName } from './labels';

const TYPE_TEXT: Record<PpSlaType, string> = {
  standard: 'Standard: the platform’s standard targets',
  premium: 'Premium: the platform’s premium targets',
  custom: 'Custom: targets of your own',
};

/** The custom targets people may set, with their unit and bounds (the API's). */
const TARGET_FIELDS: ReadonlyArray<{
  key: keyof PpSlaTargets;
  label: string;
  min: number;
  max: number;
}> = [
  {
    key: 'response_time_p95_ms',
    label: 'Response time p95 below (ms)',
    min: 1,
    max: 600_000,
  },
  { key: 'uptime_percent', label: 'Uptime at least (%)', min: 50, max: 100 },
  {
    key: 'error_rate_percent',
    label: 'Error rate below (%)',
    min: 0.001,
    max: 100,
  },
  {
    key: 'support_response_hours',
    label: 'Support response within (h)',
    min: 0.1,
    max: 720,
  },
  {
    key: 'critical_resolution_hours',
    label: 'Critical incident resolution within (h)',
    min: 0.1,
    max: 720,
  },
];

interface AgentOption {
  id: string;
  label: string;
}

/**
 * "Define an SLA" (agent orchestrators and admins): an agent from the catalog, standard or
 * premium (the platform's templates) or custom targets. Saving makes a new version in force from
 * now; compliance already computed keeps the version it was computed against.
 */
export function DefineSlaDialog(props: {
  open: boolean;
  /** the agent to preselect (e.g. from a handoff's "define the SLA" link) */
  agentId?: string;
  onClose: () => void;
  onSaved: (definition: PpSlaDefinition) => void;
}) {
  const api = useApi(ppSlaApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [agentId, setAgentId] = useState(props.agentId ?? '');
  const [type, setType] = useState<PpSlaType>('standard');
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const agents = useAsync(async (): Promise<AgentOption[]> => {
    if (!props.open) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Component', 'spec.type': 'ai-agent' },
      fields: ['metadata.name', 'metadata.title'],
    });
    return items
      .map(e => ({
        id: e.metadata.name,
        label: e.metadata.title ?? agentName(e.metadata.name),
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi, props.open]);

  const options = [...(agents.value ?? [])];
  // an agent named by the link but not (yet) in the catalog is still offered, by its id in words
  if (agentId && !options.some(o => o.id === agentId) && !agents.loading) {
    options.push({ id: agentId, label: agentName(agentId) });
  }

  const invalid = TARGET_FIELDS.filter(f => {
    const raw = targets[f.key]?.trim();
    if (!raw) return false;
    const n = Number(raw);
    return !Number.isFinite(n) || n < f.min || n > f.max;
  });
  const customTargets = Object.fromEntries(
    TARGET_FIELDS.filter(f => targets[f.key]?.trim()).map(f => [
      f.key,
      Number(targets[f.key]),
    ]),
  );
  const ready =
    !!agentId &&
    !invalid.length &&
    (type !== 'custom' || Object.keys(customTargets).length > 0);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api.createDefinition({
        agent_id: agentId,
        type,
        ...(type === 'custom' ? { targets: customTargets } : {}),
      });
      props.onSaved(saved);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>Define an SLA</DialogTitle>
      <DialogContent>
        {error && (
          <Box mb={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
        {agents.error && (
          <Box mb={2}>
            <Alert severity="warning">
              The catalog’s agents could not be listed:{' '}
              {describeError(agents.error)}
            </Alert>
          </Box>
        )}
        <TextField
          select
          fullWidth
          id="pp-sla-define-agent"
          label="Agent"
          margin="dense"
          value={options.some(o => o.id === agentId) ? agentId : ''}
          onChange={e => setAgentId(e.target.value as string)}
          helperText={agents.loading ? 'Loading the catalog’s agents…' : ''}
        >
          {options.map(o => (
            <MenuItem key={o.id} value={o.id}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          fullWidth
          id="pp-sla-define-type"
          label="SLA"
          margin="dense"
          value={type}
          onChange={e => setType(e.target.value as PpSlaType)}
        >
          {PP_SLA_TYPES.map(t => (
            <MenuItem key={t} value={t}>
              {TYPE_TEXT[t]}
            </MenuItem>
          ))}
        </TextField>
        {type === 'custom' && (
          <Box mt={1}>
            <Typography variant="body2" color="textSecondary">
              Set the targets that differ from the standard SLA; the others stay
              standard.
            </Typography>
            {TARGET_FIELDS.map(f => (
              <TextField
                key={f.key}
                fullWidth
                margin="dense"
                type="number"
                id={`pp-sla-define-${f.key}`}
                label={f.label}
                value={targets[f.key] ?? ''}
                onChange={e =>
                  setTargets(t => ({ ...t, [f.key]: e.target.value }))
                }
                error={invalid.includes(f)}
                helperText={
                  invalid.includes(f)
                    ? `Between ${f.min} and ${f.max}`
                    : undefined
                }
                inputProps={{ min: f.min, max: f.max }}
              />
            ))}
          </Box>
        )}
        <Box mt={2}>
          <Typography variant="body2" color="textSecondary">
            It is in force from now on. A change later is a new version: the
            compliance already computed keeps the version it was computed
            against.
          </Typography>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <PpProgressButton busy={busy} disabled={!ready} onClick={save}>
          Save the SLA
        </PpProgressButton>
      </DialogActions>
    </Dialog>
  );
}
