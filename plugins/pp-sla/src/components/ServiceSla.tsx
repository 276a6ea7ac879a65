import { Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { PpSlaDefinition, describeError } from '@internal/plugin-pp-common';
import { formatDateTime } from '@internal/plugin-pp-react';
import useAsync from 'react-use/esm/useAsync';
import { PpSlaApi, ppSlaApiRef } from '../api';
import { useAgentNames } from '../hooks/useAgentNames';
import { rootRouteRef } from '../routes';
import { OpenBreachClocks } from './OpenBreachClocks';

const PAGE = 200;
const WINDOWS_SHOWN = 5;

/**
 * The SLA versions in force whose health comes from `serviceId`. The backend lists definitions by
 * agent, not by service: every page is read (one request per 200 agents with an SLA).
 */
export async function definitionsOfService(
  api: PpSlaApi,
  serviceId: string,
): Promise<PpSlaDefinition[]> {
  const found: PpSlaDefinition[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.listDefinitions({ limit: PAGE, offset });
    found.push(...page.items.filter(d => d.service_id === serviceId));
    if (page.items.length === 0 || offset + PAGE >= page.total_count) break;
  }
  return found;
}

/**
 * The SLA card of a monitored service: an SLA is defined per AI agent, not per service, so it names
 * the agents whose SLA counts this service's health (with any breach of theirs still running, live)
 * and the service's own maintenance windows, which are left out of those agents' compliance.
 */
export function ServiceSla(props: { serviceId: string; name: string }) {
  const { serviceId, name } = props;
  const api = useApi(ppSlaApiRef);
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/sla';
  const state = useAsync(async () => {
    const [definitions, windows, open] = await Promise.all([
      definitionsOfService(api, serviceId),
      api.listMaintenance({ service_id: serviceId, limit: WINDOWS_SHOWN }),
      api.listBreaches({ kind: 'sla', open: true, limit: 200 }),
    ]);
    const agents = new Set(definitions.map(d => d.agent_id));
    return {
      definitions,
      windows,
      running: open.items.filter(b => b.agent_id && agents.has(b.agent_id)),
    };
  }, [api, serviceId]);
  const nameOf = useAgentNames(
    state.value?.definitions.map(d => d.agent_id) ?? [],
  );
  if (state.loading) return <Progress />;
  if (state.error) {
    return (
      <Alert severity="error">
        Could not load the SLAs of {name}: {describeError(state.error)}
      </Alert>
    );
  }
  const { definitions, windows, running } = state.value!;
  return (
    <>
      {definitions.length === 0 ? (
        <Typography variant="body2" paragraph>
          SLAs are defined per AI agent, and no agent’s SLA counts the health of{' '}
          {name} yet.
        </Typography>
      ) : (
        <>
          <Typography variant="body2">
            SLAs are defined per AI agent. The health of {name} counts for the
            SLA of:
          </Typography>
          <ul style={{ marginTop: 4 }}>
            {definitions.map(d => (
              <li key={d.agent_id}>
                <Link to={`${root}/agents/${encodeURIComponent(d.agent_id)}`}>
                  {nameOf(d.agent_id)}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <OpenBreachClocks breaches={running} agentName={nameOf} />
      <Typography variant="overline" component="h3">
        Maintenance windows of {name}
      </Typography>
      {windows.items.length === 0 ? (
        <Typography variant="body2">No maintenance scheduled.</Typography>
      ) : (
        <>
          <ul style={{ marginTop: 0 }}>
            {windows.items.map(w => (
              <li key={w.id}>
                <Typography variant="body2">
                  {formatDateTime(w.starts_at)} to {formatDateTime(w.ends_at)}:{' '}
                  {w.reason} ({w.created_by})
                </Typography>
              </li>
            ))}
          </ul>
          {windows.total_count > windows.items.length && (
            <Typography variant="caption" color="textSecondary">
              The {windows.items.length} latest of {windows.total_count}.
            </Typography>
          )}
        </>
      )}
    </>
  );
}
