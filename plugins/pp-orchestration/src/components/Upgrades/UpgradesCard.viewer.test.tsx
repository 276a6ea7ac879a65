import { screen } from '@testing-library/react';
import {
  createMockOrchestrationApi,
  makeCreation,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { makeUpgrade } from '../../__testUtils__/upgradeMocks';
import { UpgradesCard } from './UpgradesCard';

const ready = () => ({
  ...makeCreation(),
  status: 'production_ready' as const,
  allowed_moves: [],
});

describe('UpgradesCard as a viewer', () => {
  it('lets a viewer read, not start; an upgrade in progress blocks a new one', async () => {
    const api = createMockOrchestrationApi();
    api.listUpgrades.mockResolvedValue({ items: [makeUpgrade()] });
    await renderWithOrchestrationApi(
      <UpgradesCard creation={ready()} />,
      api,
      mockRolePermissionApi('viewer'),
    );
    expect(
      await screen.findByRole('table', { name: 'Upgrades' }),
    ).toHaveTextContent('Watching 10 % of traffic');
    expect(screen.queryByRole('button', { name: 'Upgrade' })).toBeNull();
  });
});
