import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createMockOrchestrationApi,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { makeUpgrade } from '../../__testUtils__/upgradeMocks';
import { UpgradePage } from './UpgradePage';

describe('UpgradePage as an infrastructure engineer', () => {
  it('shows a rollback with its reason and the failed gate', async () => {
    const api = createMockOrchestrationApi();
    const reason = 'Analysis gates failed: Error rate 9 % is above 5 %';
    api.getUpgrade.mockResolvedValue(
      makeUpgrade({
        status: 'rolled_back',
        active: false,
        traffic: { blue_percent: 100, green_percent: 0 },
        next: null,
        rollback_reason: reason,
        completed_at: '2026-12-21T10:20:00.000Z',
        gates: makeUpgrade().gates.map(g =>
          g.metric === 'error_rate'
            ? {
                ...g,
                value: 0.09,
                outcome: 'fail',
                reason: 'Error rate 9 % is above 5 %',
              }
            : g,
        ),
      }),
    );
    await renderWithOrchestrationApi(
      <UpgradePage upgradeId="u-1" />,
      api,
      mockRolePermissionApi('infrastructure'),
    );
    expect(await screen.findByTestId('upgrade-outcome')).toHaveTextContent(
      `Rolled back: all traffic is on 1.4.0. ${reason}`,
    );
    expect(
      screen.getByRole('table', { name: 'Analysis gates' }),
    ).toHaveTextContent('9 %Failed: Error rate 9 % is above 5 %');
    // final: nothing to abort, no polling
    expect(screen.queryByRole('button', { name: 'Abort' })).toBeNull();
  });

  it('aborts with a reason after a confirmation', async () => {
    const api = createMockOrchestrationApi();
    api.getUpgrade.mockResolvedValue(makeUpgrade());
    api.abortUpgrade.mockResolvedValue(
      makeUpgrade({
        status: 'rolled_back',
        active: false,
        traffic: { blue_percent: 100, green_percent: 0 },
        rollback_reason: 'Aborted: customer escalation',
      }),
    );
    await renderWithOrchestrationApi(
      <UpgradePage upgradeId="u-1" />,
      api,
      mockRolePermissionApi('infrastructure'),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Abort' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent(
      'All traffic goes back to 1.4.0 and the upgrade to 1.5.0 ends as rolled back.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Abort upgrade' }),
    );
    expect(
      within(dialog).getByText('Say why, in at least 3 characters.'),
    ).toBeInTheDocument();
    expect(api.abortUpgrade).not.toHaveBeenCalled();
    await userEvent.type(
      within(dialog).getByLabelText(/Why/),
      'customer escalation',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Abort upgrade' }),
    );
    expect(api.abortUpgrade).toHaveBeenCalledWith('u-1', 'customer escalation');
    expect(await screen.findByTestId('upgrade-outcome')).toHaveTextContent(
      'Aborted: customer escalation',
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
