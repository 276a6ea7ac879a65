import { ResponseError } from '@backstage/errors';
import { Content, InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  PpSlaStatus,
  describeError,
  ppSlaMaintenanceManagePermission,
} from '@internal/plugin-pp-common';
import { PpDataTable, formatDateTime } from '@internal/plugin-pp-react';
import { Fragment, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { ppSlaApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { MaintenanceDialog } from './MaintenanceDialog';
import { useAgentNames } from '../hooks/useAgentNames';
import { formatMetric, formatMinutes, targetText } from './labels';
import { SlaStatusChip } from './SlaStatusChip';
import { SlaCharts } from './SlaCharts';

const ALERT_SEVERITY: Record<PpSlaStatus, 'error' | 'warning' | 'info'> = {
  breach: 'error',
  warning: 'warning',
  compliant: 'info',
  no_data: 'info',
};

/**
 * `/pp/sla/agents/:agentId`: one agent's targets, breaches and maintenance windows. `embedded`
 * (the SLA tab of the agent's catalog page, under its SLA card): no page frame, no back link, no
 * heading of its own, and nothing for an agent without an SLA (the card above says so).
 */
export function AgentCompliance(props: {
  agentId?: string;
  embedded?: boolean;
}) {
  const params = useParams();
  const agentId = props.agentId ?? params.agentId ?? '';
  const { embedded = false } = props;
  const api = useApi(ppSlaApiRef);
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/sla';
  const [version, setVersion] = useState(0);
  const {
    loading,
    error,
    value: c,
  } = useAsync(() => api.getCompliance(agentId), [api, agentId, version]);
  const nameOf = useAgentNames([agentId]);
  const { allowed: canSchedule } = usePermission({
    permission: ppSlaMaintenanceManagePermission,
  });
  const [scheduling, setScheduling] = useState(false);
  if (embedded && ResponseError.is(error) && error.statusCode === 404) {
    return null;
  }
  const Frame = embedded ? Fragment : Content;
  return (
    <Frame>
      {!embedded && (
        <Typography variant="body2" paragraph>
          <Link to={root}>SLA compliance</Link>
        </Typography>
      )}
      <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={2}>
        <Typography
          variant={embedded ? 'h5' : 'h4'}
          component={embedded ? 'h2' : 'h1'}
        >
          {embedded ? 'The last 30 days' : nameOf(agentId)}
        </Typography>
        {c && <SlaStatusChip status={c.status} />}
        <Box flexGrow={1} />
        {c && canSchedule && (
          <Button variant="outlined" onClick={() => setScheduling(true)}>
            Schedule maintenance
          </Button>
        )}
      </Box>
      {scheduling && (
        <MaintenanceDialog
          open
          agentId={agentId}
          agentName={nameOf(agentId)}
          onClose={() => setScheduling(false)}
          onSaved={() => {
            setScheduling(false);
            setVersion(v => v + 1);
          }}
        />
      )}
      {loading && <Progress />}
      {error && <Alert severity="error">{describeError(error)}</Alert>}
      {c && (
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <Alert severity={ALERT_SEVERITY[c.status]}>
              {c.status_reason}{' '}
              {c.definition.type.charAt(0).toUpperCase() +
                c.definition.type.slice(1)}{' '}
              SLA, version {c.definition.version}, from {c.from} to {c.to}
              {c.overall_compliance_percent !== null &&
                `; ${c.overall_compliance_percent} % of days met every target`}
              .
            </Alert>
          </Grid>
          <Grid item xs={12}>
            <SlaCharts compliance={c} />
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Targets over the last 30 days">
              <PpDataTable
                label="SLA metrics"
                rows={c.metrics}
                rowKey={m => m.metric}
                columns={[
                  { title: 'Metric', render: m => m.label },
                  { title: 'Target', render: m => targetText(m) },
                  {
                    title: 'Value',
                    align: 'right',
                    render: m => formatMetric(m.unit, m.value),
                  },
                  {
                    title: 'Met',
                    render: m => {
                      if (m.met === null) return 'No data';
                      if (!m.met) return 'Missed';
                      return m.near_target ? 'Met, within 10 %' : 'Met';
                    },
                  },
                  {
                    title: 'Days met',
                    align: 'right',
                    render: m => formatMetric('percent', m.compliance_percent),
                  },
                ]}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={7}>
            <InfoCard title="Breaches">
              {c.recent_breaches.length === 0 ? (
                <Typography>No breach in the last 30 days.</Typography>
              ) : (
                <PpDataTable
                  label="Breaches"
                  rows={c.recent_breaches}
                  rowKey={b => b.id}
                  columns={[
                    { title: 'What', render: b => b.title },
                    {
                      title: 'Started',
                      render: b => formatDateTime(b.started_at),
                    },
                    {
                      title: 'Lasted',
                      render: b => formatMinutes(b.duration_minutes),
                    },
                    {
                      title: 'Severity',
                      render: b =>
                        b.severity.charAt(0).toUpperCase() +
                        b.severity.slice(1),
                    },
                    {
                      title: 'Root cause',
                      render: b => b.root_cause ?? 'Not recorded yet',
                    },
                  ]}
                />
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={5}>
            <InfoCard title="Maintenance windows">
              {c.maintenance_windows.length === 0 ? (
                <Typography>No maintenance in the last 30 days.</Typography>
              ) : (
                <PpDataTable
                  label="Maintenance windows"
                  rows={c.maintenance_windows}
                  rowKey={w => w.id}
                  columns={[
                    { title: 'From', render: w => formatDateTime(w.starts_at) },
                    { title: 'To', render: w => formatDateTime(w.ends_at) },
                    {
                      title: 'Why',
                      render: w => `${w.reason} (${w.created_by})`,
                    },
                  ]}
                />
              )}
            </InfoCard>
          </Grid>
        </Grid>
      )}
    </Frame>
  );
}
