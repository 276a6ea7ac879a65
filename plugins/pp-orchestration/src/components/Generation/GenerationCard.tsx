import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, LinearProgress, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  PpAgentCreation,
  describeError,
  ppAgentsGeneratePermission,
} from '@internal/plugin-pp-common';
import { formatDateTime } from '@internal/plugin-pp-react';
import { ppOrchestrationApiRef } from '../../api';

/** Where the repository is, in words: a GitHub link, or the local git repository's path. */
function Repository(props: { url: string }) {
  const { url } = props;
  if (/^https?:\/\//.test(url)) {
    return (
      <Typography data-testid="generation-repository">
        Repository: <Link to={url}>{url.replace(/^https?:\/\//, '')}</Link>
      </Typography>
    );
  }
  return (
    <Typography data-testid="generation-repository">
      Repository (local git, clone it with <code>git clone</code>):{' '}
      <code>{url.replace(/^file:\/\//, '')}</code>
    </Typography>
  );
}

/** The agent's catalog entity, once the catalog registered it. */
function CatalogLink(props: { agentId: string; agentName: string }) {
  const api = useApi(ppOrchestrationApiRef);
  const state = useAsync(
    () => api.isInCatalog(props.agentId),
    [api, props.agentId],
  );
  if (state.loading) return null;
  if (!state.value) {
    return (
      <Typography color="textSecondary" data-testid="generation-catalog">
        The catalog registers {props.agentName} in a few seconds.
      </Typography>
    );
  }
  return (
    <Typography data-testid="generation-catalog">
      <Link
        to={`/catalog/default/component/${encodeURIComponent(props.agentId)}`}
      >
        Open {props.agentName} in the catalog
      </Link>
    </Typography>
  );
}

/**
 * The code generation step: the PP template running in the scaffolder, its repository once
 * published, the agent's catalog entity; a failure with its reason and "Generate again" for those
 * who may (agent orchestrators and admins).
 */
export function GenerationCard(props: {
  creation: PpAgentCreation;
  onChanged: () => void;
}) {
  const c = props.creation;
  const g = c.generation;
  const api = useApi(ppOrchestrationApiRef);
  const { allowed: mayGenerate } = usePermission({
    permission: ppAgentsGeneratePermission,
  });
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string>();

  const again = async () => {
    setStarting(true);
    setProblem(undefined);
    try {
      await api.generateAgain(c.agent_id);
      props.onChanged();
    } catch (e) {
      setProblem(describeError(e));
    } finally {
      setStarting(false);
    }
  };

  let body: JSX.Element;
  if (!g) {
    body = (
      <Typography data-testid="generation-state">
        {c.status === 'genesis_rejected'
          ? 'No code is generated for a request Genesis rejected.'
          : 'The code is generated from the Platform Portal template once Genesis approves.'}
      </Typography>
    );
  } else if (g.status === 'pending' || g.status === 'running') {
    body = (
      <>
        <Typography data-testid="generation-state">
          Generating the repository from the Platform Portal template
          {g.attempt > 1 ? ` (attempt ${g.attempt})` : ''}
          {g.started_at ? ` · started ${formatDateTime(g.started_at)}` : ''}
        </Typography>
        <Box mt={1}>
          <LinearProgress aria-label="Code generation in progress" />
        </Box>
      </>
    );
  } else if (g.status === 'succeeded') {
    body = (
      <>
        <Typography data-testid="generation-state">
          The repository was generated
          {g.finished_at ? ` on ${formatDateTime(g.finished_at)}` : ''}
          {g.attempt > 1 ? ` (attempt ${g.attempt})` : ''}.
          {c.status === 'generating'
            ? ' Its first CI run starts the pipeline.'
            : ''}
        </Typography>
        {g.repository_url && <Repository url={g.repository_url} />}
        {g.catalog_entity_ref && (
          <CatalogLink agentId={c.agent_id} agentName={c.agent_name} />
        )}
      </>
    );
  } else {
    const canRetry =
      mayGenerate && c.allowed_moves.some(m => m.to === 'generating');
    body = (
      <>
        <Alert severity="error" data-testid="generation-state">
          Code generation failed
          {g.attempt > 1 ? ` (attempt ${g.attempt})` : ''}: {g.reason}
        </Alert>
        {canRetry && (
          <Box mt={2}>
            <Button
              variant="contained"
              color="primary"
              onClick={again}
              disabled={starting}
            >
              Generate again
            </Button>
            {starting && (
              <Box mt={1}>
                <LinearProgress aria-label="Starting the code generation" />
              </Box>
            )}
          </Box>
        )}
        {problem && (
          <Box mt={1}>
            <Alert severity="error">
              The generation did not start: {problem}
            </Alert>
          </Box>
        )}
      </>
    );
  }
  return <InfoCard title="Code generation">{body}</InfoCard>;
}
