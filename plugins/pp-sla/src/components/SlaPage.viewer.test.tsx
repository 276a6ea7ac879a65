import { screen } from '@testing-library/react';
import { PpSlaApi } from '../api';
import { renderSlaDashboard } from '../__testUtils__/render';

describe('SLA dashboard for a viewer', () => {
  it('has no "Define an SLA" button, and the handoff link does not open the dialog', async () => {
    const api: jest.Mocked<PpSlaApi> = {
      listCompliance: jest.fn(async () => ({
        items: [],
        total_count: 0,
        limit: 200,
        offset: 0,
      })),
      getCompliance: jest.fn(),
      createDefinition: jest.fn(),
    };
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
