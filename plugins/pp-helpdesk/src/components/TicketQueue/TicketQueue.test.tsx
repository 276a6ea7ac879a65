import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { storageApiRef } from '@backstage/frontend-plugin-api';
import { ppHelpdeskApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  createMockHelpdeskApi,
  makeTicket,
  pageOf,
} from '../../__testUtils__/mocks';
import { TicketQueue } from './TicketQueue';

const mountedRoutes = { '/pp/helpdesk': rootRouteRef };

describe('TicketQueue', () => {
  it('lists tickets with their SLA countdown and links to the ticket pages', async () => {
    const api = createMockHelpdeskApi();
    api.listTickets.mockResolvedValue(
      pageOf([
        makeTicket({
          key: 'TKT-000007',
          title: 'Checkout 502s',
          priority: 'critical',
          assignee: { id: 'hari', name: 'Hari Helpdesk', email: null },
        }),
        makeTicket({ key: 'TKT-000008', title: 'New dashboard' }),
      ]),
    );
    await renderInTestApp(<TicketQueue />, {
      apis: [[ppHelpdeskApiRef, api]],
      mountedRoutes,
    });

    const row = within(await screen.findByTestId('ticket-row-TKT-000007'));
    expect(row.getByText('Checkout 502s')).toBeInTheDocument();
    expect(row.getByText('Critical')).toBeInTheDocument();
    expect(row.getByText('Hari Helpdesk')).toBeInTheDocument();
    expect(row.getByRole('link', { name: 'TKT-000007' })).toHaveAttribute(
      'href',
      '/pp/helpdesk/tickets/TKT-000007',
    );
    // The fixtures were due on 2025-01-01: long breached, hence red.
    expect(row.getByTestId('sla-countdown')).toHaveAttribute(
      'data-tone',
      'breached',
    );
    expect(
      within(screen.getByTestId('ticket-row-TKT-000008')).getByText(
        'Unassigned',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Showing 2 of 2')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('lets a long token in a title wrap inside its column, words elsewhere stay whole', async () => {
    const token = `https://example.com/${'a'.repeat(200)}`;
    const api = createMockHelpdeskApi();
    api.listTickets.mockResolvedValue(
      pageOf([makeTicket({ key: 'TKT-000009', title: `Broken ${token}` })]),
    );
    await renderInTestApp(<TicketQueue />, {
      apis: [[ppHelpdeskApiRef, api]],
      mountedRoutes,
    });
    const row = within(await screen.findByTestId('ticket-row-TKT-000009'));
    expect(row.getByText(`Broken ${token}`)).toHaveStyle({
      overflowWrap: 'anywhere',
      minWidth: '14em',
    });
    // the other cells keep words whole (no overflow-wrap: anywhere of their own)
    expect(row.getByText('Support')).not.toHaveStyle({
      overflowWrap: 'anywhere',
    });
  });

  it('sends the chosen filters and pages on with the cursor', async () => {
    const user = userEvent.setup({ delay: null });
    const api = createMockHelpdeskApi();
    api.listTickets.mockImplementation(async query =>
      query?.cursor === 'c2'
        ? pageOf([makeTicket({ key: 'TKT-000002' })], null, 2)
        : pageOf([makeTicket({ key: 'TKT-000001' })], 'c2', 2),
    );
    await renderInTestApp(<TicketQueue />, {
      apis: [[ppHelpdeskApiRef, api]],
      mountedRoutes,
    });
    await screen.findByTestId('ticket-row-TKT-000001');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByTestId('ticket-row-TKT-000002');
    expect(screen.getByTestId('ticket-row-TKT-000001')).toBeInTheDocument();
    expect(api.listTickets).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'c2', limit: 25 }),
    );
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    await user.click(screen.getByRole('button', { name: /^Status/ }));
    await user.click(await screen.findByRole('option', { name: 'Escalated' }));
    await user.click(screen.getByRole('button', { name: /^Assignee/ }));
    await user.click(await screen.findByRole('option', { name: 'Unassigned' }));
    await user.type(screen.getByLabelText('Search tickets'), 'checkout');
    await waitFor(() =>
      expect(api.listTickets).toHaveBeenLastCalledWith(
        expect.objectContaining({
          status: ['escalated'],
          assignee: 'unassigned',
          q: 'checkout',
          cursor: undefined,
        }),
      ),
    );
  });

  it('lists only the tickets of one entity on its page', async () => {
    const api = createMockHelpdeskApi();
    await renderInTestApp(
      <TicketQueue entityRef="component:default/genesis-agent" />,
      { apis: [[ppHelpdeskApiRef, api]], mountedRoutes },
    );
    expect(await screen.findByText('No tickets')).toBeInTheDocument();
    expect(
      screen.getByText('Nobody has raised a ticket about this entity yet.'),
    ).toBeInTheDocument();
    expect(api.listTickets).toHaveBeenCalledWith(
      expect.objectContaining({
        entity_ref: 'component:default/genesis-agent',
      }),
    );
    expect(screen.queryByLabelText('Entity')).toBeNull();
  });

  it('asks the server once on load, and keeps its refusal on screen', async () => {
    const api = createMockHelpdeskApi();
    api.listTickets.mockRejectedValue(
      new Error(
        'To read tickets you need the role Helpdesk Agent, Infrastructure Engineer, Viewer or Admin; Sam has Subscription Manager.',
      ),
    );
    await renderInTestApp(<TicketQueue />, {
      apis: [[ppHelpdeskApiRef, api]],
      mountedRoutes,
    });
    expect(
      await screen.findByText(/^To read tickets you need the role /),
    ).toBeInTheDocument();
    // past the search box's debounce: no second request blanks the message
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(api.listTickets).toHaveBeenCalledTimes(1);
    expect(
      screen.getByText(/^To read tickets you need the role /),
    ).toBeInTheDocument();
  });

  it('shows the server error', async () => {
    const api = createMockHelpdeskApi();
    api.listTickets.mockRejectedValue(new Error('assignee must be a user id'));
    await renderInTestApp(<TicketQueue />, {
      apis: [[ppHelpdeskApiRef, api]],
      mountedRoutes,
    });
    expect(
      await screen.findByText('assignee must be a user id'),
    ).toBeInTheDocument();
  });

  it('saves the current filters per person and applies them again', async () => {
    const user = userEvent.setup({ delay: null });
    const api = createMockHelpdeskApi();
    const storage = mockApis.storage();
    await renderInTestApp(<TicketQueue showSavedFilters />, {
      apis: [
        [ppHelpdeskApiRef, api],
        [storageApiRef, storage],
      ],
      mountedRoutes,
    });
    await screen.findByText('No tickets');

    await user.click(screen.getByRole('button', { name: /^Priority/ }));
    await user.click(await screen.findByRole('option', { name: 'Critical' }));
    await user.type(screen.getByLabelText('Saved filter name'), 'Fires');
    await user.click(screen.getByRole('button', { name: 'Save filters' }));

    expect(
      storage.forBucket('pp-helpdesk').snapshot('savedFilters').value,
    ).toEqual([{ name: 'Fires', filters: { priority: ['critical'] } }]);

    await user.click(screen.getByRole('button', { name: /^Priority/ }));
    await user.click(
      await screen.findByRole('option', { name: 'Any priority' }),
    );
    await waitFor(() =>
      expect(api.listTickets).toHaveBeenLastCalledWith(
        expect.objectContaining({ priority: undefined }),
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Fires' }));
    await waitFor(() =>
      expect(api.listTickets).toHaveBeenLastCalledWith(
        expect.objectContaining({ priority: ['critical'] }),
      ),
    );
  });
});
