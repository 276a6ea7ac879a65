import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockSlaApi, renderSlaPageAt } from '../__testUtils__/render';
import { creditAmount, monthName } from './CreditsPage';

// an admin: may read and export credits (one person per file)
const ADMIN = ['pp.sla.read', 'pp.sla.credits.read'];

const credit = {
  id: 'c1',
  agent_id: 'maths-tutor',
  month: '2026-11',
  definition_id: 'd1',
  uptime_percent: 98.7654,
  credit_percent: 10,
  amount: 200,
  currency: 'EUR',
  created_at: '2026-12-01T00:05:00.000Z',
};

describe('credit wording', () => {
  it('names months and amounts as people read them', () => {
    expect(monthName('2026-11')).toBe('November 2026');
    expect(creditAmount({ amount: 200, currency: 'EUR' })).toBe('€200.00');
    expect(creditAmount({ amount: null, currency: null })).toBe(
      'No monthly fee set',
    );
  });
});

describe('the credits page for an admin', () => {
  let click: jest.SpyInstance;
  beforeEach(() => {
    (URL as any).createObjectURL = jest.fn(() => 'blob:sla-credits');
    (URL as any).revokeObjectURL = jest.fn();
    click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      // jsdom does not download; the test checks what would be saved
      .mockImplementation(() => {});
  });
  afterEach(() => click.mockRestore());

  it('lists the credits in words and exports them as sla-credits.csv', async () => {
    const api = mockSlaApi();
    api.listCredits.mockResolvedValue({
      items: [credit],
      total_count: 1,
      limit: 50,
      offset: 0,
    });
    const blob = new Blob(['month,agent_id\n2026-11,maths-tutor\n'], {
      type: 'text/csv',
    });
    api.exportCredits.mockResolvedValue(blob);
    await renderSlaPageAt(api, ADMIN, '/credits');
    const row = await screen.findByTestId('credit-row-c1');
    expect(within(row).getByText('November 2026')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'Maths Tutor' }),
    ).toHaveAttribute('href', '/pp/sla/agents/maths-tutor');
    expect(within(row).getByText('98.77 %')).toBeInTheDocument();
    expect(within(row).getByText('10 %')).toBeInTheDocument();
    expect(within(row).getByText('€200.00')).toBeInTheDocument();
    expect(api.listCredits).toHaveBeenCalledWith({ limit: 50, offset: 0 });
    expect(screen.getByRole('tab', { name: 'Credits' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(api.exportCredits).toHaveBeenCalledTimes(1);
    expect(URL.createObjectURL).toHaveBeenCalledWith(blob);
    const anchor = click.mock.instances[0] as unknown as HTMLAnchorElement;
    expect(anchor.download).toBe('sla-credits.csv');
    expect(anchor.href).toBe('blob:sla-credits');
  });

  it('says when the export fails, and when there is no credit', async () => {
    const api = mockSlaApi();
    api.listCredits.mockResolvedValue({
      items: [],
      total_count: 0,
      limit: 50,
      offset: 0,
    });
    api.exportCredits.mockRejectedValue(new Error('The export timed out'));
    await renderSlaPageAt(api, ADMIN, '/credits');
    expect(await screen.findByText('No credits')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(
      await screen.findByText(
        /Could not export the credits: .*The export timed out/,
      ),
    ).toBeInTheDocument();
    expect(click).not.toHaveBeenCalled();
  });

  it('says when the credits cannot be read', async () => {
    const api = mockSlaApi();
    api.listCredits.mockRejectedValue(new Error('The SLA service is down'));
    await renderSlaPageAt(api, ADMIN, '/credits');
    expect(
      await screen.findByText(/The SLA service is down/),
    ).toBeInTheDocument();
  });
});
