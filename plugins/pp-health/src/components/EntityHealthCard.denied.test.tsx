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
import { ppHealthApiRef } from '../api';
import {
  createMockPpHealthApi,
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

// a file of its own: usePermission caches its answer per permission for the whole file
describe('EntityHealthCard for someone who may not read health', () => {
  it('is not drawn for someone who may not read health', async () => {
    const api = createMockPpHealthApi();
    await render([], api);
    expect(screen.queryByText('Health')).toBeNull();
    expect(screen.queryByText(/Open the Health tab/)).toBeNull();
    expect(api.getMicroservice).not.toHaveBeenCalled();
  });
});
