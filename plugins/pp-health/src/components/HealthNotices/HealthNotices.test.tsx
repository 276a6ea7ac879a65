import { screen } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { PpSilence } from '@internal/plugin-pp-common';
import { ppHealthApiRef } from '../../api';
import {
  cached,
  createMockPpHealthApi,
  makeAlert,
  makeOverview,
  makeService,
} from '../../__testUtils__/mocks';
import { ServiceHealth } from '../ServiceDetail';
import { OverviewNotices, silenceScope } from './HealthNotices';

const silence = (over: Partial<PpSilence> = {}): PpSilence => ({
  id: 's1',
  kind: 'maintenance',
  service_id: 'payment-service',
  alert_type: null,
  starts_at: '2026-12-03T10:00:00Z',
  ends_at: '2026-12-03T12:00:00Z',
  reason: 'Database upgrade',
  created_by: { id: 'u1', name: 'Ines Infra', email: 'ines@waooaw.com' },
  created_at: '2026-12-03T09:00:00Z',
  ended_by: null,
  state: 'active',
  ...over,
});

const render = (
  api: ReturnType<typeof createMockPpHealthApi>,
  element: JSX.Element,
) =>
  renderInTestApp(
    <TestApiProvider apis={[[ppHealthApiRef, api]]}>{element}</TestApiProvider>,
  );

describe('health notices', () => {
  it('the overview shows the demo banner and the windows in force or planned', async () => {
    const api = createMockPpHealthApi();
    api.getOverview.mockResolvedValue(
      cached(
        makeOverview({
          demo_services: 13,
          silences: [
            silence(),
            silence({
              id: 's2',
              kind: 'silence',
              service_id: null,
              alert_type: 'high_cpu_memory',
              state: 'scheduled',
              reason: 'Load test',
            }),
          ],
        }),
      ),
    );
    await render(api, <OverviewNotices />);
    expect(await screen.findByTestId('health-demo-banner')).toHaveTextContent(
      'Demo data — generated for the seeded demo services (13 services).',
    );
    expect(screen.getByTestId('health-silence-s1')).toHaveTextContent(
      'Maintenance window in force: all alerts of payment-service',
    );
    expect(screen.getByTestId('health-silence-s1')).toHaveTextContent(
      'Database upgrade — Ines Infra',
    );
    expect(screen.getByTestId('health-silence-s2')).toHaveTextContent(
      'Silence planned: high cpu memory alerts of every service',
    );
  });

  it('the overview of live services shows no demo banner', async () => {
    const api = createMockPpHealthApi();
    api.getOverview.mockResolvedValue(
      cached(makeOverview({ demo_services: 0, silences: [silence()] })),
    );
    await render(api, <OverviewNotices />);
    // loaded (the window is there), and no banner
    expect(await screen.findByTestId('health-silence-s1')).toBeInTheDocument();
    expect(screen.queryByTestId('health-demo-banner')).toBeNull();
  });

  it('the service page shows the banner for demo figures and its windows', async () => {
    const api = createMockPpHealthApi();
    api.getMicroservice.mockResolvedValue(
      cached({
        ...makeService({ service_id: 'payment-service', data_source: 'demo' }),
        description: null,
        window: '24h',
        bucket_seconds: 1800,
        series: [],
        recent_checks: [],
        alerts: [makeAlert({ id: 'a1', silenced: true, silence_id: 's1' })],
        silences: [silence({ kind: 'silence', alert_type: 'service_down' })],
      }),
    );
    await render(api, <ServiceHealth serviceId="payment-service" />);
    expect(await screen.findByTestId('health-demo-banner')).toHaveTextContent(
      'Demo data — generated for the seeded demo services.',
    );
    expect(screen.getByTestId('health-silence-s1')).toHaveTextContent(
      'Silence in force: service down alerts of payment-service',
    );
    // the alert it covers is listed, marked
    expect(screen.getByText('Firing (silenced)')).toBeInTheDocument();
  });

  it('a live service page has no banner', async () => {
    const api = createMockPpHealthApi();
    api.getMicroservice.mockResolvedValue(
      cached({
        ...makeService({ service_id: 'billing-service' }),
        description: null,
        window: '24h',
        bucket_seconds: 1800,
        series: [],
        recent_checks: [],
        alerts: [],
        silences: [],
      }),
    );
    await render(api, <ServiceHealth serviceId="billing-service" />);
    expect(
      await screen.findByText('No checks or heartbeats in this window.'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('health-demo-banner')).toBeNull();
  });

  it.each<[Partial<PpSilence>, string]>([
    [
      { service_id: 'temporal', alert_type: 'queue_backlog' },
      'queue backlog alerts of temporal',
    ],
    [
      { service_id: 'payment-service', alert_type: null },
      'all alerts of payment-service',
    ],
    [
      { service_id: null, alert_type: 'service_down' },
      'service down alerts of every service',
    ],
  ])('says what %o covers', (over, words) => {
    expect(silenceScope(silence(over))).toBe(words);
  });
});
