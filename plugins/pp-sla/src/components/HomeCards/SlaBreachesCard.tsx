import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { PpHomeListCard } from '@internal/plugin-pp-react';
import useAsync from 'react-use/esm/useAsync';
import { ppSlaApiRef } from '../../api';
import { useAgentNames } from '../../hooks/useAgentNames';
import { rootRouteRef } from '../../routes';
import { formatMetric } from '../labels';

/** Home card: the agents in breach of their SLA (30-day window), the worst compliance first. */
export function SlaBreachesCard() {
  const api = useApi(ppSlaApiRef);
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/sla';
  const state = useAsync(
    () =>
      api.listCompliance({
        status: 'breach',
        // the worst 30-day compliance first
        sort: 'overall_compliance_percent',
        order: 'asc',
        limit: 5,
      }),
    [api],
  );
  const items = state.value?.items ?? [];
  const total = state.value?.total_count ?? 0;
  const nameOf = useAgentNames(items.map(a => a.agent_id));
  return (
    <PpHomeListCard
      state={state}
      what="the SLA compliance"
      label="Agents in breach"
      summary={
        total === 1
          ? 'One agent missed an SLA target in the last 30 days.'
          : `${total} agents missed an SLA target in the last 30 days.`
      }
      rows={items.map(a => ({
        key: a.agent_id,
        primary: (
          <Link to={`${root}/agents/${encodeURIComponent(a.agent_id)}`}>
            {nameOf(a.agent_id)}
          </Link>
        ),
        secondary: `${
          a.open_breaches === 1
            ? 'One open breach'
            : `${a.open_breaches || 'No'} open breaches`
        } · uptime ${formatMetric('percent', a.uptime_percent)}`,
      }))}
      empty="No agent is in breach of its SLA."
      more={{ title: 'Open the SLA compliance', to: root }}
    />
  );
}
