import { renderHook } from '@testing-library/react';
import { usePpDebouncedSearch } from './usePpDebouncedSearch';

describe('usePpDebouncedSearch', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('applies the trimmed text once typing pauses, and only the last text', () => {
    const apply = jest.fn();
    const { rerender } = renderHook(
      ({ text }) => usePpDebouncedSearch(text, apply),
      { initialProps: { text: '' } },
    );
    jest.advanceTimersByTime(300);
    expect(apply).toHaveBeenLastCalledWith(undefined);

    rerender({ text: 'Dem' });
    jest.advanceTimersByTime(200);
    rerender({ text: ' Demo ' });
    jest.advanceTimersByTime(299);
    expect(apply).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    expect(apply).toHaveBeenCalledTimes(2);
    expect(apply).toHaveBeenLastCalledWith('Demo');
  });
});
