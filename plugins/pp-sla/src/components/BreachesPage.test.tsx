import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { PpSlaBreach } from '@internal/plugin-pp-common';
import { mockSlaApi, renderSlaPageAt } from '../__testUtils__/render';
import { rootCauseProblem } from './BreachRootCauseDialog';

const breach = (over: Partial<PpSlaBreach>): PpSlaBreach => ({
  id: 'b1',
  kind: 'sla',
  agent_id: 'maths-tutor',
  ola_id: null,
  metric: 'uptime',
  title: 'Uptime of maths-tutor missed its target',
  target: 99.9,
  value: 96.5,
  started_at: '2026-11-10T10:00:00.000Z',
  ended_at: '2026-11-10T10:50:00.000Z',
  duration_minutes: 50,
  severity: 'major',
  root_cause: null,
  ticket_id: null,
  alerted: 'pagerduty',
  ...over,
});

const page = (items: PpSlaBreach[], total = items.length, offset = 0) => ({
  items,
  total_count: total,
  limit: 25,
  offset,
});

// an infrastructure engineer: reads SLAs and records root causes (one person per file)
const ENGINEER = ['pp.sla.read', 'pp.sla.breaches.update'];

describe('rootCauseProblem', () => {
  it('wants a root cause of a few words and, if any, a ticket key', () => {
    expect(rootCauseProblem(' x ', '')).toBe(
      'Say what caused the breach, in a few words.',
    );
    expect(rootCauseProblem('a'.repeat(4001), '')).toBe(
      'Keep the root cause under 4,000 characters.',
    );
    expect(rootCauseProblem('TLS certificate expired', 'TKT 42')).toBe(
      'Give the ticket’s key, such as TKT-000123, or leave it empty.',
    );
    expect(rootCauseProblem('TLS certificate expired', '')).toBeUndefined();
    expect(
      rootCauseProblem('TLS certificate expired', ' TKT-000042 '),
    ).toBeUndefined();
  });
});

describe('the breaches page for an infrastructure engineer', () => {
  beforeEach(() => jest.clearAllMocks());

  it('lists breaches in words, with their duration, root cause and ticket, and pages', async () => {
    const api = mockSlaApi();
    api.listDefinitions.mockResolvedValue({
      items: [],
      total_count: 0,
      limit: 200,
      offset: 0,
    });
    api.listBreaches.mockResolvedValueOnce(
      page(
        [
          breach({
            id: 'b1',
            metric: 'response_time_p95',
            target: 2000,
            value: 3400,
            severity: 'critical',
            root_cause: 'A slow model endpoint',
            ticket_id: 'TKT-000042',
          }),
          breach({
            id: 'b2',
            kind: 'ola',
            agent_id: null,
            ola_id: 'o1',
            metric: 'ola',
            title:
              'Ticket acknowledgement: TKT-000007: Login fails missed its 24 h commitment',
            target: 1440,
            value: 1500,
            started_at: '2026-11-09T10:00:00.000Z',
            ended_at: '2026-11-09T11:00:00.000Z',
            duration_minutes: 60,
          }),
        ],
        3,
      ),
    );
    await renderSlaPageAt(api, ENGINEER, '/breaches');

    const first = await screen.findByTestId('breach-row-b1');
    expect(
      within(first).getByRole('link', { name: 'Maths Tutor' }),
    ).toHaveAttribute('href', '/pp/sla/agents/maths-tutor');
    expect(within(first).getByText('Response time (p95)')).toBeInTheDocument();
    expect(
      within(first).getByText('3400 ms (target < 2000 ms)'),
    ).toBeInTheDocument();
    expect(within(first).getByText('50 min')).toBeInTheDocument();
    expect(within(first).getByText('Critical')).toBeInTheDocument();
    expect(
      within(first).getByText('A slow model endpoint'),
    ).toBeInTheDocument();
    expect(
      within(first).getByRole('link', { name: 'TKT-000042' }),
    ).toHaveAttribute('href', '/pp/helpdesk/tickets/TKT-000042');
    expect(
      within(first).getByRole('button', { name: /^Record the root cause/ }),
    ).toHaveTextContent('Edit the root cause');

    const ola = screen.getByTestId('breach-row-b2');
    expect(within(ola).getByText('OLA commitment')).toBeInTheDocument();
    expect(within(ola).getByText('25 h (commitment 24 h)')).toBeInTheDocument();
    expect(within(ola).getByText('Not recorded yet')).toBeInTheDocument();
    expect(within(ola).getByText('1 h')).toBeInTheDocument();

    // the sections: compliance, breaches (this one), OLAs; credits are for admins
    expect(screen.getByRole('tab', { name: 'Breaches' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'OLAs' })).toHaveAttribute(
      'href',
      '/pp/sla/ola',
    );
    expect(screen.queryByRole('tab', { name: 'Credits' })).toBeNull();

    // never an id or an enum key
    expect(
      screen.queryByText(/maths-tutor|response_time_p95|^major$/),
    ).toBeNull();

    // "Load more" asks for the next offset
    expect(screen.getByText('Showing 2 of 3')).toBeInTheDocument();
    api.listBreaches.mockResolvedValueOnce(
      page(
        [breach({ id: 'b3', started_at: '2026-11-01T10:00:00.000Z' })],
        3,
        2,
      ),
    );
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByTestId('breach-row-b3')).toBeInTheDocument();
    expect(api.listBreaches).toHaveBeenLastCalledWith(
      expect.objectContaining({ offset: 2, limit: 25 }),
    );
    expect(screen.getByText('Showing 3 of 3')).toBeInTheDocument();
  });

  it('filters by kind and state through the address', async () => {
    const api = mockSlaApi();
    api.listDefinitions.mockResolvedValue({
      items: [
        {
          id: 'd1',
          agent_id: 'lead-hunter',
          service_id: 'lead-hunter',
          entity_ref: 'component:default/lead-hunter',
          type: 'standard',
          version: 1,
          targets: {} as any,
          effective_from: '2026-10-01T00:00:00.000Z',
          effective_to: null,
          credit_base_amount: null,
          currency: null,
          created_by: 'Olu Orchestrator',
          created_at: '2026-10-01T00:00:00.000Z',
        },
      ],
      total_count: 1,
      limit: 200,
      offset: 0,
    });
    api.listBreaches.mockResolvedValue(page([]));
    await renderSlaPageAt(api, ENGINEER, '/breaches?kind=ola');
    expect(await screen.findByText('No breach matches')).toBeInTheDocument();
    expect(api.listBreaches).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'ola', open: undefined, offset: 0 }),
    );
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByLabelText('State'));
    await user.click(
      await screen.findByRole('option', { name: 'Still running' }),
    );
    await waitFor(() =>
      expect(api.listBreaches).toHaveBeenLastCalledWith(
        expect.objectContaining({ kind: 'ola', open: true }),
      ),
    );
    await user.click(screen.getByLabelText('Agent'));
    await user.click(
      await screen.findByRole('option', { name: 'Lead Hunter' }),
    );
    await waitFor(() =>
      expect(api.listBreaches).toHaveBeenLastCalledWith(
        expect.objectContaining({ agent_id: 'lead-hunter', open: true }),
      ),
    );
  });

  it('records a root cause: checks it, sends it, shows progress, the server’s error, then the row', async () => {
    const api = mockSlaApi();
    api.listDefinitions.mockResolvedValue({
      items: [],
      total_count: 0,
      limit: 200,
      offset: 0,
    });
    api.listBreaches.mockResolvedValue(page([breach({ id: 'b1' })]));
    await renderSlaPageAt(api, ENGINEER, '/breaches');
    const row = await screen.findByTestId('breach-row-b1');
    expect(within(row).getByText('Not recorded yet')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(
      within(row).getByRole('button', { name: /^Record the root cause/ }),
    );
    const dialog = screen.getByRole('dialog');
    expect(
      within(dialog).getByText(/^Uptime of Maths Tutor, started/),
    ).toBeInTheDocument();
    const save = within(dialog).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();

    await user.type(within(dialog).getByLabelText('Root cause'), 'TL');
    expect(
      within(dialog).getByText('Say what caused the breach, in a few words.'),
    ).toBeInTheDocument();
    await user.type(
      within(dialog).getByLabelText('Root cause'),
      'S certificate expired',
    );
    await user.type(
      within(dialog).getByLabelText('Ticket (optional)'),
      'TKT 42',
    );
    expect(save).toBeDisabled();
    await user.clear(within(dialog).getByLabelText('Ticket (optional)'));
    await user.type(
      within(dialog).getByLabelText('Ticket (optional)'),
      'TKT-000042',
    );
    expect(save).toBeEnabled();

    // the server refuses first: its sentence is shown, the dialog stays
    let refuse!: (e: Error) => void;
    api.updateBreach.mockImplementationOnce(
      () =>
        new Promise((_resolve, reject) => {
          refuse = reject;
        }),
    );
    await user.click(save);
    expect(save).toBeDisabled();
    expect(api.updateBreach).toHaveBeenCalledWith('b1', {
      root_cause: 'TLS certificate expired',
      ticket_id: 'TKT-000042',
    });
    refuse(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'You may not record root causes',
            },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'content-type': 'application/json' } },
        ) as any,
      ),
    );
    expect(
      await within(dialog).findByText(/You may not record root causes/),
    ).toBeInTheDocument();

    api.updateBreach.mockResolvedValueOnce(
      breach({
        id: 'b1',
        root_cause: 'TLS certificate expired',
        ticket_id: 'TKT-000042',
      }),
    );
    await user.click(save);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      within(row).getByText('TLS certificate expired'),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'TKT-000042' }),
    ).toBeInTheDocument();
    expect(api.listBreaches).toHaveBeenCalledTimes(1);
  });

  it('says when the breaches cannot be read', async () => {
    const api = mockSlaApi();
    api.listDefinitions.mockResolvedValue({
      items: [],
      total_count: 0,
      limit: 200,
      offset: 0,
    });
    api.listBreaches.mockRejectedValue(new Error('The SLA service is down'));
    await renderSlaPageAt(api, ENGINEER, '/breaches');
    expect(
      await screen.findByText(/The SLA service is down/),
    ).toBeInTheDocument();
    expect(screen.queryByText('No breaches')).toBeNull();
  });
});
