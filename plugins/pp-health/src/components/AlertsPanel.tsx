import { useState } from 'react';
import { Grid, MenuItem, TextField, Typography } from '@material-ui/core';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  PP_ALERT_TYPES,
  PpAlert,
  PpAlertSeverity,
  PpAlertStatus,
  PpAlertType,
  ppHealthAlertsAcknowledgePermission,
} from '@internal/plugin-pp-common';
import { queuesRouteRef, servicesRouteRef } from '../routes';
import { AcknowledgeButton } from './AcknowledgeButton';
import { ppHealthApiRef } from '../api';
import { usePolled } from '../hooks/usePolled';
import { Loadable, SeverityChip } from './common';
import { formatTime, humanize } from '../util/format';

/** Where an alert's subject lives: a service's detail page, or the queues tab for a queue system. */
function useAlertHref() {
  const services = useRouteRef(servicesRouteRef);
  const queues = useRouteRef(queuesRouteRef);
  return (a: PpAlert) => {
    if (a.alert_type === 'queue_backlog') return queues?.();
    const base = services?.();
    return base
      ? `${base.replace(/\/$/, '')}/${encodeURIComponent(a.service_id)}`
      : undefined;
  };
}

/**
 * Alerts with their service (a link to its detail page), who acknowledged them, and for people
 * who may, an Acknowledge button on firing alerts nobody has taken yet.
 */
export function AlertsTable(props: {
  title: string;
  alerts: PpAlert[];
  paging?: boolean;
  /** service id → the service's name (title), where the page knows it. */
  serviceNames?: ReadonlyMap<string, string>;
  /** Called after an alert was acknowledged here (e.g. to reload the page's figures). */
  onChanged?: () => void;
}) {
  const href = useAlertHref();
  const { allowed: canAcknowledge } = usePermission({
    permission: ppHealthAlertsAcknowledgePermission,
  });
  // an acknowledgement shows at once, before the next poll brings it
  const [acknowledged, setAcknowledged] = useState<Record<string, PpAlert>>({});
  const alerts = props.alerts.map(a => {
    const mine = acknowledged[a.id];
    return mine && !a.acknowledgement ? { ...a, ...mine } : a;
  });
  const name = (a: PpAlert) =>
    props.serviceNames?.get(a.service_id) ?? a.service_id;
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
      render: a => (
        <>
          {`${a.status === 'firing' ? 'Firing' : 'Resolved'}${
            a.silenced ? ' (silenced)' : ''
          }`}
          {a.acknowledgement && (
            <Typography
              variant="caption"
              component="div"
              color="textSecondary"
              data-testid={`acknowledged-${a.id}`}
            >
              Acknowledged by {a.acknowledgement.by.name},{' '}
              {formatTime(a.acknowledgement.at)}
              {a.acknowledgement.note ? `: ${a.acknowledgement.note}` : ''}
            </Typography>
          )}
        </>
      ),
    },
    { title: 'Type', field: 'alert_type', render: a => humanize(a.alert_type) },
    {
      title: 'Service',
      field: 'service_id',
      render: a => {
        const label = a.subject ? `${name(a)} / ${a.subject}` : name(a);
        const to = href(a);
        return to ? <Link to={to}>{label}</Link> : label;
      },
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
  if (canAcknowledge && alerts.some(a => a.status === 'firing')) {
    columns.push({
      title: '',
      field: 'id',
      sorting: false,
      render: a =>
        a.status === 'firing' && !a.acknowledgement ? (
          <AcknowledgeButton
            alert={a}
            serviceName={name(a)}
            onAcknowledged={done => {
              setAcknowledged(prev => ({ ...prev, [done.id]: done }));
              props.onChanged?.();
            }}
          />
        ) : null,
    });
  }
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
      data={alerts}
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
  const services = usePolled(() => api.listMicroservices(), []);
  const serviceNames = new Map(
    (services.value?.items ?? []).map(s => [s.service_id, s.title]),
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
              serviceNames={serviceNames}
              onChanged={alerts.retry}
            />
          )}
        </Loadable>
      </Grid>
    </Grid>
  );
}
