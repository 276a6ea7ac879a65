import { Content } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Button } from '@material-ui/core';
import { ppSlaCreatePermission } from '@internal/plugin-pp-common';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { rootRouteRef } from '../routes';
import { ComplianceList } from './ComplianceList';
import { DefineSlaDialog } from './DefineSlaDialog';
import { SlaIntro, SlaSections } from './SlaSections';

/** `/pp/sla`: every agent with an SLA, breaches first; "Define an SLA" for those who may. */
export function ComplianceDashboard() {
  const root = useRouteRef(rootRouteRef)?.() ?? '/pp/sla';
  const { allowed: canDefine } = usePermission({
    permission: ppSlaCreatePermission,
  });
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
      <SlaSections current="compliance" />
      <SlaIntro
        action={
          canDefine && (
            <Button
              variant="contained"
              color="primary"
              onClick={() => setDefining(true)}
            >
              Define an SLA
            </Button>
          )
        }
      >
        Every agent with an SLA over the last 30 days, breaches first. A warning
        means a metric is within 10 % of its target.
      </SlaIntro>
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
      <ComplianceList />
    </Content>
  );
}
