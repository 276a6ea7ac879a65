import {
  Card,
  CardContent,
  CardHeader,
  Grid,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { PpQueueMetric, PpQueueSystemStatus } from '@internal/plugin-pp-common';
import { ppHealthApiRef } from '../api';
import { usePolled } from '../hooks/usePolled';
import { Loadable } from './common';
import { formatTime } from '../util/format';

const SYSTEM_TITLES: Record<string, string> = {
  temporal: 'Temporal',
  celery: 'Celery',
  rabbitmq: 'RabbitMQ',
};

function QueueSystemCard(props: { system: PpQueueSystemStatus }) {
  const s = props.system;
  const title = SYSTEM_TITLES[s.system] ?? s.system;
  const columns: TableColumn<PpQueueMetric>[] = [
    { title: 'Queue', field: 'name', highlight: true },
    { title: 'Depth', field: 'depth', type: 'numeric' },
  ];
  if (s.system === 'rabbitmq') {
    columns.push({
      title: 'Consumers',
      field: 'consumers',
      type: 'numeric',
      render: q => q.consumers ?? '—',
    });
  }
  if (s.system === 'temporal') {
    columns.push(
      {
        title: 'Pending',
        field: 'pending',
        type: 'numeric',
        render: q => q.pending ?? '—',
      },
      {
        title: 'Running',
        field: 'running',
        type: 'numeric',
        render: q => q.running ?? '—',
      },
    );
  }
  return (
    <Card data-testid={`queue-system-${s.system}`}>
      <CardHeader
        title={title}
        subheader={
          s.status === 'not_configured'
            ? 'Not configured'
            : `Collected ${formatTime(s.collected_at)}`
        }
      />
      <CardContent>
        {s.status === 'not_configured' && (
          // the backend's message names the config key, which is for operators, not readers
          <Alert severity="info">
            {title} is not configured. Its queues appear here once an
            administrator connects the portal to it.
          </Alert>
        )}
        {s.status === 'error' && (
          <Alert severity="error" style={{ marginBottom: 8 }}>
            {s.message ?? `Reading ${title} failed.`}
          </Alert>
        )}
        {s.status !== 'not_configured' &&
          (s.queues.length === 0 ? (
            <Typography color="textSecondary">No queues.</Typography>
          ) : (
            <Table<PpQueueMetric>
              options={{
                paging: false,
                search: false,
                toolbar: false,
                padding: 'dense',
              }}
              columns={columns}
              data={s.queues}
            />
          ))}
      </CardContent>
    </Card>
  );
}

/** The Queues tab: one card per queue system. */
export function QueuesPanel() {
  const api = useApi(ppHealthApiRef);
  const queues = usePolled(() => api.getQueues(), []);
  return (
    <Loadable what="the queues" {...queues}>
      {q =>
        q.systems.length === 0 ? (
          <Typography color="textSecondary">No queue systems.</Typography>
        ) : (
          <Grid container spacing={2}>
            {q.systems.map(s => (
              <Grid item xs={12} lg={4} key={s.system}>
                <QueueSystemCard system={s} />
              </Grid>
            ))}
          </Grid>
        )
      }
    </Loadable>
  );
}
