import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { List, ListItem, ListItemText } from '@material-ui/core';
import { PpQueueSystemStatus } from '@internal/plugin-pp-common';
import { ppHealthApiRef } from '../../api';
import { usePolled } from '../../hooks/usePolled';
import { queuesRouteRef } from '../../routes';
import { Loadable } from '../common';

const SYSTEM_NAMES: Record<string, string> = {
  temporal: 'Temporal workflows',
  celery: 'Celery tasks',
  rabbitmq: 'RabbitMQ messages',
};

function describe(system: PpQueueSystemStatus): string {
  if (system.status === 'not_configured') return 'Not connected to the portal';
  if (system.status === 'error')
    return 'Could not be read at the last collection';
  const waiting = system.queues.reduce(
    (sum, q) => sum + Number(q.pending ?? q.depth ?? 0),
    0,
  );
  return `${waiting} waiting in ${system.queues.length} ${
    system.queues.length === 1 ? 'queue' : 'queues'
  }`;
}

/** Home card: the backlog of each queue system. */
export const QueueBacklogCard = () => {
  const api = useApi(ppHealthApiRef);
  const queues = useRouteRef(queuesRouteRef)?.() ?? '/pp/health/queues';
  const state = usePolled(() => api.getQueues(), [api]);
  return (
    <Loadable what="the queues" {...state}>
      {q => (
        <>
          <List dense disablePadding>
            {q.systems.map(s => (
              <ListItem key={s.system} disableGutters>
                <ListItemText
                  primary={SYSTEM_NAMES[s.system] ?? s.system}
                  secondary={describe(s)}
                />
              </ListItem>
            ))}
          </List>
          <Link to={queues}>Open the queues</Link>
        </>
      )}
    </Loadable>
  );
};
