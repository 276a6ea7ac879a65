import { Content, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { PpRetuning, describeError } from '@internal/plugin-pp-common';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ppKnowledgeApiRef } from '../api';
import { KnowledgeSections, useKnowledgeRoot } from './KnowledgeSections';
import { RetuningView } from './RetuningView';

/** How often the page reads a retuning again while Genesis checks it or it rolls out. */
export const RETUNING_POLL_MS = 3000;

/** The states the retuning job moves on by itself. */
const MOVING: ReadonlyArray<PpRetuning['status']> = ['validating', 'deploying'];

/**
 * `/pp/knowledge/retuning/:retuningId`: one retuning proposal in full; while Genesis checks it or
 * it rolls out, read again every few seconds (the rollout's steps show as the job takes them).
 */
export function RetuningDetail() {
  const api = useApi(ppKnowledgeApiRef);
  const root = useKnowledgeRoot();
  const { retuningId = '' } = useParams();
  const loaded = useAsyncRetry(
    () => api.getRetuning(retuningId),
    [api, retuningId],
  );
  const [retuning, setRetuning] = useState<PpRetuning>();
  useEffect(() => {
    if (loaded.value) setRetuning(loaded.value);
  }, [loaded.value]);
  const moving = !!retuning && MOVING.includes(retuning.status);
  const { retry } = loaded;
  useEffect(() => {
    if (!moving || loaded.loading) return undefined;
    const timer = setTimeout(retry, RETUNING_POLL_MS);
    return () => clearTimeout(timer);
  }, [moving, loaded.loading, retuning, retry]);

  return (
    <Content>
      <KnowledgeSections current="retuning" industrySwitch={false} />
      <Typography variant="body2">
        <Link
          to={`${root}/retuning${
            retuning ? `?industry=${retuning.industry}` : ''
          }`}
        >
          ← Retuning proposals
        </Link>
      </Typography>
      {loaded.loading && !retuning && <Progress />}
      {loaded.error && !retuning && (
        <Alert severity="error">{describeError(loaded.error)}</Alert>
      )}
      {retuning && (
        <>
          <Typography variant="h4" component="h2" style={{ marginTop: 8 }}>
            Retuning {retuning.agent_name} on {retuning.knowledge_version}
          </Typography>
          <RetuningView retuning={retuning} onChange={setRetuning} />
        </>
      )}
    </Content>
  );
}
