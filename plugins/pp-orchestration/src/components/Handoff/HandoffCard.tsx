import { useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Divider, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  PpAgentCreation,
  PpHandoff,
  describeError,
} from '@internal/plugin-pp-common';
import { formatDateTime } from '@internal/plugin-pp-react';
import { PpOrchestrationApi, ppOrchestrationApiRef } from '../../api';
import { actorLabel, dueLabel } from '../../util/labels';
import {
  HandoffChecklistForm,
  HandoffDecisionForm,
  HandoffItemsView,
  HandoffSummary,
  useHandoffPermissions,
} from './HandoffParts';

/** The review OLA: 24 h from the submit (the backend's `handoff.ts`). */
const OLA_MS = 24 * 3_600_000;

const HANDOFF_STATES = [
  'handoff_pending',
  'handoff_rejected',
  'production_ready',
];

/** The agent's latest handoff from the review queue (only reviewers may read it). */
export async function findLatestHandoff(
  api: PpOrchestrationApi,
  agentId: string,
  status: PpAgentCreation['status'],
): Promise<PpHandoff | undefined> {
  const lists: Partial<
    Record<PpAgentCreation['status'], 'accepted' | 'rejected'>
  > = { production_ready: 'accepted', handoff_rejected: 'rejected' };
  const list = lists[status] ?? 'pending';
  const page = await api.listHandoffs({ status: list, limit: 100 });
  return page.items
    .filter(h => h.agent_id === agentId)
    .sort((a, b) => b.ola.submitted_at.localeCompare(a.ola.submitted_at))[0];
}

/** The handoff in words from the creation's history, for those who cannot read the queue. */
function HistorySummary(props: { creation: PpAgentCreation }) {
  const c = props.creation;
  const last = (event: string) =>
    [...c.history].reverse().find(e => e.event === event);
  const submit = last('submit_handoff');
  if (c.status === 'handoff_pending' && submit) {
    const deadline = new Date(new Date(submit.at).getTime() + OLA_MS);
    return (
      <Typography data-testid="handoff-state">
        Waiting for the service team's review, submitted{' '}
        {formatDateTime(submit.at)} by {actorLabel(submit.actor, c.people)}.
        They have until {formatDateTime(deadline.toISOString())} (
        {dueLabel(deadline.toISOString())}).
      </Typography>
    );
  }
  const decisionEvent: Partial<Record<PpAgentCreation['status'], string>> = {
    production_ready: 'accept_handoff',
    handoff_rejected: 'reject_handoff',
  };
  const event = decisionEvent[c.status];
  const decision = event ? last(event) : undefined;
  if (decision) {
    return (
      <Typography data-testid="handoff-state">
        {decision.event === 'accept_handoff'
          ? 'The service team accepted the handoff: the agent is production ready'
          : 'The service team rejected the handoff'}{' '}
        ({actorLabel(decision.actor, c.people)}, {formatDateTime(decision.at)})
        {decision.reason ? `. Why: ${decision.reason}` : '.'}
      </Typography>
    );
  }
  return null;
}

/** The creation page's "Handoff" card: submit the checklist, follow it, decide it. */
export function HandoffCard(props: {
  creation: PpAgentCreation;
  onChanged: () => void;
}) {
  const c = props.creation;
  const api = useApi(ppOrchestrationApiRef);
  const perms = useHandoffPermissions();
  const [submitted, setSubmitted] = useState<PpHandoff>();
  const inHandoff = HANDOFF_STATES.includes(c.status);
  const queue = useAsyncRetry(
    async () =>
      perms.canDecide && inHandoff
        ? findLatestHandoff(api, c.agent_id, c.status)
        : undefined,
    [api, c.agent_id, c.status, perms.canDecide, inHandoff],
  );
  const mayOpen = c.status === 'ci_passed' || c.status === 'handoff_rejected';
  // what this person just did, while it is still the creation's state; else the queue's
  const fresh =
    submitted &&
    (submitted.status !== 'pending' || c.status === 'handoff_pending');
  const handoff = (fresh ? submitted : undefined) ?? queue.value;

  let body: JSX.Element;
  if (perms.loading || queue.loading) {
    body = <Progress />;
  } else if (!inHandoff && !mayOpen) {
    body = (
      <Typography data-testid="handoff-not-yet">
        The handoff to the service team comes once all five CI/CD stages have
        passed.
      </Typography>
    );
  } else {
    body = (
      <>
        {queue.error && (
          <Alert severity="error">
            Could not load the handoff: {describeError(queue.error)}
          </Alert>
        )}
        {handoff ? (
          <>
            <HandoffSummary handoff={handoff} people={c.people} />
            {handoff.status === 'pending' && perms.canDecide && (
              <Box mb={2}>
                <HandoffDecisionForm
                  handoff={handoff}
                  onAccept={async () => {
                    setSubmitted(await api.acceptHandoff(handoff.handoff_id));
                    props.onChanged();
                  }}
                  onReject={async reason => {
                    setSubmitted(
                      await api.rejectHandoff(handoff.handoff_id, reason),
                    );
                    props.onChanged();
                  }}
                />
              </Box>
            )}
            <HandoffItemsView handoff={handoff} />
          </>
        ) : (
          <HistorySummary creation={c} />
        )}
        {mayOpen && perms.canSubmit && (
          <>
            {handoff && (
              <Box my={2}>
                <Divider />
              </Box>
            )}
            {c.status === 'handoff_rejected' && (
              <Typography paragraph>
                Fix what the service team asked for, then submit again: a new
                24-hour review starts.
              </Typography>
            )}
            <HandoffChecklistForm
              onSubmit={async items => {
                const h = await api.submitHandoff({
                  agent_id: c.agent_id,
                  items,
                });
                setSubmitted(h);
                props.onChanged();
              }}
            />
          </>
        )}
        {mayOpen && !perms.canSubmit && c.status === 'ci_passed' && (
          <Typography data-testid="handoff-not-yet">
            The CI/CD pipeline passed: the creation team submits the handoff
            checklist next.
          </Typography>
        )}
      </>
    );
  }
  return <InfoCard title="Handoff to the service team">{body}</InfoCard>;
}
