import { screen, waitFor } from '@testing-library/react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  createMockSubscriptionsApi,
  makeItem,
  mockCatalogApi,
  mockRolePermissionApi,
  pageOf,
} from '../../__testUtils__/mocks';
import { renderWithSubscriptionsApi } from '../../__testUtils__/render';
import { EntitySubscriptionsContent } from './EntitySubscriptionsContent';

const apis = () => [mockCatalogApi(), mockRolePermissionApi('viewer')] as const;

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
    await renderWithSubscriptionsApi(
      <EntityProvider
        entity={agent({ 'pp.waooaw.com/agent-id': 'sales-prospecting-sdr' })}
      >
        <EntitySubscriptionsContent />
      </EntityProvider>,
      api,
      ...apis(),
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
    await renderWithSubscriptionsApi(
      <EntityProvider entity={agent({})}>
        <EntitySubscriptionsContent />
      </EntityProvider>,
      api,
      ...apis(),
    );
    expect(
      await screen.findByText(/does not name its Customer Portal agent/),
    ).toBeInTheDocument();
    expect(api.listSubscriptions).not.toHaveBeenCalled();
  });
});
