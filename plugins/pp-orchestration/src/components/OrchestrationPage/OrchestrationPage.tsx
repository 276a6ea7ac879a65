import { Content } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { OrchestrationGate } from '../common/CreationBits';
import { CreationBoard } from '../CreationBoard';
import { CreationDetailPage } from '../CreationDetail';
import { HandoffGate, HandoffQueuePage, HandoffReviewPage } from '../Handoff';
import { UpgradePage } from '../Upgrades';

/**
 * `/pp/orchestration`: the creations board, `/pp/orchestration/:agentId`: one creation, and
 * `/pp/orchestration/handoffs[/:handoffId]`: the handoff review queue (infrastructure, admins), and
 * `/pp/orchestration/upgrades/:upgradeId`: one agent upgrade.
 */
export function OrchestrationPage() {
  return (
    <Routes>
      <Route
        path="/handoffs"
        element={
          <HandoffGate>
            <HandoffQueuePage />
          </HandoffGate>
        }
      />
      <Route
        path="/handoffs/:handoffId"
        element={
          <HandoffGate>
            <HandoffReviewPage />
          </HandoffGate>
        }
      />
      <Route path="/upgrades/:upgradeId" element={<UpgradePage />} />
      <Route path="/*" element={<CreationPages />} />
    </Routes>
  );
}

function CreationPages() {
  return (
    <OrchestrationGate>
      <Routes>
        <Route
          path="/"
          element={
            <Content>
              <CreationBoard />
            </Content>
          }
        />
        <Route path="/:agentId" element={<CreationDetailPage />} />
      </Routes>
    </OrchestrationGate>
  );
}
