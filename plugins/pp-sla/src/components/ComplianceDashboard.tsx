import { Content, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  describeError,
  ppSlaCreatePermission,
} from '@internal/plugin-pp-common';
import { PpDataTable, formatDateTime } from '@internal/plugin-pp-react';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { ppSlaApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { DefineSlaDialog } from './DefineSlaDialog';
import { useAgentNames } from '../hooks/useAgentNames';
import { formatMetric } from './labels';
import { SlaStatusChip } from './SlaStatusChip';

/** `/pp/sla`: every agent with an SLA, breaches first; "Define an SLA" for those who may. */
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
