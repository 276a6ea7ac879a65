import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { coreApis, coreExtensionData } from '@backstage/frontend-plugin-api';
import plugin, { ppSubscriptionsApiRef } from './index';
import { isAgentEntity } from './plugin';
import {
  createMockSubscriptionsApi,
  makeDetail,
  makeItem,
  mockCatalogApi,
  mockRolePermissionApi,
  pageOf,
} from './__testUtils__/mocks';

// A subscription manager: reads, audits and exports, never force-cancels.
const permissions = mockRolePermissionApi('manager');

/** The whole plugin in a test app at `route`, for a subscription manager. */
const renderPluginAt = (
  route: string,
  api: ReturnType<typeof createMockSubscriptionsApi>,
) =>
  renderTestApp({
    features: [plugin],
    initialRouteEntries: [route],
    apis: [[ppSubscriptionsApiRef, api], mockCatalogApi(), permissions],
  });

describe('pp-subscriptions plugin', () => {
  it('declares the page, the entity tab and the API', () => {
    expect(plugin.pluginId).toBe('pp-subscriptions');
    const tester = createExtensionTester(
      plugin.getExtension('page:pp-subscriptions'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/pp/subscriptions');
    expect(tester.get(coreExtensionData.title)).toBe('Subscriptions');
    expect(plugin.getExtension('api:pp-subscriptions')).toBeDefined();
    expect(
      plugin.getExtension('entity-content:pp-subscriptions/subscriptions'),
    ).toBeDefined();
  });

  it('shows the Subscriptions tab on AI agents only', () => {
    const component = (type: string, kind = 'Component') => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x' },
      spec: { type },
    });
    expect(isAgentEntity(component('ai-agent'))).toBe(true);
    expect(isAgentEntity(component('service'))).toBe(false);
    expect(isAgentEntity(component('ai-agent', 'API'))).toBe(false);
  });

  it('lists subscriptions with their bands; the URL keeps the filters', async () => {
    const user = userEvent.setup({ delay: null });
    const api = createMockSubscriptionsApi();
    api.listSubscriptions.mockResolvedValue(
      pageOf(
        [
          makeItem({
            id: 'demo-sub-003',
            customer_name: 'Demo Realty Group',
            score: 41.2,
            band: 'red',
            runs_failed_30d: 54,
          }),
          makeItem({
            id: 'demo-sub-007',
            customer_name: 'Demo Law Partners',
            status: 'trial',
            score: 58,
            band: 'red',
          }),
        ],
        null,
        { green: 5, amber: 2, red: 2, unscored: 1 },
      ),
    );
    const app = renderPluginAt('/pp/subscriptions?band=red&sort=-errors', api);

    const rows = await screen.findAllByTestId('subscription-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]);
    expect(
      first.getByRole('link', { name: 'Demo Realty Group' }),
    ).toHaveAttribute('href', '/pp/subscriptions/demo-sub-003');
    // the score chip carries the number and the band's word, not only a colour
    expect(
      first.getByText('41.2 · Critical').closest('[data-band]'),
    ).toHaveAttribute('data-band', 'red');
    expect(first.getByText('Sales Prospecting SDR')).toBeInTheDocument();
    expect(first.getByText('54')).toBeInTheDocument();
    // the filters came from the URL
    expect(api.listSubscriptions).toHaveBeenLastCalledWith(
      expect.objectContaining({ band: ['red'], sort: '-errors', limit: 25 }),
    );
    // band counts are chips; the selected one is pressed
    expect(screen.getByTestId('band-red')).toHaveTextContent(
      'Critical (score below 60): 2',
    );
    expect(screen.getByTestId('band-red')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByTestId('band-green')).toHaveTextContent(
      'Healthy (score 80 or more): 5',
    );
    expect(screen.getByText('Showing 2 of 2')).toBeInTheDocument();

    // quick filters: score below 60, more than 5 failed runs, churned
    await user.click(screen.getByRole('button', { name: 'Score below 60' }));
    await waitFor(() =>
      expect(api.listSubscriptions).toHaveBeenLastCalledWith(
        expect.objectContaining({ band: ['red'], score_lt: 60 }),
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Churned' }));
    await user.click(screen.getByTestId('band-red')); // unselects the band
    await waitFor(() =>
      expect(api.listSubscriptions.mock.lastCall?.[0]).toEqual({
        status: ['churned'],
        score_lt: 60,
        sort: '-errors',
        limit: 25,
        cursor: undefined,
      }),
    );
    // the URL keeps them (a reload or a shared link shows the same list)
    const history = app.apis.get(coreApis.appHistory)!;
    await waitFor(() =>
      expect(history.getSnapshot().location.search).toBe(
        '?status=churned&score_lt=60&sort=-errors',
      ),
    );

    // agent and industry choices are names from the catalog, not ids
    await user.click(screen.getByRole('button', { name: /^Agent/ }));
    await user.click(
      await screen.findByRole('option', { name: 'JEE Math Tutor' }),
    );
    await waitFor(() =>
      expect(api.listSubscriptions).toHaveBeenLastCalledWith(
        expect.objectContaining({ agent: 'education-jee-math-tutor' }),
      ),
    );
  });

  it('saves the filters as a named view and applies it again', async () => {
    const user = userEvent.setup({ delay: null });
    const api = createMockSubscriptionsApi();
    api.listSubscriptions.mockResolvedValue(
      pageOf([makeItem({ id: 'demo-sub-005', status: 'churned' })]),
    );
    renderPluginAt('/pp/subscriptions?status=churned&errors_gt=5', api);
    const views = within(await screen.findByTestId('saved-views'));
    expect(views.getByText('none yet')).toBeInTheDocument();
    await user.type(
      views.getByLabelText('Saved view name'),
      'Churned, failing',
    );
    await user.click(views.getByRole('button', { name: 'Save view' }));
    expect(
      await views.findByRole('button', { name: 'Churned, failing' }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(api.listSubscriptions.mock.lastCall?.[0]).toEqual({
        limit: 25,
        cursor: undefined,
      }),
    );
    await user.click(views.getByRole('button', { name: 'Churned, failing' }));
    await waitFor(() =>
      expect(api.listSubscriptions.mock.lastCall?.[0]).toEqual({
        status: ['churned'],
        errors_gt: 5,
        limit: 25,
        cursor: undefined,
      }),
    );
  });

  it('serves a subscription page at /pp/subscriptions/:subscriptionId', async () => {
    const api = createMockSubscriptionsApi();
    api.getSubscription.mockResolvedValue(makeDetail());
    renderPluginAt('/pp/subscriptions/demo-sub-003', api);
    expect(
      await screen.findByRole('heading', { name: 'Demo Realty Group' }),
    ).toBeInTheDocument();
    expect(api.getSubscription).toHaveBeenCalledWith('demo-sub-003');
  });
});
