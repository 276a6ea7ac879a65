import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ppHelpdeskApiRef } from '../../api';
import {
  createMockHelpdeskApi,
  makeDetail,
  mockPermissionApi,
} from '../../__testUtils__/mocks';
import { TicketPage } from './TicketPage';

// Every test in this file is a viewer (usePermission caches answers per file).

describe('TicketPage (viewer)', () => {
  it('shows the ticket and its timeline but no write controls', async () => {
    const api = createMockHelpdeskApi();
    api.getTicket.mockResolvedValue(
      makeDetail({
        key: 'TKT-000002',
        status: 'in_progress',
        timeline: [
          {
            kind: 'comment',
            id: 'c1',
            at: '2025-01-01T11:00:00.000Z',
            actor: { id: 'hari', name: 'Hari Helpdesk', email: null },
            body: 'Looking into it',
          },
        ],
      }),
    );
    const permission = mockPermissionApi(false);
    renderInTestApp(<TicketPage ticketId="TKT-000002" />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[ppHelpdeskApiRef, api], permission],
    });

    expect(
      await screen.findByText('TKT-000002: Ticket TKT-000002'),
    ).toBeInTheDocument();
    expect(screen.getByText('Looking into it')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'payment-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/payment-service');
    expect(permission[1].authorize).toHaveBeenCalled();
    expect(screen.queryByLabelText('Ticket actions')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Add a comment')).not.toBeInTheDocument();
    for (const name of ['Assign to me', 'Resolve', 'Escalate', 'Put on hold']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    expect(api.listAssignees).not.toHaveBeenCalled();
    expect(
      screen.queryByRole('button', { name: /Attach file/ }),
    ).not.toBeInTheDocument();
  });
});
