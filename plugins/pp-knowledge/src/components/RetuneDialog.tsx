import { useApi, useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
} from '@material-ui/core';
import {
  PP_RETUNING_STRATEGIES,
  PpKnowledgeIndustry,
  PpRetuning,
  PpRetuningStrategy,
  describeError,
  ppKnowledgeReadPermission,
} from '@internal/plugin-pp-common';
import { PpErrorAlert, PpProgressButton } from '@internal/plugin-pp-react';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ppKnowledgeApiRef } from '../api';
import { INDUSTRY_LABELS, STRATEGY_LABELS } from './labels';

/** The catalog's AI agents, by title. */
function useCatalogAgents(enabled: boolean) {
  const catalogApi = useApiHolder().get(catalogApiRef);
  return useAsync(async () => {
    if (!enabled || !catalogApi) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'component', 'spec.type': 'ai-agent' },
      fields: ['metadata.name', 'metadata.title'],
    });
    return items
      .map(e => ({
        id: e.metadata.name,
        name: e.metadata.title ?? e.metadata.name,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [catalogApi, enabled]);
}

/** A knowledge version the dialog offers: its label and how the menu shows it. */
interface VersionOption {
  label: string;
  text: string;
  /** the industry whose version it is */
  industry: PpKnowledgeIndustry;
}

/**
 * The versions to offer. Those who may read the knowledge choose among the industry's versions;
 * the others (agent orchestrators may retune but not read the knowledge) get the chosen agent's
 * industry's newest version, which its Knowledge tab shows them too.
 */
function useVersionOptions(industry: PpKnowledgeIndustry, agentId: string) {
  const api = useApi(ppKnowledgeApiRef);
  const read = usePermission({ permission: ppKnowledgeReadPermission });
  const listed = !read.loading && read.allowed;
  const versions = useAsync(async (): Promise<VersionOption[] | undefined> => {
    if (read.loading) return undefined;
    if (listed) {
      const { items } = await api.listVersions(industry, { limit: 50 });
      return items.map(v => ({
        label: v.label,
        text: `${v.label} (${v.chunks.toLocaleString()} embeddings)`,
        industry,
      }));
    }
    if (!agentId) return [];
    const k = await api.getAgentKnowledge(agentId);
    return k.latest_version
      ? [
          {
            label: k.latest_version,
            text: `${k.latest_version} (the newest)`,
            industry: k.industry ?? industry,
          },
        ]
      : [];
  }, [api, industry, read.loading, listed, listed ? '' : agentId]);
  return { versions, listed };
}

/** The sentence under the version field. */
function versionHelp(
  industry: PpKnowledgeIndustry,
  listed: boolean,
  agentId: string,
  versions: { loading: boolean; value?: VersionOption[] },
): string | undefined {
  if (versions.loading) return undefined;
  if (listed) {
    return versions.value?.length === 0
      ? `${INDUSTRY_LABELS[industry]} has no knowledge version yet.`
      : undefined;
  }
  if (!agentId)
    return 'Choose the agent first: its industry’s newest knowledge is offered.';
  return versions.value?.length === 0
    ? 'The agent’s industry has no knowledge version yet.'
    : 'The newest knowledge of the agent’s industry (choosing an older version is open to those who may read the knowledge).';
}

/**
 * "Retune an agent" (industry managers, agent orchestrators and admins): the agent (fixed on its
 * catalog page), the knowledge version of the industry, why, and how it rolls out. Genesis
 * validates the proposal first; an admin then approves or declines it.
 */
export function RetuneDialog(props: {
  open: boolean;
  industry: PpKnowledgeIndustry;
  /** The agent, when retuning from its page. */
  agent?: { id: string; name: string };
  onClose: () => void;
  onProposed: (retuning: PpRetuning) => void;
}) {
  const api = useApi(ppKnowledgeApiRef);
  const agents = useCatalogAgents(!props.agent);
  const [agentId, setAgentId] = useState(props.agent?.id ?? '');
  const { versions, listed } = useVersionOptions(props.industry, agentId);
  const [version, setVersion] = useState('');
  const [reason, setReason] = useState('');
  const [strategy, setStrategy] = useState<PpRetuningStrategy>('blue_green');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const chosen =
    versions.value?.find(v => v.label === version) ?? versions.value?.[0];
  const chosenVersion = chosen?.label ?? '';
  let problem: string | undefined;
  if (!agentId) problem = 'Choose the agent.';
  else if (!chosenVersion) problem = 'Choose a knowledge version.';
  else if (reason.trim().length < 10) {
    problem = 'Say why, in a sentence (at least 10 characters).';
  }

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      props.onProposed(
        await api.retune(agentId, {
          knowledge_version: chosenVersion,
          industry: chosen?.industry ?? props.industry,
          reason: reason.trim(),
          strategy,
        }),
      );
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const loadError = versions.error ?? agents.error;
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        {props.agent ? `Retune ${props.agent.name}` : 'Retune an agent'}
      </DialogTitle>
      <DialogContent>
        <PpErrorAlert
          error={error ?? (loadError && describeError(loadError))}
        />
        {!props.agent && (
          <TextField
            select
            id="pp-knowledge-retune-agent"
            label="Agent"
            value={agentId}
            onChange={e => setAgentId(e.target.value)}
            fullWidth
            margin="dense"
            required
          >
            {(agents.value ?? []).map(a => (
              <MenuItem key={a.id} value={a.id}>
                {a.name}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField
          select
          id="pp-knowledge-retune-version"
          label={`Knowledge version of ${
            INDUSTRY_LABELS[chosen?.industry ?? props.industry]
          }`}
          value={chosenVersion}
          onChange={e => setVersion(e.target.value)}
          fullWidth
          margin="dense"
          required
          helperText={versionHelp(props.industry, listed, agentId, versions)}
        >
          {(versions.value ?? []).map(v => (
            <MenuItem key={v.label} value={v.label}>
              {v.text}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          id="pp-knowledge-retune-why"
          label="Why"
          value={reason}
          onChange={e => setReason(e.target.value)}
          fullWidth
          margin="dense"
          multiline
          minRows={2}
          required
          placeholder="e.g. Improve accuracy on Q4 2024 ad formats"
        />
        <TextField
          select
          id="pp-knowledge-retune-roll-out"
          label="Roll out"
          value={strategy}
          onChange={e => setStrategy(e.target.value as PpRetuningStrategy)}
          fullWidth
          margin="dense"
        >
          {PP_RETUNING_STRATEGIES.map(s => (
            <MenuItem key={s} value={s}>
              {STRATEGY_LABELS[s]}
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <PpProgressButton
          busy={busy}
          disabled={!!problem}
          title={problem}
          onClick={submit}
        >
          Propose retuning
        </PpProgressButton>
      </DialogActions>
    </Dialog>
  );
}
