import { Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { describeError } from '@internal/plugin-pp-common';
import useAsync from 'react-use/esm/useAsync';
import { ppOrchestrationApiRef } from '../../api';
import { creationRouteRef, rootRouteRef } from '../../routes';
import { formatDuration, statusLabel } from '../../util/labels';

/** Home card: agent creations whose current step is over its budget, the longest overdue first. */
export function OverdueCreationsCard() {
  const api = useApi(ppOrchestrationApiRef);
  const board = useRouteRef(rootRouteRef)?.() ?? '/pp/orchestration';
  const creationLink = useRouteRef(creationRouteRef);
  const state = useAsync(
    () => api.listCreations({ overdue: true, limit: 5 }),
    [api],
  );
  if (state.loading) return <Progress />;
  if (state.error) {
    return (
      <Alert severity="error">
        Could not load the agent creations: {describeError(state.error)}
      </Alert>
    );
  }
  const page = state.value!;
  const items = [...page.items].sort(
    (a, b) =>
      (b.current_step
        ? b.current_step.elapsed_ms - b.current_step.budget_ms
        : 0) -
      (a.current_step
        ? a.current_step.elapsed_ms - a.current_step.budget_ms
        : 0),
  );
  return (
    <>
      {items.length ? (
        <List dense disablePadding aria-label="Overdue creations">
          {items.map(c => (
            <ListItem key={c.agent_id} disableGutters>
              <ListItemText
                primary={
                  <Link
                    to={
                      creationLink?.({ agentId: c.agent_id }) ??
                      `${board}/${encodeURIComponent(c.agent_id)}`
                    }
                  >
                    {c.agent_name}
                  </Link>
                }
                secondary={
                  c.current_step
                    ? `${c.current_step.title}: ${formatDuration(
                        c.current_step.elapsed_ms,
                      )} of a ${formatDuration(
                        c.current_step.budget_ms,
                      )} budget · ${statusLabel(c.status)}`
                    : statusLabel(c.status)
                }
              />
            </ListItem>
          ))}
        </List>
      ) : (
        <Typography variant="body2">
          No agent creation is over its time budget.
        </Typography>
      )}
      <Link to={`${board}?overdue=true`}>Open the creations board</Link>
    </>
  );
}
