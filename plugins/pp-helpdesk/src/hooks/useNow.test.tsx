import { act, render, screen } from '@testing-library/react';
import { tickerListenerCount, useNow } from './useNow';

function Clock(props: { id: string }) {
  const now = useNow();
  return <span data-testid={props.id}>{now}</span>;
}

describe('useNow', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2025-01-01T10:00:00.000Z'));
  });
  afterEach(() => jest.useRealTimers());

  it('drives every countdown from one shared ticker that stops when the last one unmounts', () => {
    const setIntervalSpy = jest.spyOn(global, 'setInterval');
    const { unmount } = render(
      <>
        <Clock id="a" />
        <Clock id="b" />
      </>,
    );
    expect(tickerListenerCount()).toBe(2);
    expect(setIntervalSpy).toHaveBeenCalledTimes(1);

    act(() => {
      jest.advanceTimersByTime(3000);
    });
    const expected = String(Date.parse('2025-01-01T10:00:03.000Z'));
    expect(screen.getByTestId('a')).toHaveTextContent(expected);
    expect(screen.getByTestId('b')).toHaveTextContent(expected);

    unmount();
    expect(tickerListenerCount()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    setIntervalSpy.mockRestore();
  });
});
