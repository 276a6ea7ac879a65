import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { PpSlaCompliance, PpSlaDay } from '@internal/plugin-pp-common';
import { screen } from '@testing-library/react';
import { SlaCharts, markedDays } from './SlaCharts';
import { slaDefinition } from '../__testUtils__/slaFixtures';

// recharts' ResponsiveContainer measures its box; jsdom has no ResizeObserver
beforeAll(() => {
  (global as any).ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

const day = (d: string, over: Partial<PpSlaDay> = {}): PpSlaDay => ({
  day: d,
  status: 'compliant',
  uptime_percent: 100,
  maintenance_minutes: 0,
  down_minutes: 0,
  p95_response_ms: 500,
  error_rate_percent: 0.1,
  definition_version: 1,
  ...over,
});

const compliance = (days: PpSlaDay[]): PpSlaCompliance => ({
  agent_id: 'outage-agent',
  definition: slaDefinition(),
  window_days: 30,
  from: '2026-11-01',
  to: '2026-12-01',
  status: days.length ? 'breach' : 'no_data',
  status_reason: 'Target missed: uptime.',
  overall_compliance_percent: null,
  metrics: [],
  days,
  open_breaches: [],
  recent_breaches: [],
  maintenance_windows: [],
  computed_at: days.length ? '2026-12-01T00:10:00.000Z' : null,
});

describe('SlaCharts', () => {
  it('draws uptime, p95 and error rate per day against their targets, the breach and maintenance days in words', async () => {
    const days = [
      day('2026-11-01'),
      day('2026-11-10', {
        status: 'breach',
        uptime_percent: 96.5278,
        down_minutes: 50,
      }),
      day('2026-11-12', { maintenance_minutes: 90 }),
      day('2026-11-30', { p95_response_ms: 1800 }),
    ];
    expect(markedDays(days)).toEqual({
      breach: ['2026-11-10'],
      maintenance: ['2026-11-12'],
    });
    await renderInTestApp(<SlaCharts compliance={compliance(days)} />);
    expect(screen.getByText('Uptime per day')).toBeInTheDocument();
    expect(screen.getByText('p95 response time per day')).toBeInTheDocument();
    expect(screen.getByText('Error rate per day')).toBeInTheDocument();
    expect(screen.getByTestId('sla-chart-uptime')).toHaveAccessibleName(
      'Uptime per day from 1 Nov to 30 Nov: 100 % at first, 100 % on the last day, lowest 96.53 % on 10 Nov. Target at least 99.9 %: missed on 1 of 4 days. Days with a breach: 10 Nov. Days with maintenance: 12 Nov.',
    );
    expect(
      screen.getByRole('img', { name: /^p95 response time per day/ }),
    ).toHaveAccessibleName(
      'p95 response time per day from 1 Nov to 30 Nov: 500 ms at first, 1800 ms on the last day, highest 1800 ms on 30 Nov. Target below 2000 ms: met every day. Days with a breach: 10 Nov. Days with maintenance: 12 Nov.',
    );
    expect(
      screen.getByRole('img', { name: /^Error rate per day/ }),
    ).toHaveAccessibleName(/Target below 1 %: met every day\./);
    expect(screen.queryByTestId('sla-charts-empty')).not.toBeInTheDocument();
  });

  it('says so when the job has computed no day yet, and when a metric has no figure', async () => {
    const { unmount } = await renderInTestApp(
      <SlaCharts compliance={compliance([])} />,
    );
    expect(screen.getByTestId('sla-charts-empty')).toHaveTextContent(
      /No day computed yet/,
    );
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    unmount();

    // tickets only, no health checks: no uptime, p95 or error-rate figure
    await renderInTestApp(
      <SlaCharts
        compliance={compliance([
          day('2026-11-30', {
            uptime_percent: null,
            p95_response_ms: null,
            error_rate_percent: null,
          }),
        ])}
      />,
    );
    expect(screen.getByTestId('sla-chart-uptime-none')).toHaveTextContent(
      'No daily uptime figure in the last 30 days',
    );
    expect(screen.getByTestId('sla-chart-p95-none')).toBeInTheDocument();
    expect(screen.getByTestId('sla-chart-error_rate-none')).toBeInTheDocument();
  });
});
