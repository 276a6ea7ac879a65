import { act, render, screen } from '@testing-library/react';
import { ppNowListenerCount, usePpNow } from './usePpNow';

function Clock(props: { id: string }) {
  const now = usePpNow();
  return <span data-testid={props.id}>{now}</span>;
}

describe('usePpNow', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2026-12-03T10:00:00.000Z'));
  });
  afterEach(() => jest.useRealTimers());

  it('ticks every countdown from one shared interval, cleared when the last one unmounts', () => {
    const setIntervalSpy = jest.spyOn(global, 'setInterval');
    const { unmount } = render(
      <>
        <Clock id="a" />
        <Clock id="b" />
      </>,
    );
    expect(ppNowListenerCount()).toBe(2);
    expect(setIntervalSpy).toHaveBeenCalledTimes(1);

    act(() => {
      jest.advanceTimersByTime(3000);
    });
    const expected = String(Date.parse('2026-12-03T10:00:03.000Z'));
    expect(screen.getByTestId('a')).toHaveTextContent(expected);
    expect(screen.getByTestId('b')).toHaveTextContent(expected);

    unmount();
    expect(ppNowListenerCount()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    setIntervalSpy.mockRestore();
  });
});
