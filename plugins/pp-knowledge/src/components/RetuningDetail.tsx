import { Content, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { PpRetuning, describeError } from '@internal/plugin-pp-common';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { ppKnowledgeApiRef } from '../api';
import { KnowledgeSections, useKnowledgeRoot } from './KnowledgeSections';
import { RetuningView } from './RetuningView';

/** `/pp/knowledge/retuning/:retuningId`: one retuning proposal in full. */
export function RetuningDetail() {
  const api = useApi(ppKnowledgeApiRef);
  const root = useKnowledgeRoot();
  const { retuningId = '' } = useParams();
  const loaded = useAsync(() => api.getRetuning(retuningId), [api, retuningId]);
  const [retuning, setRetuning] = useState<PpRetuning>();
  useEffect(() => setRetuning(loaded.value), [loaded.value]);

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
      {loaded.loading && <Progress />}
      {loaded.error && (
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
