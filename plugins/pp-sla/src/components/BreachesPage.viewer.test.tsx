import { act, screen, within } from '@testing-library/react';
import { PpSlaBreach } from '@internal/plugin-pp-common';
import { mockSlaApi, renderSlaPageAt } from '../__testUtils__/render';

const running: PpSlaBreach = {
  id: 'b9',
  kind: 'sla',
  agent_id: 'lead-hunter',
  ola_id: null,
  metric: 'error_rate',
  title: 'Error rate of lead-hunter missed its target',
  target: 1,
  value: 4.2,
  started_at: '2026-12-03T09:00:00.000Z',
  ended_at: null,
  duration_minutes: null,
  severity: 'minor',
  root_cause: null,
  ticket_id: null,
  alerted: 'portal',
};

const noAgents = { items: [], total_count: 0, limit: 200, offset: 0 };

// a viewer: reads SLAs and breaches, may not record root causes (one person per file)
const VIEWER = ['pp.sla.read'];

describe('the breaches page for a viewer', () => {
  afterEach(() => jest.useRealTimers());

  it('shows a running breach counting up live, and no way to record a root cause', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-03T10:11:30.000Z') });
    const api = mockSlaApi();
    api.listDefinitions.mockResolvedValue(noAgents);
    api.listBreaches.mockResolvedValue({
      items: [running],
      total_count: 1,
      limit: 25,
      offset: 0,
    });
    await renderSlaPageAt(api, VIEWER, '/breaches');
    const row = await screen.findByTestId('breach-row-b9');
    expect(within(row).getByText('Lead Hunter')).toBeInTheDocument();
    expect(within(row).getByText('Error rate')).toBeInTheDocument();
    expect(within(row).getByText('4.2 % (target < 1 %)')).toBeInTheDocument();
    expect(within(row).getByText('Minor')).toBeInTheDocument();
    expect(within(row).getByText('Running for 1 h 11 min')).toBeInTheDocument();
    act(() => {
      jest.advanceTimersByTime(60_000);
    });
    expect(within(row).getByText('Running for 1 h 12 min')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /root cause/ })).toBeNull();
    expect(screen.queryByText('Actions')).toBeNull();
  });

  it('says when no breach has happened yet', async () => {
    const api = mockSlaApi();
    api.listDefinitions.mockResolvedValue(noAgents);
    api.listBreaches.mockResolvedValue({
      items: [],
      total_count: 0,
      limit: 25,
      offset: 0,
    });
    await renderSlaPageAt(api, VIEWER, '/breaches');
    expect(await screen.findByText('No breaches')).toBeInTheDocument();
    expect(
      screen.getByText(
        'No SLA target or OLA commitment has been breached yet.',
      ),
    ).toBeInTheDocument();
  });
});
