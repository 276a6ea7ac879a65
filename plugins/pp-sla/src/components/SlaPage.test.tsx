import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { renderSlaDashboard, mockSlaApi } from '../__testUtils__/render';
import { ppSlaApiRef } from '../api';
import { AgentCompliance, ComplianceDashboard } from './SlaPage';
import { slaDefinition } from '../__testUtils__/slaFixtures';

const api = mockSlaApi();

const metric = (
  m: string,
  label: string,
  unit: any,
  target: number,
  value: number | null,
  met: boolean | null,
  near = false,
) => ({
  metric: m as any,
  label,
  unit,
  target,
  value,
  met,
  near_target: near,
  compliance_percent: value === null ? null : 96.6667,
});

describe('SLA pages', () => {
  it('the dashboard names agents in words with their status and figures', async () => {
    api.listCompliance.mockResolvedValue({
      items: [
        {
          agent_id: 'sales-prospecting-sdr',
          type: 'standard',
          status: 'breach',
          overall_compliance_percent: 96.6667,
          uptime_percent: 99.8843,
          open_breaches: 1,
          computed_at: '2026-12-01T00:00:00.000Z',
          trend: [],
        },
      ],
      total_count: 1,
      limit: 200,
      offset: 0,
    });
    await renderInTestApp(
      <TestApiProvider apis={[[ppSlaApiRef, api]]}>
        <ComplianceDashboard />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Sales prospecting sdr'),
    ).toBeInTheDocument();
    expect(screen.getByText('Breach')).toBeInTheDocument();
    expect(screen.getByText('99.88 %')).toBeInTheDocument();
    expect(screen.queryByText('sales-prospecting-sdr')).not.toBeInTheDocument();
  });

  it('an agent: targets, values, breaches with their duration and root cause', async () => {
    api.getCompliance.mockResolvedValue({
      agent_id: 'outage-agent',
      definition: slaDefinition({ service_id: 's' }),
      window_days: 30,
      from: '2026-11-01',
      to: '2026-12-01',
      status: 'breach',
      status_reason: 'Target missed: uptime.',
      overall_compliance_percent: 96.6667,
      metrics: [
        metric('uptime', 'Uptime', 'percent', 99.9, 99.8843, false),
        metric(
          'response_time_p95',
          'Response time (p95)',
          'ms',
          2000,
          1800,
          true,
          true,
        ),
        metric('support_response', 'Support response', 'hours', 4, null, null),
      ],
      days: [],
      open_breaches: [],
      recent_breaches: [
        {
          id: 'b1',
          kind: 'sla',
          agent_id: 'outage-agent',
          ola_id: null,
          metric: 'uptime',
          title: 'Uptime of outage-agent missed its target',
          target: 99.9,
          value: 96.5,
          started_at: '2026-11-10T10:00:00.000Z',
          ended_at: '2026-11-10T10:50:00.000Z',
          duration_minutes: 50,
          severity: 'critical',
          root_cause: 'Expired certificate',
          ticket_id: null,
          alerted: 'none',
        },
      ],
      maintenance_windows: [],
      computed_at: '2026-12-01T00:00:00.000Z',
    });
    await renderInTestApp(
      <TestApiProvider apis={[[ppSlaApiRef, api]]}>
        <Routes>
          <Route path="/agents/:agentId" element={<AgentCompliance />} />
        </Routes>
      </TestApiProvider>,
      { initialRouteEntries: ['/agents/outage-agent'] },
    );
    expect(
      await screen.findByText(/Target missed: uptime\./),
    ).toBeInTheDocument();
    expect(screen.getByText('≥ 99.9 %')).toBeInTheDocument();
    expect(screen.getByText('Met, within 10 %')).toBeInTheDocument();
    expect(screen.getByText('No data')).toBeInTheDocument();
    expect(screen.getByText('50 min')).toBeInTheDocument();
    expect(screen.getByText('Expired certificate')).toBeInTheDocument();
  });

  describe('defining an SLA', () => {
    const empty = { items: [], total_count: 0, limit: 200, offset: 0 };
    const render = (allowed: string[], at = '/') =>
      renderSlaDashboard(api, allowed, at);

    it('an orchestrator opens it from the handoff link, the agent chosen; custom targets are saved', async () => {
      api.listCompliance.mockResolvedValue(empty);
      api.createDefinition.mockImplementation(
        async body =>
          ({
            id: 'd1',
            agent_id: body.agent_id,
            version: 1,
          } as any),
      );
      const user = userEvent.setup({ delay: null });
      await render(['pp.sla.read', 'pp.sla.create'], '/?define=maths-tutor');
      expect(
        await screen.findByText('Define an SLA', { selector: 'h2' }),
      ).toBeInTheDocument();
      expect(
        await screen.findByRole('button', { name: /^Agent\s*Maths Tutor/ }),
      ).toBeInTheDocument();
      const save = screen.getByRole('button', { name: 'Save the SLA' });
      await user.click(screen.getByRole('button', { name: /^SLA/ }));
      await user.click(await screen.findByRole('option', { name: /^Custom/ }));
      // custom needs at least one target, each within its bounds
      expect(save).toBeDisabled();
      await user.type(screen.getByLabelText(/Uptime at least/), '20');
      expect(screen.getByText('Between 50 and 100')).toBeInTheDocument();
      expect(save).toBeDisabled();
      await user.clear(screen.getByLabelText(/Uptime at least/));
      await user.type(screen.getByLabelText(/Response time p95 below/), '1500');
      await user.click(save);
      await waitFor(() =>
        expect(api.createDefinition).toHaveBeenCalledWith({
          agent_id: 'maths-tutor',
          type: 'custom',
          targets: { response_time_p95_ms: 1500 },
        }),
      );
      // then the agent's compliance page
      expect(await screen.findByTestId('where')).toHaveTextContent(
        '/pp/sla/agents/maths-tutor',
      );
    });

    it('an error from the API is shown in the dialog, nothing lost', async () => {
      api.listCompliance.mockResolvedValue(empty);
      api.createDefinition.mockRejectedValue(
        new Error('Agent maths-tutor already has that SLA in force'),
      );
      const user = userEvent.setup({ delay: null });
      await render(['pp.sla.read', 'pp.sla.create']);
      await user.click(
        await screen.findByRole('button', { name: 'Define an SLA' }),
      );
      await user.click(await screen.findByRole('button', { name: /^Agent/ }));
      await user.click(
        await screen.findByRole('option', { name: 'Lead Hunter' }),
      );
      await user.click(screen.getByRole('button', { name: 'Save the SLA' }));
      expect(
        await screen.findByText(/already has that SLA in force/),
      ).toBeInTheDocument();
      expect(api.createDefinition).toHaveBeenLastCalledWith({
        agent_id: 'lead-hunter',
        type: 'standard',
      });
      expect(
        screen.getByRole('button', { name: /^Agent\s*Lead Hunter/ }),
      ).toBeInTheDocument();
    });
  });
});
