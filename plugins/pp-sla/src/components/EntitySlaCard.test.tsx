import { screen } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import { renderEntitySlaCard, mockSlaApi } from '../__testUtils__/render';

const api = mockSlaApi();

const metric = (
  m: string,
  label: string,
  unit: any,
  target: number,
  value: number | null,
) => ({
  metric: m as any,
  label,
  unit,
  target,
  value,
  met: value === null ? null : true,
  near_target: false,
  compliance_percent: 100,
});

// an agent orchestrator: reads SLAs and may define them
const ORCHESTRATOR = ['pp.sla.read', 'pp.sla.create'];

describe('EntitySlaCard', () => {
  it('shows the status, the 30-day figures against their targets and the open breaches', async () => {
    api.getCompliance.mockResolvedValue({
      agent_id: 'maths-tutor',
      definition: { type: 'premium', version: 2 } as any,
      window_days: 30,
      from: '2026-11-03',
      to: '2026-12-03',
      status: 'compliant',
      status_reason: 'Every target met.',
      overall_compliance_percent: 100,
      metrics: [
        metric('uptime', 'Uptime', 'percent', 99.95, 99.99),
        metric('response_time_p95', 'Response time (p95)', 'ms', 1500, 820),
        metric('error_rate', 'Error rate', 'percent', 0.5, 0.12),
        metric('support_response', 'Support response', 'hours', 2, 1),
      ],
      days: [],
      open_breaches: [],
      recent_breaches: [],
      maintenance_windows: [],
      computed_at: '2026-12-03T10:00:00.000Z',
    });
    await renderEntitySlaCard(api, ORCHESTRATOR);
    expect(await screen.findByText('Every target met.')).toBeInTheDocument();
    expect(api.getCompliance).toHaveBeenCalledWith('maths-tutor');
    expect(screen.getByText('Compliant')).toBeInTheDocument();
    expect(screen.getByText('99.99 %')).toBeInTheDocument();
    expect(screen.getByText('target ≥ 99.95 %')).toBeInTheDocument();
    expect(screen.getByText('820 ms')).toBeInTheDocument();
    expect(screen.getByText('target < 0.5 %')).toBeInTheDocument();
    // support response belongs to the SLA page, not the overview card
    expect(screen.queryByText('Support response')).toBeNull();
    expect(screen.getByText('None')).toBeInTheDocument();
    expect(
      screen.getByText('Premium SLA, version 2; the last 30 days.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the SLA compliance/ }),
    ).toHaveAttribute('href', '/pp/sla/agents/maths-tutor');
  });

  it('says when the agent has no SLA, and offers to define one', async () => {
    api.getCompliance.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotFoundError',
              message: 'Agent maths-tutor has no SLA definition',
            },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'content-type': 'application/json' } },
        ) as any,
      ),
    );
    await renderEntitySlaCard(api, ORCHESTRATOR);
    expect(
      await screen.findByText('No SLA is defined for Maths Tutor yet.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Define an SLA' })).toHaveAttribute(
      'href',
      '/pp/sla?define=maths-tutor',
    );
    expect(screen.queryByText(/Open the SLA compliance/)).toBeNull();
    expect(screen.queryByText(/NotFoundError|maths-tutor/)).toBeNull();
  });
});
