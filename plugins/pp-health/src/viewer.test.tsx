import { screen, waitFor } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { ppHealthReadPermission } from '@internal/plugin-pp-common';
import plugin, { ppHealthApiRef } from './index';
import {
  createMockPpHealthApi,
  mockPermissionApi,
} from './__testUtils__/mocks';

// A viewer may read health but neither query logs nor change thresholds.
describe('pp-health for a viewer', () => {
  it('shows thresholds read-only', async () => {
    const api = createMockPpHealthApi();
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/health/thresholds'],
      apis: [
        [ppHealthApiRef, api],
        mockPermissionApi([ppHealthReadPermission.name]),
      ],
    });
    expect(await screen.findByText(/Read only/)).toBeInTheDocument();
    const edit = await screen.findByRole('button', {
      name: 'Edit Service down',
    });
    expect(edit).toBeDisabled();
    expect(api.updateThreshold).not.toHaveBeenCalled();
  });

  it('offers no log search', async () => {
    const api = createMockPpHealthApi();
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/health/logs'],
      apis: [
        [ppHealthApiRef, api],
        mockPermissionApi([ppHealthReadPermission.name]),
      ],
    });
    expect(
      await screen.findByText(
        'Log search is open to infrastructure engineers and admins.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Search text')).not.toBeInTheDocument();
    await waitFor(() => expect(api.queryLogs).not.toHaveBeenCalled());
  });
});
