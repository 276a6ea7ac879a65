import { screen } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { ppHelpdeskApiRef } from '../../api';
import {
  createMockHelpdeskApi,
  mockPermissionApi,
} from '../../__testUtils__/mocks';
import { EntityTicketsCard } from './EntityTicketsCard';

// a file of its own: usePermission caches its answer per permission for the whole file
describe('EntityTicketsCard for someone who may not read tickets', () => {
  it('is not drawn and asks for nothing', async () => {
    const api = createMockHelpdeskApi();
    await renderInTestApp(
      <TestApiProvider
        apis={[[ppHelpdeskApiRef, api], mockPermissionApi(false)]}
      >
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'payment-service' },
            spec: { type: 'service' },
          }}
        >
          <EntityTicketsCard />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(screen.queryByText('Open tickets')).toBeNull();
    expect(api.listTickets).not.toHaveBeenCalled();
  });
});
