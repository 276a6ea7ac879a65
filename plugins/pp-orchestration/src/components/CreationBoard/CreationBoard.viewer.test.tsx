import { screen } from '@testing-library/react';
import {
  createMockOrchestrationApi,
  makeSummary,
  mockRolePermissionApi,
  pageOf,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { CreationBoard } from './CreationBoard';

// A viewer: reads the board, never creates (one role per file).
const permissions = mockRolePermissionApi('viewer');

describe('CreationBoard (viewer)', () => {
  it('shows the board but no Create agent button', async () => {
    const api = createMockOrchestrationApi();
    api.listCreations.mockResolvedValue(
      pageOf([makeSummary({ agent_id: 'a', agent_name: 'Maths Tutor' })]),
    );
    await renderWithOrchestrationApi(<CreationBoard />, api, permissions);
    expect(await screen.findByText('Maths Tutor')).toBeInTheDocument();
    // the permission answers came back (DENY for create) before looking for the button
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(permissions[1].authorize).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Create agent' })).toBeNull();
  });
});
