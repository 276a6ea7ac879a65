import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ppSubscriptionsApiRef } from '../../api';
import {
  createMockSubscriptionsApi,
  makeItem,
  mockCatalogApi,
  mockPermissionApi,
  pageOf,
} from '../../__testUtils__/mocks';
import { EntitySubscriptionsContent } from './EntitySubscriptionsContent';

const agent = (annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'sales-prospecting-sdr', annotations },
  spec: { type: 'ai-agent' },
});

describe('EntitySubscriptionsContent', () => {
  it('lists the subscriptions of the agent named by its agent-id annotation', async () => {
    const api = createMockSubscriptionsApi();
    api.listSubscriptions.mockResolvedValue(
      pageOf([makeItem({ id: 's1', customer_name: 'Demo Realty Group' })]),
    );
    await renderInTestApp(
      <EntityProvider
        entity={agent({ 'pp.waooaw.com/agent-id': 'sales-prospecting-sdr' })}
      >
        <EntitySubscriptionsContent />
      </EntityProvider>,
      {
        apis: [
          [ppSubscriptionsApiRef, api],
          mockCatalogApi(),
          mockPermissionApi(['pp.subscriptions.read']),
        ],
      },
    );
    expect(await screen.findByText('Demo Realty Group')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.listSubscriptions).toHaveBeenLastCalledWith(
        expect.objectContaining({ agent: 'sales-prospecting-sdr' }),
      ),
    );
    // one agent: no agent column or filter
    expect(screen.queryByRole('columnheader', { name: 'Agent' })).toBeNull();
  });

  it('says in a sentence when the agent has no Customer Portal id', async () => {
    const api = createMockSubscriptionsApi();
    await renderInTestApp(
      <EntityProvider entity={agent({})}>
        <EntitySubscriptionsContent />
      </EntityProvider>,
      {
        apis: [
          [ppSubscriptionsApiRef, api],
          mockCatalogApi(),
          mockPermissionApi(['pp.subscriptions.read']),
        ],
      },
    );
    expect(
      await screen.findByText(/does not name its Customer Portal agent/),
    ).toBeInTheDocument();
    expect(api.listSubscriptions).not.toHaveBeenCalled();
  });
});
