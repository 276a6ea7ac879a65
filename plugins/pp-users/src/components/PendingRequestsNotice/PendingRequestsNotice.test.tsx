import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ppUsersApiRef } from '../../api';
import { createMockPpUsersApi, pageOf } from '../../__testUtils__/mocks';
import { roleRequestsRouteRef } from '../../routes';
import { PendingRequestsNotice } from './PendingRequestsNotice';

describe('PendingRequestsNotice', () => {
  it('counts the pending requests and links to their tab', async () => {
    const api = createMockPpUsersApi();
    api.listRoleRequests.mockResolvedValue(pageOf([], 1));
    await renderInTestApp(<PendingRequestsNotice />, {
      apis: [[ppUsersApiRef, api]],
      mountedRoutes: { '/pp/users/role-requests': roleRequestsRouteRef },
    });

    expect(
      await screen.findByText('1 role request is waiting for review.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Review' })).toHaveAttribute(
      'href',
      '/pp/users/role-requests',
    );
    expect(api.listRoleRequests).toHaveBeenCalledWith({
      status: 'pending',
      limit: 1,
    });
  });

  it('renders nothing when none are pending', async () => {
    const api = createMockPpUsersApi();
    const { container } = await renderInTestApp(<PendingRequestsNotice />, {
      apis: [[ppUsersApiRef, api]],
    });
    await waitFor(() => expect(api.listRoleRequests).toHaveBeenCalled());
    expect(container).not.toHaveTextContent('waiting for review');
  });
});
