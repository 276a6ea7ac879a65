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
import { ppHelpdeskApiRef } from '../../api';
import {
  createMockHelpdeskApi,
  makeTicket,
  mockPermissionApi,
  pageOf,
} from '../../__testUtils__/mocks';
import { EntityTicketsCard } from './EntityTicketsCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-service' },
  spec: { type: 'service', owner: 'team-commerce', lifecycle: 'production' },
};

const render = (api: ReturnType<typeof createMockHelpdeskApi>) =>
  renderInTestApp(
    <TestApiProvider apis={[[ppHelpdeskApiRef, api], mockPermissionApi(true)]}>
      <EntityProvider entity={entity}>
        <EntityTicketsCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );

describe('EntityTicketsCard', () => {
  it("lists the entity's open tickets and links to its Tickets tab", async () => {
    const api = createMockHelpdeskApi();
    api.listTickets.mockResolvedValue(
      pageOf([makeTicket({ key: 'TKT-000042', title: 'Refunds are slow' })]),
    );
    await render(api);
    expect(
      await screen.findByRole('link', {
        name: 'TKT-000042 · Refunds are slow',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'All of its tickets' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payment-service/tickets',
    );
    expect(api.listTickets).toHaveBeenCalledWith({
      entity_ref: 'component:default/payment-service',
      status: ['open', 'in_progress', 'on_hold', 'escalated'],
      limit: 5,
    });
  });

  it('says so when there is none', async () => {
    const api = createMockHelpdeskApi();
    await render(api);
    expect(await screen.findByText('No open tickets.')).toBeInTheDocument();
  });
});
