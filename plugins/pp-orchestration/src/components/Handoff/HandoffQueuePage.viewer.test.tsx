import { screen } from '@testing-library/react';
import {
  createMockOrchestrationApi,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { HandoffGate, HandoffQueuePage } from './HandoffQueuePage';

describe('the handoff review queue, as a viewer', () => {
  it('is closed: no queue read', async () => {
    const api = createMockOrchestrationApi();
    await renderWithOrchestrationApi(
      <HandoffGate>
        <HandoffQueuePage />
      </HandoffGate>,
      api,
      mockRolePermissionApi('viewer'),
    );
    expect(
      await screen.findByText(
        'The handoff review queue is for infrastructure engineers and admins.',
      ),
    ).toBeInTheDocument();
    expect(api.listHandoffs).not.toHaveBeenCalled();
  });
});
