import { screen } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { ppHealthReadPermission } from '@internal/plugin-pp-common';
import { ppHealthApiRef } from '../api';
import {
  cached,
  createMockPpHealthApi,
  makeService,
  mockPermissionApi,
} from '../__testUtils__/mocks';
import { EntityHealthCard } from './EntityHealthCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payment-service',
    annotations: { 'pp.waooaw.com/service-id': 'payment-service' },
  },
  spec: { type: 'service', owner: 'team-commerce', lifecycle: 'production' },
};

function render(allowed: string[], api = createMockPpHealthApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[ppHealthApiRef, api], mockPermissionApi(allowed)]}>
      <EntityProvider entity={entity}>
        <EntityHealthCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('EntityHealthCard', () => {
  it('shows the status, why, the 24 h figures and a link to the Health tab', async () => {
    const api = createMockPpHealthApi();
    api.getMicroservice.mockResolvedValue(
      cached({
        ...makeService({
          service_id: 'payment-service',
          status: 'degraded',
          status_reason: 'Error rate 7.5% is above the 5% threshold.',
          error_rate: 0.075,
          p95_response_ms: 1500,
          uptime_24h_percent: 99.2,
          open_alerts: 2,
          data_source: 'demo',
        }),
        description: null,
        window: '24h',
        bucket_seconds: 300,
        series: [],
        recent_checks: [],
        alerts: [],
        silences: [],
      }),
    );
    await render([ppHealthReadPermission.name], api);
    expect(
      await screen.findByText('Error rate 7.5% is above the 5% threshold.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Degraded')).toBeInTheDocument();
    expect(screen.getByText('7.50%')).toBeInTheDocument();
    expect(screen.getByText('1.50 s')).toBeInTheDocument();
    expect(screen.getByText('2')).toBeInTheDocument();
    expect(
      screen.getByText(/come from the demo generator/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the Health tab/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payment-service/health',
    );
    expect(api.getMicroservice).toHaveBeenCalledWith('payment-service', '24h');
  });
});
