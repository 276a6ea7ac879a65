import { useState } from 'react';
import { Grid, MenuItem, TextField, Typography } from '@material-ui/core';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  PP_ALERT_TYPES,
  PpAlert,
  PpAlertSeverity,
  PpAlertStatus,
  PpAlertType,
} from '@internal/plugin-pp-common';
import { ppHealthApiRef } from '../api';
import { usePolled } from '../hooks/usePolled';
import { Loadable, SeverityChip } from './common';
import { formatTime, humanize } from '../util/format';

export function AlertsTable(props: {
  title: string;
  alerts: PpAlert[];
  paging?: boolean;
}) {
  const columns: TableColumn<PpAlert>[] = [
    {
      title: 'Severity',
      field: 'severity',
      render: a => <SeverityChip severity={a.severity} />,
    },
    {
      title: 'Status',
      field: 'status',
      // a silenced alert was recorded but nobody was told (a silence or maintenance window)
      render: a =>
        `${a.status === 'firing' ? 'Firing' : 'Resolved'}${
          a.silenced ? ' (silenced)' : ''
        }`,
    },
    { title: 'Type', field: 'alert_type', render: a => humanize(a.alert_type) },
    {
      title: 'Service',
      field: 'service_id',
      render: a =>
        a.subject ? `${a.service_id} / ${a.subject}` : a.service_id,
    },
    { title: 'Message', field: 'message' },
    {
      title: 'Started',
      field: 'started_at',
      render: a => formatTime(a.started_at),
    },
    {
      title: 'Resolved',
      field: 'resolved_at',
      render: a => formatTime(a.resolved_at),
    },
  ];
  return (
    <Table<PpAlert>
      title={props.title}
      options={{
        paging: !!props.paging && props.alerts.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={props.alerts}
      emptyContent={
        <Typography style={{ padding: 16 }} color="textSecondary">
          No alerts match.
        </Typography>
      }
    />
  );
}

/** The Alerts tab: firing and resolved alerts, filterable. */
export function AlertsPanel() {
  const api = useApi(ppHealthApiRef);
  const [status, setStatus] = useState<PpAlertStatus | ''>('');
  const [severity, setSeverity] = useState<PpAlertSeverity | ''>('');
  const [type, setType] = useState<PpAlertType | ''>('');
  const [service, setService] = useState('');
  const alerts = usePolled(
    () =>
      api.listAlerts({
        status: status || undefined,
        severity: severity || undefined,
        alert_type: type || undefined,
        service_id: service.trim() || undefined,
        limit: 200,
      }),
    [status, severity, type, service],
  );
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Grid container spacing={2}>
          <Grid item>
            <TextField
              select
              label="Status"
              variant="outlined"
              size="small"
              style={{ minWidth: 140 }}
              value={status}
              onChange={e => setStatus(e.target.value as PpAlertStatus | '')}
            >
              <MenuItem value="">All</MenuItem>
              <MenuItem value="firing">Firing</MenuItem>
              <MenuItem value="resolved">Resolved</MenuItem>
            </TextField>
          </Grid>
          <Grid item>
            <TextField
              select
              label="Severity"
              variant="outlined"
              size="small"
              style={{ minWidth: 140 }}
              value={severity}
              onChange={e =>
                setSeverity(e.target.value as PpAlertSeverity | '')
              }
            >
              <MenuItem value="">All</MenuItem>
              <MenuItem value="critical">Critical</MenuItem>
              <MenuItem value="warning">Warning</MenuItem>
            </TextField>
          </Grid>
          <Grid item>
            <TextField
              select
              label="Type"
              variant="outlined"
              size="small"
              style={{ minWidth: 180 }}
              value={type}
              onChange={e => setType(e.target.value as PpAlertType | '')}
            >
              <MenuItem value="">All</MenuItem>
              {PP_ALERT_TYPES.map(t => (
                <MenuItem key={t} value={t}>
                  {humanize(t)}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid item>
            <TextField
              label="Service id"
              variant="outlined"
              size="small"
              value={service}
              onChange={e => setService(e.target.value)}
            />
          </Grid>
        </Grid>
      </Grid>
      <Grid item xs={12}>
        <Loadable what="the alerts" {...alerts}>
          {page => (
            <AlertsTable
              title={`Alerts (${page.total_count})`}
              alerts={page.items}
              paging
            />
          )}
        </Loadable>
      </Grid>
    </Grid>
  );
}
