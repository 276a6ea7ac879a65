import { Content, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useNavigate, useParams } from 'react-router-dom';
import { PpHandoff, describeError } from '@internal/plugin-pp-common';
import {
  PpDataTable,
  PpListState,
  formatDateTime,
} from '@internal/plugin-pp-react';
import { PpOrchestrationApi, ppOrchestrationApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { actorLabel } from '../../util/labels';
import {
  HandoffDecisionForm,
  HandoffItemsView,
  HandoffSummary,
  OlaChip,
  useHandoffPermissions,
} from './HandoffParts';

/** The agent by name: the queue names it; a deleted creation leaves its id in words. */
export function handoffAgentName(h: PpHandoff): string {
  return h.agent_name ?? 'An agent no longer on the board';
}

/** Keeps out those who may not decide handoffs (the backend refuses them too). */
export function HandoffGate(props: { children: JSX.Element }) {
  const perms = useHandoffPermissions();
  if (perms.loading) return <Progress />;
  if (!perms.canDecide) {
    return (
      <Content>
        <Alert severity="warning">
          The handoff review queue is for infrastructure engineers and admins.
        </Alert>
      </Content>
    );
  }
  return props.children;
}

/** `/pp/orchestration/handoffs`: pending handoffs, the nearest review deadline first. */
export function HandoffQueuePage() {
  const api = useApi(ppOrchestrationApiRef);
  const navigate = useNavigate();
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/orchestration';
  const state = useAsyncRetry(
    () => api.listHandoffs({ status: 'pending', limit: 100 }),
    [api],
  );
  const rows = state.value?.items ?? [];
  return (
    <Content>
      <Box mb={2}>
        <Link to={root}>← All agent creations</Link>
      </Box>
      <Typography variant="h4" component="h1" gutterBottom>
        Handoff review queue
      </Typography>
      <Typography paragraph color="textSecondary">
        Agents whose creation team handed them off: review each checklist and
        accept or reject it within 24 hours of the submit.
      </Typography>
      <PpListState
        loading={state.loading && !state.value}
        error={
          state.error
            ? `Could not load the review queue: ${describeError(state.error)}`
            : undefined
        }
        empty={!rows.length}
        emptyTitle="No handoff waits for review"
        emptyDescription="Handoffs appear here when a creation team submits an agent's checklist."
      />
      {rows.length > 0 && (
        <PpDataTable<PpHandoff>
          label="Handoffs to review"
          rows={rows}
          rowKey={h => h.handoff_id}
          rowProps={h => ({
            'data-testid': 'handoff-row',
            hover: true,
            style: { cursor: 'pointer' },
            onClick: () => navigate(`${root}/handoffs/${h.handoff_id}`),
          })}
          columns={[
            {
              title: 'Agent',
              render: h => (
                <Link to={`${root}/handoffs/${h.handoff_id}`}>
                  {handoffAgentName(h)}
                </Link>
              ),
            },
            {
              title: 'Requested by',
              render: h => actorLabel(h.initiated_by, h.people),
            },
            {
              title: 'Submitted',
              render: h => formatDateTime(h.ola.submitted_at),
            },
            {
              title: 'Review deadline',
              render: h => (
                <>
                  {formatDateTime(h.ola.deadline)} <OlaChip ola={h.ola} />
                </>
              ),
            },
            {
              title: 'Checklist',
              render: h => (h.complete ? 'Complete' : 'Items not satisfied'),
            },
          ]}
        />
      )}
    </Content>
  );
}

/** A handoff by id from the queue's lists (there is no single-handoff read). */
async function findHandoff(
  api: PpOrchestrationApi,
  id: string,
): Promise<PpHandoff | undefined> {
  for (const status of ['pending', 'accepted', 'rejected'] as const) {
    const page = await api.listHandoffs({ status, limit: 100 });
    const found = page.items.find(h => h.handoff_id === id);
    if (found) return found;
  }
  return undefined;
}

/** `/pp/orchestration/handoffs/:handoffId`: one handoff to review, accept or reject. */
export function HandoffReviewPage(props: { handoffId?: string }) {
  const params = useParams();
  const id = props.handoffId ?? params.handoffId ?? '';
  const api = useApi(ppOrchestrationApiRef);
  const perms = useHandoffPermissions();
  const state = useAsyncRetry(() => findHandoff(api, id), [api, id]);
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/orchestration';
  const h = state.value;
  let body: JSX.Element;
  if (state.error) {
    body = (
      <Alert severity="error">
        Could not load the handoff: {describeError(state.error)}
      </Alert>
    );
  } else if (state.loading && !h) {
    body = <Progress />;
  } else if (!h) {
    body = (
      <Alert severity="warning">
        There is no such handoff. Check the link, or pick one from the review
        queue.
      </Alert>
    );
  } else {
    body = (
      <>
        <Typography variant="h4" component="h1" gutterBottom>
          Handoff of {handoffAgentName(h)}
        </Typography>
        {h.status === 'accepted' && (
          <Alert severity="success" data-testid="handoff-decided">
            {handoffAgentName(h)} is production ready.
          </Alert>
        )}
        <HandoffSummary handoff={h} />
        {h.status === 'pending' && perms.canDecide && (
          <Box mb={2}>
            <HandoffDecisionForm
              handoff={h}
              onAccept={async () => {
                await api.acceptHandoff(h.handoff_id);
                state.retry();
              }}
              onReject={async reason => {
                await api.rejectHandoff(h.handoff_id, reason);
                state.retry();
              }}
            />
          </Box>
        )}
        <HandoffItemsView handoff={h} />
      </>
    );
  }
  return (
    <Content>
      <Box mb={2}>
        <Link to={`${root}/handoffs`}>← Handoff review queue</Link>
      </Box>
      {body}
    </Content>
  );
}
