import { Content, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import { Alert } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { describeError } from '@internal/plugin-pp-common';
import { ppOrchestrationApiRef } from '../../api';
import { CreationDetailView } from '../CreationDetail';

/**
 * The Creation tab of an AI agent: the agent's creation as on its creation page (status, Genesis
 * verdict, step timings, pipeline, handoff, operational readiness, history). The agent id is the
 * entity's name; an agent PP did not create says so.
 */
export function EntityCreationContent() {
  const { entity } = useEntity();
  const agentId = entity.metadata.name;
  const name = entity.metadata.title ?? entity.metadata.name;
  const api = useApi(ppOrchestrationApiRef);
  const state = useAsyncRetry(() => api.getCreation(agentId), [api, agentId]);
  let body: JSX.Element;
  if (state.value) {
    body = (
      <CreationDetailView creation={state.value} onChanged={state.retry} />
    );
  } else if (state.error) {
    body =
      ResponseError.is(state.error) && state.error.statusCode === 404 ? (
        <Alert severity="info" data-testid="no-creation">
          {name} was not created through the portal’s agent creation, so there
          is no creation record (Genesis verdict, pipeline, handoff) to show.
        </Alert>
      ) : (
        <Alert severity="error">
          Could not load the creation of {name}: {describeError(state.error)}
        </Alert>
      );
  } else {
    body = <Progress />;
  }
  return <Content>{body}</Content>;
}
