import { Content, InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, Chip, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  PpSlaStatus,
  describeError,
  ppSlaCreatePermission,
  ppSlaMaintenanceManagePermission,
  ppSlaReadPermission,
} from '@internal/plugin-pp-common';
import { PpDataTable, formatDateTime } from '@internal/plugin-pp-react';
import { ReactNode, useState } from 'react';
import {
  Route,
  Routes,
  useNavigate,
  useParams,
  useSearchParams,
} from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { ppSlaApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { DefineSlaDialog } from './DefineSlaDialog';
import { MaintenanceDialog } from './MaintenanceDialog';
import { useAgentNames } from '../hooks/useAgentNames';
import {
  STATUS_LABELS,
  formatMetric,
  formatMinutes,
  targetText,
} from './labels';

const STATUS_COLORS: Record<PpSlaStatus, 'primary' | 'secondary' | 'default'> =
  {
    compliant: 'primary',
    warning: 'default',
    breach: 'secondary',
    no_data: 'default',
  };

const ALERT_SEVERITY: Record<PpSlaStatus, 'error' | 'warning' | 'info'> = {
  breach: 'error',
  warning: 'warning',
  compliant: 'info',
  no_data: 'info',
};

export function SlaStatusChip(props: { status: PpSlaStatus }) {
  return (
    <Chip
      size="small"
      label={STATUS_LABELS[props.status]}
      color={STATUS_COLORS[props.status]}
      variant={props.status === 'warning' ? 'outlined' : 'default'}
    />
  );
}

function Gate(props: { children: ReactNode }) {
  const { loading, allowed } = usePermission({
    permission: ppSlaReadPermission,
  });
  if (loading) return <Progress />;
  if (!allowed) {
    return (
      <Content>
        <Alert severity="warning">
          SLA compliance is open to agent orchestrators, infrastructure
          engineers, admins and viewers. Ask an admin for one of these roles.
        </Alert>
      </Content>
    );
  }
  return <>{props.children}</>;
}

/** `/pp/sla`: the dashboard; `/pp/sla/agents/:agentId`: one agent. */
export function SlaPage() {
  return (
    <Gate>
      <Routes>
        <Route path="/" element={<ComplianceDashboard />} />
        <Route path="/agents/:agentId" element={<AgentCompliance />} />
      </Routes>
    </Gate>
  );
}

export function ComplianceDashboard() {
  const api = useApi(ppSlaApiRef);
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/sla';
  const { loading, error, value } = useAsync(
    () => api.listCompliance({ sort: 'status', limit: 200 }),
    [api],
  );
  const { allowed: canDefine } = usePermission({
    permission: ppSlaCreatePermission,
  });
  const nameOf = useAgentNames(value?.items.map(a => a.agent_id) ?? []);
  // `?define=<agent id>` (the handoff checklist's link) opens the dialog for that agent
  const [params, setParams] = useSearchParams();
  const defineFor = params.get('define');
  const [defining, setDefining] = useState(false);
  const navigate = useNavigate();
  const closeDialog = () => {
    setDefining(false);
    if (defineFor !== null) setParams({}, { replace: true });
  };
  return (
    <Content>
      <Box display="flex" alignItems="flex-start" style={{ gap: 16 }}>
        <Box flexGrow={1}>
          <Typography variant="body2" color="textSecondary" paragraph>
            Every agent with an SLA over the last 30 days, breaches first. A
            warning means a metric is within 10 % of its target.
          </Typography>
        </Box>
        {canDefine && (
          <Button
            variant="contained"
            color="primary"
            onClick={() => setDefining(true)}
          >
            Define an SLA
          </Button>
        )}
      </Box>
      {canDefine && (defining || defineFor !== null) && (
        <DefineSlaDialog
          open
          agentId={defineFor ?? undefined}
          onClose={closeDialog}
          onSaved={d =>
            navigate(`${root}/agents/${encodeURIComponent(d.agent_id)}`)
          }
        />
      )}
      {loading && <Progress />}
      {error && <Alert severity="error">{describeError(error)}</Alert>}
      {value && value.items.length === 0 && (
        <Alert severity="info">No agent has an SLA yet.</Alert>
      )}
      {value && value.items.length > 0 && (
        <PpDataTable
          label="Agents and their SLA compliance"
          rows={value.items}
          rowKey={r => r.agent_id}
          columns={[
            {
              title: 'Agent',
              render: r => (
                <Link to={`${root}/agents/${encodeURIComponent(r.agent_id)}`}>
                  {nameOf(r.agent_id)}
                </Link>
              ),
            },
            {
              title: 'Status',
              render: r => <SlaStatusChip status={r.status} />,
            },
            {
              title: 'SLA',
              render: r => r.type.charAt(0).toUpperCase() + r.type.slice(1),
            },
            {
              title: 'Uptime (30 days)',
              align: 'right',
              render: r => formatMetric('percent', r.uptime_percent),
            },
            {
              title: 'Compliant days',
              align: 'right',
              render: r =>
                formatMetric('percent', r.overall_compliance_percent),
            },
            {
              title: 'Open breaches',
              align: 'right',
              render: r => String(r.open_breaches),
            },
            {
              title: 'Computed',
              render: r =>
                r.computed_at ? formatDateTime(r.computed_at) : 'Not yet',
            },
          ]}
        />
      )}
    </Content>
  );
}

export function AgentCompliance() {
  const { agentId = '' } = useParams();
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
  return (
    <Content>
      <Typography variant="body2" paragraph>
        <Link to={root}>SLA compliance</Link>
      </Typography>
      <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={2}>
        <Typography variant="h4" component="h1">
          {nameOf(agentId)}
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
    </Content>
  );
}
