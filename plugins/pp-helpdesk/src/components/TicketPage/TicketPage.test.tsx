import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  PP_TICKET_STATUSES,
  PpTicketStatus,
  ppTicketTransitionsFrom,
} from '@internal/plugin-pp-common';
import { ppHelpdeskApiRef } from '../../api';
import {
  createMockHelpdeskApi,
  makeDetail,
  mockPermissionApi,
} from '../../__testUtils__/mocks';
import { TicketPage, transitionLabel } from './TicketPage';

// Every test in this file is a helpdesk agent (usePermission caches answers per file).

async function conflictError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'PreconditionFailedError', message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: status === 412 ? 'Precondition Failed' : 'Conflict',
        headers: { 'content-type': 'application/json' },
      },
    ) as any,
  );
}

function setup(status: PpTicketStatus = 'open') {
  const api = createMockHelpdeskApi();
  const ticket = makeDetail({ key: 'TKT-000001', status });
  api.getTicket.mockResolvedValue(ticket);
  api.listAssignees.mockResolvedValue([
    { id: 'ines', name: 'Ines Infra', email: 'ines@waooaw.com' },
  ]);
  const user = userEvent.setup({ delay: null });
  renderInTestApp(<TicketPage ticketId="TKT-000001" />, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [[ppHelpdeskApiRef, api], mockPermissionApi(true)],
  });
  return { api, user, ticket };
}

function actionButtons(): string[] {
  const bar = screen.getByRole('group', { name: 'Status changes' });
  return within(bar)
    .queryAllByRole('button')
    .map(button => button.textContent ?? '')
    .filter(text => text !== '');
}

describe('TicketPage (helpdesk agent)', () => {
  it.each(PP_TICKET_STATUSES.map(s => [s]))(
    'offers only the legal moves from %s',
    async status => {
      setup(status);
      expect(
        await screen.findByText('TKT-000001: Ticket TKT-000001'),
      ).toBeInTheDocument();
      await waitFor(() =>
        expect(screen.getByLabelText('Ticket actions')).toBeInTheDocument(),
      );
      const legal = ppTicketTransitionsFrom(status).map(to =>
        transitionLabel(status, to),
      );
      expect(actionButtons().sort()).toEqual([...legal].sort());
    },
  );

  it('offers no moves and no comment box on a closed ticket', async () => {
    setup('closed');
    expect(
      await screen.findByText('TKT-000001: Ticket TKT-000001'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByRole('group', { name: 'Status changes' }),
      ).toBeInTheDocument(),
    );
    expect(actionButtons()).toEqual([]);
    expect(screen.queryByLabelText('Add a comment')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Attach file/ }),
    ).not.toBeInTheDocument();
  });

  it('links an incident PP opened for a subscription to that subscription', async () => {
    const api = createMockHelpdeskApi();
    api.getTicket.mockResolvedValue(
      makeDetail({
        key: 'TKT-000001',
        labels: ['subscription-incident', 'subscription:demo-sub-007'],
      }),
    );
    api.listAssignees.mockResolvedValue([]);
    renderInTestApp(<TicketPage ticketId="TKT-000001" />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[ppHelpdeskApiRef, api], mockPermissionApi(true)],
    });
    const link = await screen.findByRole('button', {
      name: 'Open its subscription',
    });
    expect(link).toHaveAttribute('href', '/pp/subscriptions/demo-sub-007');
    expect(screen.getByText('subscription-incident')).toBeInTheDocument();
    expect(screen.queryByText(/demo-sub-007/)).not.toBeInTheDocument();
  });

  it('moves the ticket with the version it read', async () => {
    const { api, user, ticket } = setup('open');
    api.transitionTicket.mockResolvedValue(
      makeDetail({ key: 'TKT-000001', status: 'in_progress', version: 2 }),
    );
    await user.click(await screen.findByRole('button', { name: 'Start work' }));
    await waitFor(() =>
      expect(api.transitionTicket).toHaveBeenCalledWith(ticket.id, {
        status: 'in_progress',
        version: 1,
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'Put on hold' }),
    ).toBeInTheDocument();
  });

  it('shows a spinner on the write that waits on the server and disables the others', async () => {
    const { api, user, ticket } = setup('open');
    let answer: (t: typeof ticket) => void = () => {};
    api.transitionTicket.mockImplementation(
      () =>
        new Promise(resolve => {
          answer = resolve;
        }),
    );
    await user.click(await screen.findByRole('button', { name: 'Start work' }));
    const start = screen.getByRole('button', { name: /Start work/ });
    expect(
      within(start).getByRole('progressbar', { name: 'Working' }),
    ).toBeInTheDocument();
    expect(start).toBeDisabled();
    expect(screen.getByRole('button', { name: /Assign to me/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: /Escalate/ })).toBeDisabled();

    answer(
      makeDetail({ key: 'TKT-000001', status: 'in_progress', version: 2 }),
    );
    expect(
      await screen.findByRole('button', { name: 'Put on hold' }),
    ).toBeEnabled();
    expect(
      screen.queryByRole('progressbar', { name: 'Working' }),
    ).not.toBeInTheDocument();
  });

  it('asks for a reason before putting a ticket on hold and sends it as a comment', async () => {
    const { api, user, ticket } = setup('in_progress');
    api.transitionTicket.mockResolvedValue(
      makeDetail({ key: 'TKT-000001', status: 'on_hold', version: 2 }),
    );
    await user.click(
      await screen.findByRole('button', { name: 'Put on hold' }),
    );
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Put on hold' });
    expect(confirm).toBeDisabled();
    expect(api.transitionTicket).not.toHaveBeenCalled();
    await user.type(
      within(dialog).getByLabelText('Reason'),
      'Waiting for the vendor patch',
    );
    await user.click(confirm);
    await waitFor(() =>
      expect(api.transitionTicket).toHaveBeenCalledWith(ticket.id, {
        status: 'on_hold',
        comment: 'Put on hold: Waiting for the vendor patch',
        version: 1,
      }),
    );
  });

  it('asks for resolution notes before resolving and sends them', async () => {
    const { api, user, ticket } = setup('in_progress');
    api.transitionTicket.mockResolvedValue(
      makeDetail({ key: 'TKT-000001', status: 'resolved', version: 2 }),
    );
    await user.click(await screen.findByRole('button', { name: 'Resolve' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Resolve' });
    expect(confirm).toBeDisabled();
    await user.type(
      within(dialog).getByLabelText('Resolution notes'),
      'Rolled back the deploy',
    );
    await user.click(confirm);
    await waitFor(() =>
      expect(api.transitionTicket).toHaveBeenCalledWith(ticket.id, {
        status: 'resolved',
        resolution_notes: 'Rolled back the deploy',
        version: 1,
      }),
    );
  });

  it('offers the notes written when resolving again when closing', async () => {
    const api = createMockHelpdeskApi();
    api.getTicket.mockResolvedValue({
      ...makeDetail({ key: 'TKT-000001', status: 'resolved' }),
      resolution_notes: 'Rolled back the deploy',
    });
    const user = userEvent.setup({ delay: null });
    renderInTestApp(<TicketPage ticketId="TKT-000001" />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[ppHelpdeskApiRef, api], mockPermissionApi(true)],
    });
    await user.click(await screen.findByRole('button', { name: 'Close' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Resolution notes')).toHaveValue(
      'Rolled back the deploy',
    );
  });

  it('shows both SLA clocks, never "SLA SLA met"', async () => {
    const api = createMockHelpdeskApi();
    const base = makeDetail({ key: 'TKT-000001', status: 'resolved' });
    api.getTicket.mockResolvedValue({
      ...base,
      sla: {
        ...base.sla,
        first_response_at: '2025-01-01T11:00:00.000Z',
        due_at: null,
        response_state: 'met',
        resolution_state: 'missed',
      },
    });
    renderInTestApp(<TicketPage ticketId="TKT-000001" />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[ppHelpdeskApiRef, api], mockPermissionApi(true)],
    });
    expect(await screen.findByTestId('sla-response')).toHaveTextContent(
      'Response SLA: Met',
    );
    expect(screen.getByTestId('sla-resolution')).toHaveTextContent(
      'Resolution SLA: Missed',
    );
    expect(screen.queryByText(/SLA SLA/)).not.toBeInTheDocument();
  });

  it('on a stale version shows the conflict, reloads and keeps the typed comment', async () => {
    const { api, user, ticket } = setup('in_progress');
    api.commentTicket.mockRejectedValue(
      await conflictError(412, 'The ticket has changed since you read it'),
    );
    const field = await screen.findByLabelText('Add a comment');
    await user.type(field, 'Restarted the pods, watching');
    api.getTicket.mockResolvedValue(
      makeDetail({ key: 'TKT-000001', status: 'on_hold', version: 3 }),
    );
    await user.click(screen.getByRole('button', { name: 'Comment' }));

    expect(
      await screen.findByText(/The ticket has changed since you read it/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/has been reloaded; your text is kept/),
    ).toBeInTheDocument();
    expect(api.getTicket).toHaveBeenCalledTimes(2);
    expect(api.commentTicket).toHaveBeenCalledWith(
      ticket.id,
      'Restarted the pods, watching',
    );
    // The reloaded ticket is on hold now, and what was typed is still there.
    expect(
      await screen.findByRole('button', { name: 'Resume work' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Add a comment')).toHaveValue(
      'Restarted the pods, watching',
    );
  });

  it('escalates with a reason and keeps the reason after an illegal-move conflict', async () => {
    const { api, user, ticket } = setup('in_progress');
    api.escalateTicket.mockRejectedValueOnce(
      await conflictError(409, 'Cannot move from resolved to escalated'),
    );
    await user.click(await screen.findByRole('button', { name: 'Escalate' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Escalate' });
    expect(confirm).toBeDisabled();
    await user.type(
      within(dialog).getByLabelText('Reason'),
      'Customer-facing outage for an hour',
    );
    await user.click(confirm);
    expect(
      await screen.findByText(/Cannot move from resolved to escalated/),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Reason')).toHaveValue(
      'Customer-facing outage for an hour',
    );

    api.escalateTicket.mockResolvedValueOnce(
      makeDetail({ key: 'TKT-000001', status: 'escalated', version: 2 }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));
    await waitFor(() =>
      expect(api.escalateTicket).toHaveBeenLastCalledWith(ticket.id, {
        reason: 'Customer-facing outage for an hour',
        version: 1,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('assigns the ticket to the signed-in agent', async () => {
    const { api, user, ticket } = setup('open');
    api.assignTicket.mockResolvedValue(
      makeDetail({
        key: 'TKT-000001',
        assignee: { id: 'hari', name: 'Hari Helpdesk', email: null },
        version: 2,
      }),
    );
    await user.click(
      await screen.findByRole('button', { name: 'Assign to me' }),
    );
    await waitFor(() =>
      expect(api.assignTicket).toHaveBeenCalledWith(ticket.id, {
        assignee_id: 'me',
        version: 1,
      }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Assign to me' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('assigns the ticket to a colleague picked from the assignee list, with the version it read', async () => {
    const { api, user, ticket } = setup('open');
    api.assignTicket.mockResolvedValue(
      makeDetail({
        key: 'TKT-000001',
        assignee: { id: 'ines', name: 'Ines Infra', email: 'ines@waooaw.com' },
        version: 2,
      }),
    );
    const picker = await screen.findByRole('button', { name: /^Assignee/ });
    await waitFor(() => expect(api.listAssignees).toHaveBeenCalled());
    await user.click(picker);
    await user.click(await screen.findByRole('option', { name: 'Ines Infra' }));
    await waitFor(() =>
      expect(api.assignTicket).toHaveBeenCalledWith(ticket.id, {
        assignee_id: 'ines',
        version: 1,
      }),
    );
    expect(api.assignTicket).toHaveBeenCalledTimes(1);
    // The answer replaces the ticket: the picker shows the new assignee.
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: /^Assignee/ }),
      ).toHaveTextContent('Ines Infra'),
    );
    expect(
      screen.queryByRole('button', { name: 'Assign to me' }),
    ).not.toBeInTheDocument();
  });

  describe('Attach file', () => {
    const fileInput = () =>
      screen.getByLabelText('Attach file', {
        selector: 'input',
      }) as HTMLInputElement;

    it('uploads the picked file to the ticket and shows it in the refreshed list', async () => {
      const { api, user, ticket } = setup('in_progress');
      api.addAttachment.mockResolvedValue({
        id: 'att-1',
        ticket_id: ticket.id,
        file_name: 'trace.txt',
        content_type: 'text/plain',
        size_bytes: 5,
        uploaded_by: 'hari',
        uploaded_at: '2025-01-01T11:00:00.000Z',
      });
      expect(
        await screen.findByRole('button', { name: /Attach file/ }),
      ).toBeEnabled();
      expect(screen.getByText('No attachments yet.')).toBeInTheDocument();
      expect(screen.getByText(/Up to 5 MB each/)).toBeInTheDocument();
      api.getTicket.mockResolvedValue(
        makeDetail({
          key: 'TKT-000001',
          status: 'in_progress',
          version: 2,
          attachments: [
            {
              id: 'att-1',
              ticket_id: ticket.id,
              file_name: 'trace.txt',
              content_type: 'text/plain',
              size_bytes: 5,
              uploaded_by: 'hari',
              uploaded_at: '2025-01-01T11:00:00.000Z',
            },
          ],
        }),
      );
      await user.upload(
        fileInput(),
        new File(['hello'], 'trace.txt', { type: 'text/plain' }),
      );
      await waitFor(() =>
        expect(api.addAttachment).toHaveBeenCalledWith(ticket.id, {
          file_name: 'trace.txt',
          content_type: 'text/plain',
          content_base64: Buffer.from('hello').toString('base64'),
        }),
      );
      expect(
        await screen.findByRole('button', { name: 'trace.txt' }),
      ).toBeInTheDocument();
      expect(api.getTicket).toHaveBeenCalledTimes(2);
      expect(screen.queryByText('No attachments yet.')).not.toBeInTheDocument();
    });

    it('refuses a file over the limits before uploading, and shows a refusal of the server', async () => {
      const user = userEvent.setup({ delay: null, applyAccept: false });
      const { api, ticket } = setup('in_progress');
      await screen.findByRole('button', { name: /Attach file/ });
      await user.upload(
        fileInput(),
        new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' }),
      );
      expect(
        await screen.findByText(
          /Not attached: tool\.exe is of type application\/x-msdownload; allowed are text\/plain/,
        ),
      ).toBeInTheDocument();
      expect(api.addAttachment).not.toHaveBeenCalled();

      api.addAttachment.mockRejectedValue(
        await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: {
                name: 'InputError',
                message: "The file's content is not image/png",
              },
              response: { statusCode: 400 },
            }),
            {
              status: 400,
              statusText: 'Bad Request',
              headers: { 'content-type': 'application/json' },
            },
          ) as any,
        ),
      );
      await user.upload(
        fileInput(),
        new File(['not a png'], 'shot.png', { type: 'image/png' }),
      );
      const alert = await screen.findByText(/shot\.png was not attached/);
      expect(alert).toHaveTextContent(
        "shot.png was not attached: The file's content is not image/png",
      );
      expect(api.addAttachment).toHaveBeenCalledWith(
        ticket.id,
        expect.objectContaining({ file_name: 'shot.png' }),
      );
      // Nothing was attached: no reload, the button is usable again.
      expect(api.getTicket).toHaveBeenCalledTimes(1);
      expect(screen.getByRole('button', { name: /Attach file/ })).toBeEnabled();
    });
  });
});
