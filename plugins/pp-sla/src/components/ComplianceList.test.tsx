import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PpSlaComplianceListItem } from '@internal/plugin-pp-common';
import { mockSlaApi, renderSlaDashboard } from '../__testUtils__/render';
import { agentIdPart } from './ComplianceList';

const item = (
  over: Partial<PpSlaComplianceListItem> = {},
): PpSlaComplianceListItem => ({
  agent_id: 'maths-tutor',
  type: 'standard',
  status: 'breach',
  overall_compliance_percent: 96.6667,
  uptime_percent: 99.8843,
  open_breaches: 1,
  computed_at: '2026-12-01T00:10:00.000Z',
  trend: [
    {
      day: '2026-11-09',
      status: 'compliant',
      uptime_percent: 100,
      p95_response_ms: 480,
      error_rate_percent: 0.1,
    },
    {
      day: '2026-11-10',
      status: 'breach',
      uptime_percent: 96.5278,
      p95_response_ms: 520,
      error_rate_percent: 0.3,
    },
    // 11 Nov not stored: a gap
    {
      day: '2026-11-12',
      status: 'compliant',
      uptime_percent: 99.95,
      p95_response_ms: 500,
      error_rate_percent: 0.2,
    },
  ],
  ...over,
});

const page = (items: PpSlaComplianceListItem[]) => ({
  items,
  total_count: items.length,
  limit: 200,
  offset: 0,
});

// one person in this file (usePermission caches per file): a viewer
describe('the compliance dashboard’s list, for a viewer', () => {
  it('draws a sparkline per metric per agent, each named by its sentence', async () => {
    const api = mockSlaApi();
    api.listCompliance.mockResolvedValue(
      page([
        item(),
        item({
          agent_id: 'lead-hunter',
          status: 'no_data',
          overall_compliance_percent: null,
          uptime_percent: null,
          open_breaches: 0,
          computed_at: null,
          trend: [],
        }),
      ]),
    );
    await renderSlaDashboard(api, ['pp.sla.read']);
    const uptime = await screen.findByTestId('sla-spark-uptime-maths-tutor');
    expect(uptime).toHaveAccessibleName(
      'Maths tutor: Uptime per day from 9 Nov to 12 Nov: 100 % at first, 99.95 % on the last day, lowest 96.53 % on 10 Nov.',
    );
    // the day not stored is a gap: two runs
    expect(
      uptime.querySelector('path')!.getAttribute('d')!.match(/M/g),
    ).toHaveLength(2);
    expect(
      screen.getByTestId('sla-spark-p95-maths-tutor'),
    ).toHaveAccessibleName(
      'Maths tutor: p95 response time per day from 9 Nov to 12 Nov: 480 ms at first, 500 ms on the last day, highest 520 ms on 10 Nov.',
    );
    expect(
      screen.getByTestId('sla-spark-error_rate-maths-tutor'),
    ).toHaveAccessibleName(
      /^Maths tutor: Error rate per day .* highest 0.3 % on 10 Nov\.$/,
    );
    const row = screen.getByText('Maths tutor').closest('tr')!;
    expect(within(row).getByText('Breach')).toBeInTheDocument();
    expect(within(row).getByText('99.88 %')).toBeInTheDocument();
    expect(within(row).getByText('500 ms')).toBeInTheDocument(); // latest p95
    expect(
      screen.getByTestId('sla-spark-uptime-lead-hunter'),
    ).toHaveAccessibleName(
      'Lead hunter: Uptime: no daily figure in the last 30 days.',
    );
    expect(api.listCompliance).toHaveBeenCalledWith({
      sort: 'status',
      order: 'asc',
      limit: 200,
    });
  });

  it('sends the status, type and agent filters and the sorting to the API', async () => {
    const api = mockSlaApi();
    api.listCompliance.mockResolvedValue(page([item()]));
    const user = userEvent.setup({ delay: null });
    await renderSlaDashboard(api, ['pp.sla.read']);
    await screen.findByText('Maths tutor');

    const filters = within(
      screen.getByRole('search', { name: 'Filter the agents' }),
    );
    await user.click(filters.getByRole('button', { name: /^Status/ }));
    await user.click(await screen.findByRole('option', { name: 'Breach' }));
    await waitFor(() =>
      expect(api.listCompliance).toHaveBeenLastCalledWith({
        status: 'breach',
        sort: 'status',
        order: 'asc',
        limit: 200,
      }),
    );

    await user.click(filters.getByRole('button', { name: /^Type/ }));
    await user.click(await screen.findByRole('option', { name: 'Premium' }));
    await waitFor(() =>
      expect(api.listCompliance).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: 'breach', type: 'premium' }),
      ),
    );

    // what is typed is matched against the agent id, once typing pauses
    await user.type(screen.getByLabelText('Search agents'), 'Maths Tu');
    await waitFor(() =>
      expect(api.listCompliance).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'maths-tu', type: 'premium' }),
      ),
    );

    await user.click(screen.getByRole('button', { name: 'Uptime (30 days)' }));
    await waitFor(() =>
      expect(api.listCompliance).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'uptime_percent', order: 'asc' }),
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Uptime (30 days)' }));
    await waitFor(() =>
      expect(api.listCompliance).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'uptime_percent', order: 'desc' }),
      ),
    );

    api.listCompliance.mockResolvedValue(page([]));
    await user.click(screen.getByRole('button', { name: 'Agent' }));
    expect(
      await screen.findByText('No agent with an SLA matches these filters.'),
    ).toBeInTheDocument();
  });

  it('matches typed names against agent ids', () => {
    expect(agentIdPart('  Maths   Tutor ')).toBe('maths-tutor');
  });
});
