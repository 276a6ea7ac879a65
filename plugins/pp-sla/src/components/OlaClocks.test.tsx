import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ppSlaApiRef } from '../api';
import { mockSlaApi } from '../__testUtils__/render';
import { clock, page } from '../__testUtils__/olaFixtures';
import { OlaClocks } from './OlaClocks';

const NOW = Date.parse('2026-12-03T10:00:00.000Z');

function renderClocks(api = mockSlaApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[ppSlaApiRef, api]]}>
      <OlaClocks />
    </TestApiProvider>,
  );
}

describe('OLA clocks', () => {
  afterEach(() => jest.useRealTimers());

  it('counts a running clock down live, then overdue and breached once its deadline passes', async () => {
    jest.useFakeTimers({ now: NOW });
    const api = mockSlaApi();
    api.listOlaClocks.mockResolvedValue(
      page([
        clock({
          id: 'c1',
          subject_title: 'Handoff of Maths Tutor',
          deadline: '2026-12-03T12:14:30.000Z',
        }),
        clock({
          id: 'c2',
          subject_title: 'TKT-000123: Login fails',
          ola_name: 'On-call answers critical tickets',
          deadline: '2026-12-03T09:48:00.000Z',
          state: 'breached',
        }),
      ]),
    );
    await renderClocks(api);
    const running = await screen.findByTestId('ola-clock-c1');
    expect(within(running).getByText('Running')).toBeInTheDocument();
    expect(within(running).getByText('2 h 14 min left')).toBeInTheDocument();
    const breached = screen.getByTestId('ola-clock-c2');
    expect(within(breached).getByText('Breached')).toBeInTheDocument();
    expect(within(breached).getByText('overdue by 12 min')).toBeInTheDocument();

    act(() => {
      jest.advanceTimersByTime(60_000);
    });
    expect(within(running).getByText('2 h 13 min left')).toBeInTheDocument();
    expect(within(breached).getByText('overdue by 13 min')).toBeInTheDocument();

    act(() => {
      jest.advanceTimersByTime((2 * 60 + 14) * 60_000);
    });
    expect(
      within(running).getByText('overdue by less than 1 min'),
    ).toBeInTheDocument();
    expect(within(running).getByText('Breached')).toBeInTheDocument();
  });

  it('stops ticking when no running clock is on the page', async () => {
    jest.useFakeTimers({ now: NOW });
    const api = mockSlaApi();
    api.listOlaClocks.mockResolvedValue(
      page([
        clock({
          id: 'c1',
          state: 'met_late',
          stopped_at: '2026-12-04T10:00:00.000Z',
          elapsed_minutes: 26 * 60,
        }),
      ]),
    );
    const { unmount } = await renderClocks(api);
    const row = await screen.findByTestId('ola-clock-c1');
    expect(within(row).getByText('Met late')).toBeInTheDocument();
    expect(within(row).getByText('Took 26 h, 2 h late')).toBeInTheDocument();
    unmount();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('filters by state and says when none is in it', async () => {
    const api = mockSlaApi();
    api.listOlaClocks.mockResolvedValue(page([]));
    await renderClocks(api);
    expect(await screen.findByText('No clock is running')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByLabelText('State'));
    await user.click(await screen.findByRole('option', { name: 'Met late' }));
    await waitFor(() =>
      expect(api.listOlaClocks).toHaveBeenLastCalledWith({
        limit: 25,
        offset: 0,
        state: 'met_late',
      }),
    );
    expect(
      await screen.findByText('No clock was met late'),
    ).toBeInTheDocument();
  });

  it('pages with "Load more"', async () => {
    const api = mockSlaApi();
    api.listOlaClocks
      .mockResolvedValueOnce({
        ...page([clock({ id: 'c1' })], 2),
        limit: 25,
      })
      .mockResolvedValueOnce({
        items: [clock({ id: 'c2', subject_title: 'Handoff of Lead Hunter' })],
        total_count: 2,
        limit: 25,
        offset: 1,
      });
    await renderClocks(api);
    expect(await screen.findByText('Showing 1 of 2')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(
      await screen.findByText('Handoff of Lead Hunter'),
    ).toBeInTheDocument();
    expect(api.listOlaClocks).toHaveBeenLastCalledWith({
      limit: 25,
      offset: 1,
      state: undefined,
    });
  });
});
