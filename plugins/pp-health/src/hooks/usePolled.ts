import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { PpCached } from '../api';

/** Poll interval when the server sends no max-age. */
const DEFAULT_INTERVAL_SECONDS = 30;
/** Never poll faster than this, whatever the server says. */
const MIN_INTERVAL_SECONDS = 5;

export interface Polled<T> {
  value?: T;
  error?: Error;
  loading: boolean;
  retry: () => void;
}

/**
 * Runs `next` after `seconds`, but not while the page is hidden: a tab in the background waits
 * until it is shown again, then asks at once. Returns a cancel function.
 */
function afterVisibleDelay(seconds: number, next: () => void): () => void {
  let done = false;
  const onVisible = () => {
    if (document.visibilityState === 'hidden' || done) return;
    document.removeEventListener('visibilitychange', onVisible);
    done = true;
    next();
  };
  const timer = setTimeout(() => {
    if (typeof document === 'undefined' || !document.hidden) {
      done = true;
      next();
      return;
    }
    document.addEventListener('visibilitychange', onVisible);
  }, seconds * 1000);
  return () => {
    done = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}

/**
 * Loads `fetcher` and reloads it every `max-age` seconds of its last answer (the server's
 * Cache-Control), while the component is mounted and the page is visible (a hidden tab does not
 * poll; it asks again when shown). Requests revalidate with the ETag, so an unchanged answer is a
 * 304. A failed reload keeps the last value.
 */
export function usePolled<T>(
  fetcher: () => Promise<PpCached<T>>,
  deps: DependencyList,
): Polled<T> {
  const [state, setState] = useState<{ value?: T; error?: Error }>({});
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  // Reset when the inputs change (a new service, window, filter).
  useEffect(() => {
    setState({});
    setLoading(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    let cancelled = false;
    let stop: (() => void) | undefined;
    fetcherRef
      .current()
      .then(
        ({ data, maxAgeSeconds }) => {
          if (cancelled) return;
          setState({ value: data });
          const seconds = Math.max(
            MIN_INTERVAL_SECONDS,
            maxAgeSeconds || DEFAULT_INTERVAL_SECONDS,
          );
          stop = afterVisibleDelay(seconds, () => setTick(t => t + 1));
        },
        error => {
          if (cancelled) return;
          setState(s => ({ value: s.value, error }));
          stop = afterVisibleDelay(DEFAULT_INTERVAL_SECONDS, () =>
            setTick(t => t + 1),
          );
        },
      )
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
      stop?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, ...deps]);

  const retry = useCallback(() => {
    setLoading(true);
    setTick(t => t + 1);
  }, []);
  return { ...state, loading, retry };
}
