import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Route, Routes } from 'react-router-dom';
import { ppSlaApiRef } from '../api';
import { mockSlaApi, permissions } from '../__testUtils__/render';
import { maintenanceProblem } from './MaintenanceDialog';
import { AgentCompliance } from './SlaPage';

describe('maintenanceProblem', () => {
  it('wants a start before the end, at most 7 days, and a reason', () => {
    expect(maintenanceProblem('', '2026-12-04T10:00', 'Upgrade')).toBe(
      'Give a start and an end.',
    );
    expect(
      maintenanceProblem('2026-12-04T10:00', '2026-12-04T09:00', 'Upgrade'),
    ).toBe('The end must come after the start.');
    expect(
      maintenanceProblem('2026-12-04T10:00', '2026-12-12T10:00', 'Upgrade'),
    ).toBe('A window lasts at most 7 days.');
    expect(
      maintenanceProblem('2026-12-04T10:00', '2026-12-04T11:00', ' x '),
    ).toBe('Say why, in a few words.');
    expect(
      maintenanceProblem('2026-12-04T10:00', '2026-12-04T11:00', 'Upgrade'),
    ).toBeUndefined();
  });
});

// an infrastructure engineer: reads SLAs and schedules maintenance (one person per file)
describe('scheduling maintenance from an agent’s SLA page', () => {
  it('schedules a window for the agent and shows the page again', async () => {
    const api = mockSlaApi();
    api.getCompliance.mockResolvedValue({
      agent_id: 'outage-agent',
      definition: { type: 'standard', version: 1, targets: {} } as any,
      window_days: 30,
      from: '2026-11-03',
      to: '2026-12-03',
      status: 'compliant',
      status_reason: 'Every target met.',
      overall_compliance_percent: 100,
      metrics: [],
      days: [],
      open_breaches: [],
      recent_breaches: [],
      maintenance_windows: [],
      computed_at: '2026-12-03T00:00:00.000Z',
    });
    api.createMaintenance.mockImplementation(async body => ({
      id: 'm1',
      service_id: null,
      agent_id: body.agent_id!,
      starts_at: body.starts_at,
      ends_at: body.ends_at,
      reason: body.reason,
      created_by: 'Ines Infra',
      created_at: '2026-12-03T00:00:00.000Z',
      health_silence_id: 's1',
    }));
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [ppSlaApiRef, api],
          [
            permissionApiRef,
            permissions(['pp.sla.read', 'pp.sla.maintenance.manage']),
          ],
        ]}
      >
        <Routes>
          <Route path="/agents/:agentId" element={<AgentCompliance />} />
        </Routes>
      </TestApiProvider>,
      { initialRouteEntries: ['/agents/outage-agent'] },
    );
    const user = userEvent.setup({ delay: null });
    await user.click(
      await screen.findByRole('button', { name: 'Schedule maintenance' }),
    );
    expect(
      screen.getByText('Schedule maintenance of Outage agent'),
    ).toBeInTheDocument();
    const schedule = screen.getByRole('button', { name: 'Schedule' });
    expect(schedule).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Starts'), {
      target: { value: '2026-12-05T22:00' },
    });
    fireEvent.change(screen.getByLabelText('Ends'), {
      target: { value: '2026-12-05T23:30' },
    });
    await user.type(screen.getByLabelText('Why'), 'Database upgrade');
    await user.click(schedule);
    await waitFor(() =>
      expect(api.createMaintenance).toHaveBeenCalledWith({
        agent_id: 'outage-agent',
        starts_at: new Date('2026-12-05T22:00').toISOString(),
        ends_at: new Date('2026-12-05T23:30').toISOString(),
        reason: 'Database upgrade',
      }),
    );
    // the dialog closes and the page reads the agent's compliance again
    await waitFor(() => expect(api.getCompliance).toHaveBeenCalledTimes(2));
    expect(screen.queryByText(/Schedule maintenance of/)).toBeNull();
  });
});
