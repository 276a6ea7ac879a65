import { screen } from '@testing-library/react';
import {
  createMockSubscriptionsApi,
  makeDetail,
  mockRolePermissionApi,
} from '../../__testUtils__/mocks';
import { renderDetailPage } from '../../__testUtils__/render';

// Every test in this file is a viewer (usePermission caches answers per file).
const permissions = mockRolePermissionApi('viewer');

describe('SubscriptionDetailPage (viewer)', () => {
  it('shows the subscription but no runs, export or force-cancel button', async () => {
    const api = createMockSubscriptionsApi();
    api.getSubscription.mockResolvedValue(makeDetail());
    await renderDetailPage(api, permissions);
    expect(
      await screen.findByRole('heading', { name: 'Demo Realty Group' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('PP has not acted on this subscription.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No incident was opened for this subscription.'),
    ).toBeInTheDocument();
    // the permission answers came back (DENY) before looking for the buttons
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(permissions[1].authorize).toHaveBeenCalled();
    for (const name of ['Audit agent runs', 'Export runs', 'Force-cancel']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    expect(api.listAgentRuns).not.toHaveBeenCalled();
  });
});
