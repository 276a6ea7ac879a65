import { act, renderHook } from '@testing-library/react';
import { usePolled } from './usePolled';

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', {
    configurable: true,
    get: () => hidden,
  });
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
}

describe('usePolled', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    setHidden(false);
  });
  afterEach(() => jest.useRealTimers());

  it('asks again after the server’s max-age, and not while the tab is hidden', async () => {
    let n = 0;
    const fetcher = jest.fn(async () => ({ data: ++n, maxAgeSeconds: 10 }));
    const { result } = renderHook(() => usePolled(fetcher, []));
    await act(async () => {});
    expect(result.current.value).toBe(1);

    await act(async () => {
      jest.advanceTimersByTime(10_000);
    });
    expect(fetcher).toHaveBeenCalledTimes(2);
    expect(result.current.value).toBe(2);

    setHidden(true);
    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    expect(fetcher).toHaveBeenCalledTimes(2);

    setHidden(false);
    await act(async () => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(fetcher).toHaveBeenCalledTimes(3);
    expect(result.current.value).toBe(3);
  });
});
