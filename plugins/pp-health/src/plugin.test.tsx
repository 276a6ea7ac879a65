import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  ppHealthLogsQueryPermission,
  ppHealthReadPermission,
  ppHealthThresholdsUpdatePermission,
} from '@internal/plugin-pp-common';
import plugin, { ppHealthApiRef } from './index';
import {
  cached,
  createMockPpHealthApi,
  makeAlert,
  makeOverview,
  makeService,
  mockPermissionApi,
} from './__testUtils__/mocks';

const infra = [
  ppHealthReadPermission.name,
  ppHealthLogsQueryPermission.name,
  ppHealthThresholdsUpdatePermission.name,
];

describe('pp-health plugin', () => {
  it('declares the page, its tabs, the entity tab and the API', () => {
    expect(plugin.pluginId).toBe('pp-health');
    const tester = createExtensionTester(plugin.getExtension('page:pp-health'))
      .add(plugin.getExtension('sub-page:pp-health/services'))
      .add(plugin.getExtension('sub-page:pp-health/queues'))
      .add(plugin.getExtension('sub-page:pp-health/logs'))
      .add(plugin.getExtension('sub-page:pp-health/alerts'))
      .add(plugin.getExtension('sub-page:pp-health/thresholds'));
    expect(tester.get(coreExtensionData.routePath)).toBe('/pp/health');
    expect(tester.get(coreExtensionData.title)).toBe('Health');
    expect(plugin.getExtension('api:pp-health')).toBeDefined();
    expect(
      plugin.getExtension('entity-content:pp-health/health'),
    ).toBeDefined();
  });

  it('shows the overview cards and the services table', async () => {
    const api = createMockPpHealthApi();
    api.getOverview.mockResolvedValue(
      cached(
        makeOverview({
          recent_alerts: [
            makeAlert({
              id: 'a1',
              message: 'payment-service stopped answering',
            }),
          ],
        }),
      ),
    );
    api.listMicroservices.mockResolvedValue(
      cached({
        items: [
          makeService({
            service_id: 'payment-service',
            title: 'Payment Service',
            status: 'down',
            p95_response_ms: 1500,
            error_rate: 0.25,
          }),
          makeService({ service_id: 'auth-service', title: 'Auth Service' }),
        ],
        total_count: 2,
      }),
    );
    api.getSparklines.mockResolvedValue(
      cached({
        window: '6h',
        bucket_seconds: 900,
        items: [
          {
            service_id: 'payment-service',
            points: [
              {
                at: '2025-01-01T00:00:00.000Z',
                error_rate: 0.01,
                p95_response_ms: 200,
              },
              {
                at: '2025-01-01T00:15:00.000Z',
                error_rate: 0.3,
                p95_response_ms: 1500,
              },
            ],
          },
        ],
      }),
    );
    const permission = mockPermissionApi(infra);
    const catalog = catalogApiMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'platform', title: 'Platform Team' },
          spec: { type: 'team', children: [] },
        },
      ],
    });
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/health'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[ppHealthApiRef, api], permission, [catalogApiRef, catalog]],
    });

    expect(
      (await screen.findAllByText('Payment Service')).length,
    ).toBeGreaterThan(0);
    // the owner is the team's title from the catalog, a link to the team, not its raw ref
    const owners = await screen.findAllByRole('link', {
      name: 'Platform Team',
    });
    expect(owners[0]).toHaveAttribute(
      'href',
      '/catalog/default/group/platform',
    );
    expect(screen.queryByText('group:default/platform')).toBeNull();
    expect(screen.queryByRole('link', { name: 'platform' })).toBeNull();
    // sparklines: one request for the whole table, each with its sentence
    expect(api.getSparklines).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByRole('img', {
        name: 'Payment Service: Error rate over the last 6h: 1 % at first, 30 % now, peak 30 %.',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Payment Service: p95 response time over the last 6h: 200 ms at first, 1500 ms now, peak 1500 ms.',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Auth Service: p95 response time: no data in the last 6h.',
      }),
    ).toBeInTheDocument();
    const down = screen.getByTestId('health-card-Down');
    expect(within(down).getByText('1')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('health-card-Uptime 24h')).getByText('99.1%'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('health-card-Open alerts')).getByText(
        '1 critical · 2 warning',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('1.50 s')).toBeInTheDocument();
    expect(screen.getByText('25.0%')).toBeInTheDocument();
    expect(
      screen.getByText('payment-service stopped answering'),
    ).toBeInTheDocument();
    // the service in the table and the recent alert's service both lead to its detail page
    const links = screen.getAllByRole('link', { name: 'Payment Service' });
    expect(links).toHaveLength(2);
    for (const link of links) {
      expect(link).toHaveAttribute(
        'href',
        '/pp/health/services/payment-service',
      );
    }
    expect(screen.getAllByRole('tab').map(t => t.textContent)).toEqual([
      'Overview',
      'Queues',
      'Logs',
      'Alerts',
      'Thresholds',
    ]);
  });

  it('says so when there are no services, and shows load errors', async () => {
    const api = createMockPpHealthApi();
    api.getOverview.mockRejectedValue(new Error('backend unreachable'));
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/health/services'],
      apis: [[ppHealthApiRef, api], mockPermissionApi(infra)],
    });
    await waitFor(() =>
      expect(screen.getByText(/No monitored services yet/)).toBeInTheDocument(),
    );
    expect(
      await screen.findByText(
        'Could not load the overview: backend unreachable',
      ),
    ).toBeInTheDocument();
  });

  it('shows a service detail with its window', async () => {
    const api = createMockPpHealthApi();
    api.getMicroservice.mockImplementation(async (id, window) =>
      cached({
        ...makeService({ service_id: id, title: 'Payment Service' }),
        description: 'Takes payments',
        window,
        bucket_seconds: 300,
        series: [],
        recent_checks: [],
        alerts: [],
      }),
    );
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/health/services/payment-service'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[ppHealthApiRef, api], mockPermissionApi(infra)],
    });
    expect(await screen.findByText('Takes payments')).toBeInTheDocument();
    expect(api.getMicroservice).toHaveBeenCalledWith('payment-service', '24h');
    expect(
      screen.getByRole('link', { name: 'Catalog entity' }),
    ).toHaveAttribute('href', '/catalog/default/component/payment-service');
    fireEvent.click(screen.getByRole('button', { name: '7d' }));
    await waitFor(() =>
      expect(api.getMicroservice).toHaveBeenCalledWith('payment-service', '7d'),
    );
    expect(
      screen.getByText('No checks or heartbeats in this window.'),
    ).toBeInTheDocument();
  });

  it('marks a queue system that is not configured', async () => {
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
            queues: [{ name: 'orders', depth: 42, consumers: 3 }],
            collected_at: '2025-01-01T00:00:00Z',
          },
        ],
      }),
    );
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/health/queues'],
      apis: [[ppHealthApiRef, api], mockPermissionApi(infra)],
    });
    const temporal = await screen.findByTestId('queue-system-temporal');
    expect(
      within(temporal).getByText(/^Temporal is not configured\./),
    ).toBeInTheDocument();
    expect(within(temporal).queryByText(/app-config|pp\.health/)).toBeNull();
    const rabbit = screen.getByTestId('queue-system-rabbitmq');
    expect(within(rabbit).getByText('orders')).toBeInTheDocument();
    expect(within(rabbit).getByText('42')).toBeInTheDocument();
  });

  it('searches logs and highlights the matches', async () => {
    const api = createMockPpHealthApi();
    api.queryLogs.mockResolvedValue({
      items: [
        {
          id: 'l1',
          service_id: 'payment-service',
          level: 'error',
          message: 'card declined by issuer',
          timestamp: '2025-01-01T00:00:00Z',
          trace_id: null,
          attributes: {},
          highlights: [{ start: 5, end: 13 }],
        },
      ],
      next_cursor: 'c2',
      total_estimate: 2,
      total_is_lower_bound: false,
      limit: 50,
      backend: 'sqlite',
    });
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/health/logs'],
      apis: [[ppHealthApiRef, api], mockPermissionApi(infra)],
    });
    fireEvent.change(await screen.findByLabelText('Search text'), {
      target: { value: 'declined' },
    });
    fireEvent.change(screen.getByLabelText('Service id'), {
      target: { value: 'payment-service' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    const mark = await screen.findByText('declined');
    expect(mark.tagName).toBe('MARK');
    expect(screen.getByText('2 matching lines')).toBeInTheDocument();
    expect(api.queryLogs).toHaveBeenCalledWith(
      expect.objectContaining({
        text: 'declined',
        service: 'payment-service',
        limit: 50,
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Load older lines' }));
    await waitFor(() =>
      expect(api.queryLogs).toHaveBeenLastCalledWith(
        expect.objectContaining({ cursor: 'c2' }),
      ),
    );
  });

  it('edits a threshold', async () => {
    const api = createMockPpHealthApi();
    api.updateThreshold.mockImplementation(async (type, update) => ({
      alert_type: type,
      title: 'Service down',
      unit: 'minutes',
      threshold_value: update.threshold_value ?? 5,
      duration_seconds: 0,
      severity: 'critical',
      enabled: true,
      updated_by: 'ines.infra@waooaw.com',
      updated_at: '2025-01-02T00:00:00Z',
    }));
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/health/thresholds'],
      apis: [[ppHealthApiRef, api], mockPermissionApi(infra)],
    });
    const edit = await screen.findByRole('button', {
      name: 'Edit Service down',
    });
    await waitFor(() => expect(edit).toBeEnabled());
    fireEvent.click(edit);
    const input = await screen.findByLabelText('Threshold value');
    fireEvent.change(input, { target: { value: '-1' } });
    expect(screen.getByText('A number greater than 0')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    fireEvent.change(input, { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateThreshold).toHaveBeenCalledWith(
        'service_down',
        {
          threshold_value: 10,
          duration_seconds: 0,
          severity: 'critical',
          enabled: true,
        },
        undefined,
      ),
    );
    await waitFor(() => expect(api.listThresholds).toHaveBeenCalledTimes(2));
  });
});
