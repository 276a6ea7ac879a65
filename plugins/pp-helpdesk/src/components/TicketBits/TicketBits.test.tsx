import { act, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { makeTicket } from '../../__testUtils__/mocks';
import { SlaCountdownChip, transitionLabel } from './TicketBits';

describe('SlaCountdownChip', () => {
  afterEach(() => jest.useRealTimers());

  it('counts down live and changes colour as the deadline nears and passes', async () => {
    // Due 18:00Z with an 8 h response target; start with 4 h 00 m 02 s left (green).
    jest.useFakeTimers({ advanceTimers: true });
    jest.setSystemTime(new Date('2025-01-01T13:59:58.000Z'));
    await renderInTestApp(
      <SlaCountdownChip ticket={makeTicket({ key: 'TKT-1' })} />,
    );
    const chip = await screen.findByTestId('sla-countdown');
    expect(chip).toHaveAttribute('data-tone', 'ok');
    expect(chip).toHaveTextContent('4h 00m left');

    act(() => {
      jest.advanceTimersByTime(3000);
    });
    expect(screen.getByTestId('sla-countdown')).toHaveAttribute(
      'data-tone',
      'warning',
    );
    expect(screen.getByTestId('sla-countdown')).toHaveTextContent(
      '3h 59m left',
    );

    act(() => {
      jest.setSystemTime(new Date('2025-01-01T18:00:30.000Z'));
      jest.advanceTimersByTime(1000);
    });
    expect(screen.getByTestId('sla-countdown')).toHaveAttribute(
      'data-tone',
      'breached',
    );
    expect(screen.getByTestId('sla-countdown')).toHaveTextContent(
      /Breached 0m 3\ds ago/,
    );
  });
});

describe('transitionLabel', () => {
  it('names each move as an action', () => {
    expect(transitionLabel('open', 'in_progress')).toBe('Start work');
    expect(transitionLabel('on_hold', 'in_progress')).toBe('Resume work');
    expect(transitionLabel('resolved', 'in_progress')).toBe('Reopen');
    expect(transitionLabel('in_progress', 'on_hold')).toBe('Put on hold');
    expect(transitionLabel('resolved', 'closed')).toBe('Close');
  });
});
