import { Content } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { OrchestrationGate } from '../common/CreationBits';
import { CreationBoard } from '../CreationBoard';
import { CreationDetailPage } from '../CreationDetail';

/** `/pp/orchestration`: the creations board, and `/pp/orchestration/:agentId`: one creation. */
export function OrchestrationPage() {
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
