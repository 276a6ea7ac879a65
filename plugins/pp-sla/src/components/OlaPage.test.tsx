import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { mockSlaApi } from '../__testUtils__/render';
import {
  clock,
  handoffOla,
  olaBreach,
  page,
  renderOlaPage,
  ticketOla,
} from '../__testUtils__/olaFixtures';

// an infrastructure engineer: reads SLAs and defines OLAs (one person per file)
const ENGINEER = ['pp.sla.read', 'pp.ola.create'];

/** Types a whole value at once (typing it key by key is slow and not what these tests are about). */
const fill = (field: HTMLElement, value: string) =>
  fireEvent.change(field, { target: { value } });

function apiWith(olas = [handoffOla, ticketOla]) {
  const api = mockSlaApi();
  api.listOlas.mockResolvedValue(page(olas));
  api.listOlaClocks.mockResolvedValue(
    page([clock({ id: 'c1', stopped_at: null, state: 'running' })]),
  );
  api.listBreaches.mockResolvedValue(page([olaBreach({ id: 'b1' })]));
  return api;
}

describe('OLA page for an infrastructure engineer', () => {
  it('shows the OLAs in sentences: teams, commitment, events and escalation path', async () => {
    const api = apiWith();
    await renderOlaPage(api, ENGINEER);
    const table = await screen.findByRole('table', { name: 'OLAs' });
    const row = within(table)
      .getByText('Service team accepts handoffs')
      .closest('tr')!;
    expect(
      within(row).getByText('Service team → Agent creation team'),
    ).toBeInTheDocument();
    expect(
      within(row).getByText('Accept the handoff within 24 h'),
    ).toBeInTheDocument();
    expect(
      within(row).getByText('Handoff submitted → handoff accepted'),
    ).toBeInTheDocument();
    expect(
      within(row).getByText('On-call engineer → Service team lead'),
    ).toBeInTheDocument();
    const ticketRow = within(table)
      .getByText('On-call answers critical tickets')
      .closest('tr')!;
    expect(
      within(ticketRow).getByText('Respond to the ticket within 15 min'),
    ).toBeInTheDocument();
    expect(
      within(ticketRow).getByText('Critical-priority tickets only'),
    ).toBeInTheDocument();
    expect(
      within(ticketRow).getByText(
        'Ticket created → first response to the ticket',
      ),
    ).toBeInTheDocument();
    expect(
      within(ticketRow).getByText('The on-call engineers of Infrastructure'),
    ).toBeInTheDocument();
    // no raw ids or enum keys
    expect(screen.queryByText(/handoff_submitted|ticket_created/)).toBeNull();
    expect(screen.queryByText(handoffOla.id)).toBeNull();
    // the clocks and the OLA breaches below
    expect(
      await screen.findByRole('table', { name: 'OLA clocks' }),
    ).toBeInTheDocument();
    const breaches = await screen.findByRole('table', {
      name: 'OLA breaches',
    });
    expect(within(breaches).getByText('1 h 30 min')).toBeInTheDocument();
    expect(api.listBreaches).toHaveBeenCalledWith({
      kind: 'ola',
      limit: 25,
      offset: 0,
    });
  });

  it('defines an OLA: the request body, saving progress, the list read again', async () => {
    const api = apiWith([]);
    let answer: (ola: typeof ticketOla) => void = () => {};
    api.createOla.mockImplementation(
      () => new Promise(resolve => (answer = resolve)),
    );
    await renderOlaPage(api, ENGINEER);
    expect(await screen.findByText('No OLA yet')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Define an OLA' }));
    const dialog = await screen.findByRole('dialog');
    fill(
      within(dialog).getByLabelText('Name'),
      'On-call answers critical tickets',
    );
    fill(within(dialog).getByLabelText('Team that commits'), 'Infrastructure');
    fill(within(dialog).getByLabelText('Team it serves'), 'Support');
    await user.click(within(dialog).getByLabelText('What is timed'));
    await user.click(
      await screen.findByRole('option', {
        name: 'A ticket, from created to its first response',
      }),
    );
    await user.click(within(dialog).getByLabelText('Tickets'));
    await user.click(
      await screen.findByRole('option', { name: 'Critical priority only' }),
    );
    fill(within(dialog).getByLabelText('Within'), '15');
    await user.click(within(dialog).getByLabelText('Unit'));
    await user.click(await screen.findByRole('option', { name: 'minutes' }));
    expect(
      within(dialog).getByText('Respond to the ticket within 15 min'),
    ).toBeInTheDocument();
    fill(
      within(dialog).getByLabelText('Escalation path'),
      'On-call engineer\n  \nHead of infrastructure ',
    );

    api.listOlas.mockResolvedValue(page([ticketOla]));
    const save = within(dialog).getByRole('button', { name: 'Define the OLA' });
    await user.click(save);
    expect(api.createOla).toHaveBeenCalledWith({
      name: 'On-call answers critical tickets',
      provider_team: 'Infrastructure',
      consumer_team: 'Support',
      commitment_minutes: 15,
      start_event: 'ticket_created',
      stop_event: 'ticket_first_response',
      ticket_priority: 'critical',
      escalation_path: ['On-call engineer', 'Head of infrastructure'],
    });
    // saving: the button waits for the server
    await waitFor(() => expect(save).toBeDisabled());
    answer(ticketOla);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      await screen.findByText(
        '“On-call answers critical tickets” is defined: respond to the ticket within 15 min. Its clocks start with the OLA job’s next run.',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'OLAs' }),
    ).toBeInTheDocument();
    expect(api.listOlas).toHaveBeenCalledTimes(2);
  }, 60_000);

  it('tells what is wrong with each field, and sends nothing until it is right', async () => {
    const api = apiWith();
    await renderOlaPage(api, ENGINEER);
    const user = userEvent.setup({ delay: null });
    await user.click(
      await screen.findByRole('button', { name: 'Define an OLA' }),
    );
    const dialog = await screen.findByRole('dialog');
    // a field left says what is wrong with it
    fill(within(dialog).getByLabelText('Name'), 'ab');
    fireEvent.blur(within(dialog).getByLabelText('Name'));
    expect(
      within(dialog).getByText('Name the OLA in 3 characters or more.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByText(
        'Name the team that commits in 2 characters or more.',
      ),
    ).toBeNull();
    fill(within(dialog).getByLabelText('Within'), '0.5');
    await user.click(within(dialog).getByLabelText('Unit'));
    await user.click(await screen.findByRole('option', { name: 'minutes' }));
    fill(within(dialog).getByLabelText('Escalation path'), 'x\nTeam lead');
    // trying to save shows every problem and sends nothing
    await user.click(
      within(dialog).getByRole('button', { name: 'Define the OLA' }),
    );
    expect(
      within(dialog).getByText(
        'Name the team that commits in 2 characters or more.',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'Name the team it serves in 2 characters or more.',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('The time must come to whole minutes.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Each step needs 2 characters or more.'),
    ).toBeInTheDocument();
    fill(within(dialog).getByLabelText('Within'), '91');
    await user.click(within(dialog).getByLabelText('Unit'));
    await user.click(await screen.findByRole('option', { name: 'days' }));
    expect(
      within(dialog).getByText('An OLA commits to 90 days at most.'),
    ).toBeInTheDocument();
    expect(api.createOla).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal in the dialog and keeps what was typed', async () => {
    const api = apiWith();
    api.createOla.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'InputError',
              message: 'The stop event must come after the start event',
            },
          }),
          {
            status: 400,
            statusText: 'Bad Request',
            headers: { 'content-type': 'application/json' },
          },
        ),
      ),
    );
    await renderOlaPage(api, ENGINEER);
    const user = userEvent.setup({ delay: null });
    await user.click(
      await screen.findByRole('button', { name: 'Define an OLA' }),
    );
    const dialog = await screen.findByRole('dialog');
    fill(within(dialog).getByLabelText('Name'), 'Handoffs');
    fill(within(dialog).getByLabelText('Team that commits'), 'Ops');
    fill(within(dialog).getByLabelText('Team it serves'), 'Dev');
    await user.click(
      within(dialog).getByRole('button', { name: 'Define the OLA' }),
    );
    expect(
      await within(dialog).findByText(
        'The stop event must come after the start event',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Name')).toHaveValue('Handoffs');
    expect(
      within(dialog).getByRole('button', { name: 'Define the OLA' }),
    ).toBeEnabled();
  });

  it('says so when the OLAs cannot be read', async () => {
    const api = apiWith();
    api.listOlas.mockRejectedValue(new Error('The SLA service is down.'));
    await renderOlaPage(api, ENGINEER);
    expect(
      await screen.findByText('The SLA service is down.'),
    ).toBeInTheDocument();
  });
});
