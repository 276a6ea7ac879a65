import { screen } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ppHealthApiRef } from '../../api';
import {
  cached,
  createMockPpHealthApi,
  makeAlert,
  makeOverview,
} from '../../__testUtils__/mocks';
import { HealthSummaryCard } from './HealthSummaryCard';
import { OpenAlertsCard } from './OpenAlertsCard';
import { QueueBacklogCard } from './QueueBacklogCard';

const render = (
  api: ReturnType<typeof createMockPpHealthApi>,
  card: JSX.Element,
) =>
  renderInTestApp(
    <TestApiProvider apis={[[ppHealthApiRef, api]]}>{card}</TestApiProvider>,
  );

describe('health home cards', () => {
  it('HealthSummaryCard: counts by status, uptime and open alerts', async () => {
    const api = createMockPpHealthApi();
    api.getOverview.mockResolvedValue(
      cached(makeOverview({ up: 11, degraded: 1, down: 1, service_count: 13 })),
    );
    await render(api, <HealthSummaryCard />);
    expect(await screen.findByLabelText('11 up')).toBeInTheDocument();
    expect(screen.getByLabelText('1 degraded')).toBeInTheDocument();
    expect(screen.getByLabelText('1 down')).toBeInTheDocument();
    expect(
      screen.getByText('13 services · uptime 24 h 99.1% · 3 open alerts'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the health dashboard' }),
    ).toHaveAttribute('href', '/pp/health/services');
  });

  it('HealthSummaryCard: says why when the overview cannot be read', async () => {
    const api = createMockPpHealthApi();
    api.getOverview.mockRejectedValue(new Error('backend unavailable'));
    await render(api, <HealthSummaryCard />);
    expect(
      await screen.findByText(/Could not load the health overview/),
    ).toBeInTheDocument();
  });

  it('OpenAlertsCard: firing alerts link to their service', async () => {
    const api = createMockPpHealthApi();
    api.listAlerts.mockResolvedValue(
      cached({
        items: [
          makeAlert({
            id: 'a1',
            alert_type: 'high_error_rate',
            severity: 'warning',
            service_id: 'notification-service',
            message:
              'Notification Service error rate is 30.0 % (threshold 5 %)',
          }),
        ],
        total_count: 1,
        limit: 5,
        offset: 0,
      }),
    );
    await render(api, <OpenAlertsCard />);
    const link = await screen.findByRole('link', {
      name: 'Notification Service error rate is 30.0 % (threshold 5 %)',
    });
    expect(link).toHaveAttribute(
      'href',
      '/pp/health/services/notification-service',
    );
    expect(screen.getByText('Warning')).toBeInTheDocument();
    expect(api.listAlerts).toHaveBeenCalledWith({ status: 'firing', limit: 5 });
  });

  it('OpenAlertsCard: says so when nothing fires', async () => {
    const api = createMockPpHealthApi();
    await render(api, <OpenAlertsCard />);
    expect(await screen.findByText(/No open alerts/)).toBeInTheDocument();
  });

  it('QueueBacklogCard: backlog per system in words, never a config key', async () => {
    const api = createMockPpHealthApi();
    api.getQueues.mockResolvedValue(
      cached({
        systems: [
          {
            system: 'temporal',
            status: 'not_configured',
            message: 'set pp.health.queues.temporal in app-config',
            queues: [],
            collected_at: null,
          },
          {
            system: 'rabbitmq',
            status: 'ok',
            message: null,
            queues: [
              { name: 'orders', depth: 12 },
              { name: 'mail', depth: 3 },
            ],
            collected_at: '2025-01-01T00:00:00Z',
          },
        ],
      }),
    );
    await render(api, <QueueBacklogCard />);
    expect(
      await screen.findByText('15 waiting in 2 queues'),
    ).toBeInTheDocument();
    expect(screen.getByText('Not connected to the portal')).toBeInTheDocument();
    expect(screen.queryByText(/app-config|pp\.health/)).toBeNull();
  });
});
