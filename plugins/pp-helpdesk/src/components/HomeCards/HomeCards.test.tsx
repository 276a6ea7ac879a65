import { screen } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ppHelpdeskApiRef } from '../../api';
import {
  createMockHelpdeskApi,
  makeTicket,
  pageOf,
} from '../../__testUtils__/mocks';
import { MyTicketsCard } from './MyTicketsCard';
import { SlaAtRiskCard } from './SlaAtRiskCard';
import { UnassignedTicketsCard } from './UnassignedTicketsCard';

const render = (
  api: ReturnType<typeof createMockHelpdeskApi>,
  card: JSX.Element,
) =>
  renderInTestApp(
    <TestApiProvider apis={[[ppHelpdeskApiRef, api]]}>{card}</TestApiProvider>,
  );

const inHours = (h: number) =>
  new Date(Date.now() + h * 3_600_000).toISOString();

describe('helpdesk home cards', () => {
  it('MyTicketsCard: my open tickets, linked by key', async () => {
    const api = createMockHelpdeskApi();
    api.listTickets.mockResolvedValue(
      pageOf([
        makeTicket({
          key: 'TKT-000007',
          title: 'Refund webhook retries forever',
          status: 'in_progress',
          priority: 'high',
          sla: {
            ...makeTicket({ key: 'x' }).sla,
            due_at: inHours(3),
          },
        }),
      ]),
    );
    await render(api, <MyTicketsCard />);
    const link = await screen.findByRole('link', {
      name: 'TKT-000007 · Refund webhook retries forever',
    });
    expect(link).toHaveAttribute('href', '/pp/helpdesk/tickets/TKT-000007');
    expect(
      screen.getByText(/High support · In progress · /),
    ).toBeInTheDocument();
    expect(api.listTickets).toHaveBeenCalledWith({
      assignee: 'me',
      status: ['open', 'in_progress', 'on_hold', 'escalated'],
      limit: 5,
    });
  });

  it('MyTicketsCard: says so when nothing is assigned', async () => {
    const api = createMockHelpdeskApi();
    await render(api, <MyTicketsCard />);
    expect(
      await screen.findByText('Nothing is assigned to you right now.'),
    ).toBeInTheDocument();
  });

  it('SlaAtRiskCard: only tickets flagged breach-imminent or breached, not those on hold', async () => {
    const api = createMockHelpdeskApi();
    const base = makeTicket({ key: 'x' }).sla;
    api.listTickets.mockResolvedValue(
      pageOf([
        makeTicket({
          key: 'TKT-000001',
          title: 'Imminent',
          sla: {
            ...base,
            due_at: inHours(0.5),
            response_state: 'breach_imminent',
          },
        }),
        makeTicket({
          key: 'TKT-000002',
          title: 'Calm',
          sla: { ...base, due_at: inHours(7) },
        }),
        makeTicket({
          key: 'TKT-000003',
          title: 'Held',
          status: 'on_hold',
          sla: {
            ...base,
            due_at: inHours(0.2),
            response_state: 'breach_imminent',
            paused_since: new Date().toISOString(),
          },
        }),
        makeTicket({
          key: 'TKT-000004',
          title: 'Late',
          sla: { ...base, due_at: inHours(-1), response_state: 'breached' },
        }),
      ]),
    );
    await render(api, <SlaAtRiskCard />);
    expect(
      await screen.findByRole('link', { name: 'TKT-000001 · Imminent' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'TKT-000004 · Late' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Calm/)).toBeNull();
    expect(screen.queryByText(/Held/)).toBeNull();
  });

  it('UnassignedTicketsCard: asks for unassigned open tickets', async () => {
    const api = createMockHelpdeskApi();
    await render(api, <UnassignedTicketsCard />);
    expect(
      await screen.findByText('Every open ticket has someone on it.'),
    ).toBeInTheDocument();
    expect(api.listTickets).toHaveBeenCalledWith({
      assignee: 'unassigned',
      status: ['open', 'escalated'],
      limit: 5,
    });
  });

  it('shows why when the tickets cannot be read', async () => {
    const api = createMockHelpdeskApi();
    api.listTickets.mockRejectedValue(new Error('backend unavailable'));
    await render(api, <UnassignedTicketsCard />);
    expect(
      await screen.findByText(
        /Could not load the tickets: backend unavailable/,
      ),
    ).toBeInTheDocument();
  });
});
