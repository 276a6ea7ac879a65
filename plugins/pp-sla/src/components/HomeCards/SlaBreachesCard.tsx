import { Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { describeError } from '@internal/plugin-pp-common';
import useAsync from 'react-use/esm/useAsync';
import { ppSlaApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { useAgentNames } from '../../hooks/useAgentNames';
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
  const nameOf = useAgentNames(state.value?.items.map(a => a.agent_id) ?? []);
  if (state.loading) return <Progress />;
  if (state.error) {
    return (
      <Alert severity="error">
        Could not load the SLA compliance: {describeError(state.error)}
      </Alert>
    );
  }
  const page = state.value!;
  return (
    <>
      {page.items.length ? (
        <>
          <Typography variant="body2">
            {page.total_count === 1
              ? 'One agent missed an SLA target in the last 30 days.'
              : `${page.total_count} agents missed an SLA target in the last 30 days.`}
          </Typography>
          <List dense disablePadding aria-label="Agents in breach">
            {page.items.map(a => (
              <ListItem key={a.agent_id} disableGutters>
                <ListItemText
                  primary={
                    <Link
                      to={`${root}/agents/${encodeURIComponent(a.agent_id)}`}
                    >
                      {nameOf(a.agent_id)}
                    </Link>
                  }
                  secondary={`${
                    a.open_breaches === 1
                      ? 'One open breach'
                      : `${a.open_breaches || 'No'} open breaches`
                  } · uptime ${formatMetric('percent', a.uptime_percent)}`}
                />
              </ListItem>
            ))}
          </List>
        </>
      ) : (
        <Typography variant="body2">
          No agent is in breach of its SLA.
        </Typography>
      )}
      <Link to={root}>Open the SLA compliance</Link>
    </>
  );
}
