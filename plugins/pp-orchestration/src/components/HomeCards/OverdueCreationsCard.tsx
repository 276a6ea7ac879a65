import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { PpAgentCreationSummary } from '@internal/plugin-pp-common';
import { PpHomeListCard } from '@internal/plugin-pp-react';
import useAsync from 'react-use/esm/useAsync';
import { ppOrchestrationApiRef } from '../../api';
import { creationRouteRef, rootRouteRef } from '../../routes';
import { formatDuration, statusLabel } from '../../util/labels';

/** How far the creation's current step is over its budget (ms). */
const overBy = (c: PpAgentCreationSummary) =>
  c.current_step ? c.current_step.elapsed_ms - c.current_step.budget_ms : 0;

/** Home card: agent creations whose current step is over its budget, the longest overdue first. */
export function OverdueCreationsCard() {
  const api = useApi(ppOrchestrationApiRef);
  const board = useRouteRef(rootRouteRef)?.() ?? '/pp/orchestration';
  const creationLink = useRouteRef(creationRouteRef);
  const state = useAsync(
    () => api.listCreations({ overdue: true, limit: 5 }),
    [api],
  );
  const items = [...(state.value?.items ?? [])].sort(
    (a, b) => overBy(b) - overBy(a),
  );
  return (
    <PpHomeListCard
      state={state}
      what="the agent creations"
      label="Overdue creations"
      rows={items.map(c => ({
        key: c.agent_id,
        primary: (
          <Link
            to={
              creationLink?.({ agentId: c.agent_id }) ??
              `${board}/${encodeURIComponent(c.agent_id)}`
            }
          >
            {c.agent_name}
          </Link>
        ),
        secondary: c.current_step
          ? `${c.current_step.title}: ${formatDuration(
              c.current_step.elapsed_ms,
            )} of a ${formatDuration(
              c.current_step.budget_ms,
            )} budget · ${statusLabel(c.status)}`
          : statusLabel(c.status),
      }))}
      empty="No agent creation is over its time budget."
      more={{ title: 'Open the creations board', to: `${board}?overdue=true` }}
    />
  );
}
