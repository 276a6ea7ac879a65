import { screen, within } from '@testing-library/react';
import {
  createMockOrchestrationApi,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderWithOrchestrationApi } from '../../__testUtils__/render';
import { makeUpgrade } from '../../__testUtils__/upgradeMocks';
import { UpgradePage } from './UpgradePage';

describe('UpgradePage as a viewer', () => {
  it('shows the traffic split, the gates with thresholds and measures, and the steps, by name', async () => {
    const api = createMockOrchestrationApi();
    api.getUpgrade.mockResolvedValue(makeUpgrade());
    await renderWithOrchestrationApi(
      <UpgradePage upgradeId="u-1" />,
      api,
      mockRolePermissionApi('viewer'),
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Upgrade of Maths Tutor to 1.5.0',
      }),
    ).toBeInTheDocument();
    expect(api.getUpgrade).toHaveBeenCalledWith('u-1');
    expect(screen.getByTestId('upgrade-status')).toHaveTextContent(
      'Watching 10 % of traffic',
    );
    expect(
      screen.getByRole('img', {
        name: 'Traffic split: 90 % on 1.4.0 (current), 10 % on 1.5.0 (new)',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Current version \(blue\) 1.4.0/),
    ).toHaveTextContent('Current version (blue) 1.4.0: 90 %');
    const gates = screen.getByRole('table', { name: 'Analysis gates' });
    const rows = within(gates).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Error rateat most 5 %5 %1.2 %Passed');
    expect(rows[2]).toHaveTextContent(
      'Response time (p95)at most 2× the baseline1,600 ms900 msPassed',
    );
    const steps = screen.getByRole('table', { name: 'Upgrade steps' });
    expect(steps).toHaveTextContent('Upgrade to 1.5.0 started');
    expect(steps).toHaveTextContent(
      'by Olu Orchestrator · Why: faster replies',
    );
    expect(steps).toHaveTextContent(
      'Smoke tests passed: 10 % of traffic on the new version',
    );
    expect(screen.getByText(/demo deployment target/)).toBeInTheDocument();
    expect(screen.getByTestId('upgrade-next')).toHaveTextContent(
      'Now: watching green at 10 % until',
    );
    // no raw refs or ISO times; a viewer cannot abort
    expect(screen.queryByText(/user:pp\//)).toBeNull();
    expect(screen.queryByText(/\d{4}-\d\d-\d\dT/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Abort' })).toBeNull();
  });

  it('asks again while the upgrade is active', async () => {
    const api = createMockOrchestrationApi();
    api.getUpgrade.mockResolvedValueOnce(makeUpgrade()).mockResolvedValue(
      makeUpgrade({
        status: 'promoting',
        traffic: { blue_percent: 0, green_percent: 100 },
      }),
    );
    await renderWithOrchestrationApi(
      <UpgradePage upgradeId="u-1" />,
      api,
      mockRolePermissionApi('viewer'),
    );
    await screen.findByText('Watching 10 % of traffic');
    expect(
      await screen.findByText('Moving all traffic', undefined, {
        timeout: 8_000,
      }),
    ).toBeInTheDocument();
    expect(api.getUpgrade.mock.calls.length).toBeGreaterThanOrEqual(2);
  }, 15_000);

  it('says so for an unknown upgrade', async () => {
    const api = createMockOrchestrationApi();
    const { ResponseError } = jest.requireActual('@backstage/errors');
    api.getUpgrade.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'No upgrade' },
          }),
          { status: 404, headers: { 'content-type': 'application/json' } },
        ),
      ),
    );
    await renderWithOrchestrationApi(
      <UpgradePage upgradeId="nope" />,
      api,
      mockRolePermissionApi('viewer'),
    );
    expect(
      await screen.findByText(/There is no such upgrade/),
    ).toBeInTheDocument();
  });
});
