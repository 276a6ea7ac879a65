import { screen } from '@testing-library/react';
import { mockSlaApi, renderSlaPageAt } from '../__testUtils__/render';

// an agent orchestrator: reads SLAs, not credits (one person per file)
describe('the credits page for someone who may not read credits', () => {
  it('says who may, reads nothing and offers no Credits tab', async () => {
    const api = mockSlaApi();
    await renderSlaPageAt(api, ['pp.sla.read', 'pp.sla.create'], '/credits');
    expect(
      await screen.findByText(/SLA credits are open to admins only/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Credits' })).toBeNull();
    expect(screen.getByRole('tab', { name: 'Compliance' })).toHaveAttribute(
      'href',
      '/pp/sla',
    );
    expect(screen.queryByRole('button', { name: 'Export CSV' })).toBeNull();
    expect(api.listCredits).not.toHaveBeenCalled();
    expect(api.exportCredits).not.toHaveBeenCalled();
  });
});
