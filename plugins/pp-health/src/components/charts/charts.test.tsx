import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { PpHealthSeriesPoint } from '@internal/plugin-pp-common';
import { StatusTimeline } from './StatusTimeline';
import { ResourceCharts, resourceSummary } from './ResourceCharts';
import { PpSparkline } from '@internal/plugin-pp-react';
import { sparklineSummary } from './sparklineSummary';
import { AcknowledgeButton } from '../AcknowledgeButton';
import { ppHealthApiRef } from '../../api';
import { createMockPpHealthApi, makeAlert } from '../../__testUtils__/mocks';

// recharts' ResponsiveContainer measures its box; jsdom has no ResizeObserver
beforeAll(() => {
  (global as any).ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

const point = (
  minute: number,
  over: Partial<PpHealthSeriesPoint> = {},
): PpHealthSeriesPoint => ({
  at: new Date(Date.UTC(2026, 11, 1, 11, minute)).toISOString(),
  checks: 10,
  p50_response_ms: 50,
  p95_response_ms: 100,
  max_response_ms: 120,
  error_rate: 0.01,
  uptime_percent: 100,
  status: 'up',
  cpu_percent: null,
  memory_percent: null,
  disk_percent: null,
  ...over,
});

describe('StatusTimeline', () => {
  it('draws one coloured segment per bucket with its time and status on hover, and says it in a sentence', async () => {
    const series = [
      point(0),
      point(15, { status: 'degraded', error_rate: 0.3 }),
      point(30, { status: 'down', uptime_percent: 50 }),
      point(45, { status: 'unknown', checks: 0, error_rate: null }),
    ];
    await renderInTestApp(
      <StatusTimeline series={series} window="1h" bucketSeconds={900} />,
    );
    const timeline = screen.getByRole('img', {
      name: 'Status over the last 1h: up 25 %, degraded 25 %, down 25 %, no data 25 % of the time; down in 1 of 4 intervals.',
    });
    const segments = timeline.querySelectorAll('rect');
    expect([...segments].map(r => r.getAttribute('data-status'))).toEqual([
      'up',
      'degraded',
      'down',
      'unknown',
    ]);
    // theme colours, one per status
    expect(new Set([...segments].map(r => r.getAttribute('fill'))).size).toBe(
      4,
    );
    expect(segments[1].querySelector('title')!.textContent).toMatch(
      /– .*: Degraded · uptime 100 % · errors 30 %$/,
    );
    expect(segments[3].querySelector('title')!.textContent).toMatch(
      /: No data$/,
    );
  });
});

describe('ResourceCharts', () => {
  it('charts reported CPU, memory and disk with a summary sentence', async () => {
    const series = [
      point(0, { cpu_percent: 20, memory_percent: 50, disk_percent: 70 }),
      point(15, { cpu_percent: 60, memory_percent: 50, disk_percent: 70 }),
    ];
    expect(resourceSummary(series, '1h')).toBe(
      'Resource use over the last 1h: CPU averaged 40 % (peak 60 %), Memory averaged 50 % (peak 50 %), Disk averaged 70 % (peak 70 %).',
    );
    await renderInTestApp(<ResourceCharts series={series} window="1h" />);
    expect(
      screen.getByRole('img', { name: resourceSummary(series, '1h') }),
    ).toBeInTheDocument();
  });

  it('says so when the service reports no resources, instead of an empty chart', async () => {
    await renderInTestApp(<ResourceCharts series={[point(0)]} window="1h" />);
    expect(screen.queryByTestId('chart-resources')).toBeNull();
    expect(
      screen.getByText(/reported no CPU, memory or disk figures/),
    ).toBeInTheDocument();
  });
});

describe('Sparkline', () => {
  it('draws the trend, broken where there is no data, with its sentence', async () => {
    const points = [
      { at: 'a', error_rate: 0.02, p95_response_ms: 100 },
      { at: 'b', error_rate: null, p95_response_ms: null },
      { at: 'c', error_rate: 0.3, p95_response_ms: 900 },
      { at: 'd', error_rate: 0.04, p95_response_ms: 120 },
    ];
    const label = sparklineSummary('Error rate', points, '6h');
    expect(label).toBe(
      'Error rate over the last 6h: 2 % at first, 4 % now, peak 30 %.',
    );
    await renderInTestApp(
      <PpSparkline values={points.map(p => p.error_rate)} label={label} />,
    );
    const chart = screen.getByRole('img', { name: label });
    const d = chart.querySelector('path')!.getAttribute('d')!;
    // two runs: the gap at the second point lifts the pen
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
    expect(sparklineSummary('p95 response time', [points[1]], '6h')).toBe(
      'p95 response time: no data in the last 6h.',
    );
  });
});

describe('AcknowledgeButton', () => {
  it('shows progress while the request waits, then hands back the acknowledged alert', async () => {
    const api = createMockPpHealthApi();
    const alert = makeAlert({ id: '7', alert_type: 'high_error_rate' });
    let answer: (a: any) => void = () => {};
    api.acknowledgeAlert.mockImplementation(
      () =>
        new Promise(resolve => {
          answer = resolve;
        }),
    );
    const done = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[ppHealthApiRef, api]]}>
        <AcknowledgeButton
          alert={alert}
          serviceName="Payment Service"
          onAcknowledged={done}
        />
      </TestApiProvider>,
    );
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Acknowledge the high error rate alert of Payment Service',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Note/), {
      target: { value: 'Rolling back' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Acknowledge' }),
    );
    const busy = await within(dialog).findByRole('button', {
      name: /Acknowledging/,
    });
    expect(busy).toBeDisabled();
    expect(within(dialog).getByRole('progressbar')).toBeInTheDocument();
    expect(api.acknowledgeAlert).toHaveBeenCalledWith('7', 'Rolling back');
    const acknowledged = {
      ...alert,
      acknowledgement: {
        by: { id: 'u', name: 'Ingrid', email: null },
        at: '2026-12-01T10:00:00Z',
        note: 'Rolling back',
      },
    };
    answer(acknowledged);
    await waitFor(() => expect(done).toHaveBeenCalledWith(acknowledged));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows why it failed and keeps the dialog open', async () => {
    const api = createMockPpHealthApi();
    api.acknowledgeAlert.mockRejectedValue(
      new Error('Ada acknowledged the alert already at 2026-12-01T10:00:00Z'),
    );
    const done = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[ppHealthApiRef, api]]}>
        <AcknowledgeButton
          alert={makeAlert({ id: '8' })}
          serviceName="Payment Service"
          onAcknowledged={done}
        />
      </TestApiProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: /^Acknowledge the/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Acknowledge' }),
    );
    expect(
      await within(dialog).findByText(
        /Could not acknowledge the alert: Ada acknowledged the alert already/,
      ),
    ).toBeInTheDocument();
    expect(done).not.toHaveBeenCalled();
    expect(
      within(dialog).getByRole('button', { name: 'Acknowledge' }),
    ).toBeEnabled();
  });
});
