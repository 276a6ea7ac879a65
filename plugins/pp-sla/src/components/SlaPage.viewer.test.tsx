import { screen } from '@testing-library/react';
import { mockSlaApi, renderSlaDashboard } from '../__testUtils__/render';

describe('SLA dashboard for a viewer', () => {
  it('has no "Define an SLA" button, and the handoff link does not open the dialog', async () => {
    const api = mockSlaApi();
    api.listCompliance.mockResolvedValue({
      items: [],
      total_count: 0,
      limit: 200,
      offset: 0,
    });
    await renderSlaDashboard(api, ['pp.sla.read'], '/?define=maths-tutor');
    expect(
      await screen.findByText('No agent has an SLA yet.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Define an SLA' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.createDefinition).not.toHaveBeenCalled();
  });
});
