import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Grid,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  PP_RETUNING_STATUS_LABELS,
  PpRetuning,
  describeError,
  ppAgentsRetunePermission,
} from '@internal/plugin-pp-common';
import {
  PpDataTable,
  PpFact,
  PpFacts,
  formatDateTime,
} from '@internal/plugin-pp-react';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ppKnowledgeApiRef } from '../api';
import { RetuningGate } from './KnowledgePage';
import { useKnowledgeRoot } from './KnowledgeSections';
import { INDUSTRY_LABELS, STRATEGY_SHORT } from './labels';
import { RetuneDialog } from './RetuneDialog';
import { RetuningView } from './RetuningView';

function AgentKnowledge() {
  const { entity } = useEntity();
  const agentId = entity.metadata.name;
  const agentName = entity.metadata.title ?? agentId;
  const api = useApi(ppKnowledgeApiRef);
  const root = useKnowledgeRoot();
  const { allowed: canRetune } = usePermission({
    permission: ppAgentsRetunePermission,
  });
  const [proposing, setProposing] = useState(false);
  const knowledge = useAsyncRetry(
    () => api.getAgentKnowledge(agentId),
    [api, agentId],
  );
  if (knowledge.loading && !knowledge.value) return <Progress />;
  if (knowledge.error) {
    return <Alert severity="error">{describeError(knowledge.error)}</Alert>;
  }
  const k = knowledge.value;
  if (!k) return null;
  const link = (r: PpRetuning) =>
    `${root}/retuning/${encodeURIComponent(r.id)}?industry=${r.industry}`;
  const newer =
    k.latest_version !== null && k.latest_version !== k.knowledge_version;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Card>
          <CardHeader
            title="Knowledge"
            action={
              canRetune &&
              k.industry &&
              !k.active_retuning && (
                <Button
                  variant="contained"
                  color="primary"
                  onClick={() => setProposing(true)}
                >
                  Retune
                </Button>
              )
            }
          />
          <CardContent>
            <PpFacts>
              <PpFact
                label="Industry"
                value={k.industry ? INDUSTRY_LABELS[k.industry] : 'Not known'}
              />
              <PpFact
                label="Runs on"
                value={k.knowledge_version ?? 'Never retuned'}
              />
              {k.retuned_at && (
                <PpFact label="Retuned" value={formatDateTime(k.retuned_at)} />
              )}
              <PpFact
                label="Newest knowledge of its industry"
                value={k.latest_version ?? 'None yet'}
              />
            </PpFacts>
            {newer && !k.active_retuning && (
              <Alert severity="info">
                {k.latest_version} is newer than what {agentName} runs on:
                retuning would bring it the new knowledge.
              </Alert>
            )}
          </CardContent>
        </Card>
      </Grid>
      {proposing && k.industry && (
        <RetuneDialog
          open
          industry={k.industry}
          agent={{ id: agentId, name: agentName }}
          onClose={() => setProposing(false)}
          onProposed={() => {
            setProposing(false);
            knowledge.retry();
          }}
        />
      )}
      {k.active_retuning && (
        <Grid item xs={12}>
          <Card>
            <CardHeader
              title={`Retuning on ${k.active_retuning.knowledge_version}`}
              subheader={
                <Link to={link(k.active_retuning)}>Open the proposal</Link>
              }
            />
            <CardContent>
              <RetuningView
                retuning={k.active_retuning}
                onChange={() => knowledge.retry()}
              />
            </CardContent>
          </Card>
        </Grid>
      )}
      <Grid item xs={12}>
        <Card>
          <CardHeader title="Retuning history" />
          <CardContent>
            {k.history.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                {agentName} has not been retuned yet.
              </Typography>
            ) : (
              <PpDataTable
                label={`Retunings of ${agentName}`}
                rows={k.history}
                rowKey={r => r.id}
                columns={[
                  {
                    title: 'Proposed',
                    render: r => (
                      <Link to={link(r)}>{formatDateTime(r.created_at)}</Link>
                    ),
                  },
                  {
                    title: 'Knowledge version',
                    render: r => r.knowledge_version,
                  },
                  {
                    title: 'Status',
                    render: r => PP_RETUNING_STATUS_LABELS[r.status],
                  },
                  {
                    title: 'Roll out',
                    render: r => STRATEGY_SHORT[r.strategy],
                  },
                  {
                    title: 'By',
                    render: r =>
                      r.created_by_name ?? 'someone no longer in the portal',
                  },
                ]}
              />
            )}
          </CardContent>
        </Card>
      </Grid>
    </Grid>
  );
}

/**
 * The Knowledge tab of an AI agent's catalog page: the knowledge version it runs on, the newest of
 * its industry, the retuning in progress and its retuning history; "Retune" for those who may.
 */
export function EntityKnowledgeContent() {
  return (
    <RetuningGate>
      <Box>
        <AgentKnowledge />
      </Box>
    </RetuningGate>
  );
}
