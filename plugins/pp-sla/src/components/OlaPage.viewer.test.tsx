import { screen, within } from '@testing-library/react';
import { mockSlaApi } from '../__testUtils__/render';
import {
  clock,
  handoffOla,
  olaBreach,
  page,
  renderOlaPage,
} from '../__testUtils__/olaFixtures';

// a viewer: reads SLAs and OLAs, defines nothing (one person per file)
describe('OLA page for a viewer', () => {
  it('shows the OLAs, clocks and breaches but no "Define an OLA"', async () => {
    const api = mockSlaApi();
    api.listOlas.mockResolvedValue(page([handoffOla]));
    api.listOlaClocks.mockResolvedValue(
      page([
        clock({
          id: 'c1',
          state: 'met',
          stopped_at: '2026-12-03T11:10:00.000Z',
          elapsed_minutes: 190,
        }),
      ]),
    );
    api.listBreaches.mockResolvedValue(
      page([
        olaBreach({ id: 'b1' }),
        olaBreach({
          id: 'b2',
          title:
            'Service team accepts handoffs: Handoff of Maths Tutor missed its 24 h commitment',
          ended_at: null,
          duration_minutes: null,
        }),
      ]),
    );
    await renderOlaPage(api, ['pp.sla.read']);
    const olas = await screen.findByRole('table', { name: 'OLAs' });
    expect(
      within(olas).getByText('Service team accepts handoffs'),
    ).toBeInTheDocument();
    const clocks = await screen.findByRole('table', { name: 'OLA clocks' });
    expect(within(clocks).getByText('Met')).toBeInTheDocument();
    expect(within(clocks).getByText('Took 3 h 10 min')).toBeInTheDocument();
    const breaches = await screen.findByRole('table', { name: 'OLA breaches' });
    expect(
      within(breaches).getByText(/Handoff of Maths Tutor missed/),
    ).toBeInTheDocument();
    expect(
      within(breaches).getByText(/^Still breached, for /),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Define an OLA' }),
    ).not.toBeInTheDocument();
    expect(api.createOla).not.toHaveBeenCalled();
  });

  it('empty lists say so in words', async () => {
    const api = mockSlaApi();
    api.listOlas.mockResolvedValue(page([]));
    api.listOlaClocks.mockResolvedValue(page([]));
    api.listBreaches.mockResolvedValue(page([]));
    await renderOlaPage(api, ['pp.sla.read']);
    expect(await screen.findByText('No OLA yet')).toBeInTheDocument();
    expect(await screen.findByText('No clock is running')).toBeInTheDocument();
    expect(await screen.findByText('No OLA breached')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Define an OLA' })).toBeNull();
  });
});
