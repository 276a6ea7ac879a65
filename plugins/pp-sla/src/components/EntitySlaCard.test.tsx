import { act, screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
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

const compliance = (over: object) => ({
  agent_id: 'maths-tutor',
  definition: { type: 'standard', version: 1 } as any,
  window_days: 30,
  from: '2026-11-03',
  to: '2026-12-03',
  status: 'breach' as const,
  status_reason: 'Target missed: uptime.',
  overall_compliance_percent: 90,
  metrics: [],
  days: [],
  open_breaches: [],
  recent_breaches: [],
  maintenance_windows: [],
  computed_at: '2026-12-03T10:00:00.000Z',
  ...over,
});

const runningUptime = {
  id: 'b1',
  kind: 'sla' as const,
  agent_id: 'maths-tutor',
  ola_id: null,
  metric: 'uptime',
  title: 'Uptime of maths-tutor missed its target',
  target: 99.9,
  value: 97,
  started_at: '2026-12-03T09:00:00.000Z',
  ended_at: null,
  duration_minutes: null,
  severity: 'major' as const,
  root_cause: null,
  ticket_id: null,
  alerted: 'pagerduty' as const,
};

describe('EntitySlaCard: running breaches', () => {
  afterEach(() => jest.useRealTimers());

  it('counts a running breach up live from its start, and stops its ticker when it goes', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-03T10:12:10.000Z') });
    api.getCompliance.mockResolvedValue(
      compliance({ open_breaches: [runningUptime] }),
    );
    const { unmount } = await renderEntitySlaCard(api, ORCHESTRATOR);
    expect(
      await screen.findByText('Uptime breach running for 1 h 12 min'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `Since ${new Date('2026-12-03T09:00:00.000Z').toLocaleString()}`,
      ),
    ).toBeInTheDocument();
    act(() => {
      jest.advanceTimersByTime(2 * 60_000);
    });
    expect(
      screen.getByText('Uptime breach running for 1 h 14 min'),
    ).toBeInTheDocument();
    unmount();
    // the shared ticker stopped with the last clock: no interval left behind
    expect(jest.getTimerCount()).toBe(0);
  });

  it('shows no clock when every breach has ended', async () => {
    api.getCompliance.mockResolvedValue(compliance({ open_breaches: [] }));
    await renderEntitySlaCard(api, ORCHESTRATOR);
    expect(
      await screen.findByText('Target missed: uptime.'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('running-breach')).toBeNull();
  });
});

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'agent-execution-engine',
    title: 'Agent Execution Engine',
    annotations: { 'pp.waooaw.com/service-id': 'agent-execution-engine' },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

const definition = (agentId: string, serviceId: string) => ({
  id: `d-${agentId}`,
  agent_id: agentId,
  service_id: serviceId,
  entity_ref: `component:default/${agentId}`,
  type: 'standard' as const,
  version: 1,
  targets: {} as any,
  effective_from: '2026-10-01T00:00:00.000Z',
  effective_to: null,
  credit_base_amount: null,
  currency: null,
  created_by: 'Olu Orchestrator',
  created_at: '2026-10-01T00:00:00.000Z',
});

describe('EntitySlaCard on a monitored service', () => {
  it('names the agents whose SLA counts its health, their running breaches and its maintenance', async () => {
    api.listDefinitions.mockResolvedValue({
      items: [
        definition('maths-tutor', 'agent-execution-engine'),
        definition('lead-hunter', 'lead-hunter'),
      ],
      total_count: 2,
      limit: 200,
      offset: 0,
    });
    api.listMaintenance.mockResolvedValue({
      items: [
        {
          id: 'm1',
          service_id: 'agent-execution-engine',
          agent_id: null,
          starts_at: '2026-12-05T22:00:00.000Z',
          ends_at: '2026-12-05T23:30:00.000Z',
          reason: 'Database upgrade',
          created_by: 'Ines Infra',
          created_at: '2026-12-03T00:00:00.000Z',
          health_silence_id: 's1',
        },
      ],
      total_count: 1,
      limit: 5,
      offset: 0,
    });
    api.listBreaches.mockResolvedValue({
      items: [
        runningUptime,
        { ...runningUptime, id: 'b2', agent_id: 'lead-hunter' },
      ],
      total_count: 2,
      limit: 200,
      offset: 0,
    });
    await renderEntitySlaCard(api, ORCHESTRATOR, service);
    expect(
      await screen.findByText(
        'SLAs are defined per AI agent. The health of Agent Execution Engine counts for the SLA of:',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Maths tutor' })).toHaveAttribute(
      'href',
      '/pp/sla/agents/maths-tutor',
    );
    // lead-hunter's SLA counts another service
    expect(screen.queryByText(/Lead hunter/)).toBeNull();
    expect(screen.getAllByTestId('running-breach')).toHaveLength(1);
    expect(
      screen.getByText(/^Uptime breach of Maths tutor running for/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Database upgrade \(Ines Infra\)/),
    ).toBeInTheDocument();
    expect(api.listMaintenance).toHaveBeenCalledWith({
      service_id: 'agent-execution-engine',
      limit: 5,
    });
    expect(api.getCompliance).not.toHaveBeenCalledWith(
      'agent-execution-engine',
    );
  });

  it('says when no agent’s SLA counts the service yet', async () => {
    api.listDefinitions.mockResolvedValue({
      items: [],
      total_count: 0,
      limit: 200,
      offset: 0,
    });
    api.listMaintenance.mockResolvedValue({
      items: [],
      total_count: 0,
      limit: 5,
      offset: 0,
    });
    api.listBreaches.mockResolvedValue({
      items: [],
      total_count: 0,
      limit: 200,
      offset: 0,
    });
    await renderEntitySlaCard(api, ORCHESTRATOR, service);
    expect(
      await screen.findByText(
        'SLAs are defined per AI agent, and no agent’s SLA counts the health of Agent Execution Engine yet.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No maintenance scheduled.')).toBeInTheDocument();
  });
});
