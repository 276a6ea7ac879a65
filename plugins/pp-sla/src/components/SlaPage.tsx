import { Content, Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { Alert } from '@material-ui/lab';
import { ppSlaReadPermission } from '@internal/plugin-pp-common';
import { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AgentCompliance } from './AgentCompliance';
import { ComplianceDashboard } from './ComplianceDashboard';
import { OlaPage } from './OlaPage';
import { BreachesPage } from './BreachesPage';
import { CreditsPage } from './CreditsPage';

export { SlaStatusChip } from './SlaStatusChip';
export { AgentCompliance } from './AgentCompliance';
export { ComplianceDashboard } from './ComplianceDashboard';

/** Only those who may read SLAs; the others read who may, in a sentence. */
export function SlaGate(props: { children: ReactNode }) {
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
    <SlaGate>
      <Routes>
        <Route path="/" element={<ComplianceDashboard />} />
        <Route path="/agents/:agentId" element={<AgentCompliance />} />
        <Route path="/ola" element={<OlaPage />} />
        <Route path="/breaches" element={<BreachesPage />} />
        <Route path="/credits" element={<CreditsPage />} />
      </Routes>
    </SlaGate>
  );
}
