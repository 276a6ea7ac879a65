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
 * Loads `fetcher` and reloads it every `max-age` seconds of its last answer (the server's
 * Cache-Control), while the component is mounted. A failed reload keeps the last value.
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
    let timer: ReturnType<typeof setTimeout> | undefined;
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
          timer = setTimeout(() => setTick(t => t + 1), seconds * 1000);
        },
        error => {
          if (cancelled) return;
          setState(s => ({ value: s.value, error }));
          timer = setTimeout(
            () => setTick(t => t + 1),
            DEFAULT_INTERVAL_SECONDS * 1000,
          );
        },
      )
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, ...deps]);

  const retry = useCallback(() => {
    setLoading(true);
    setTick(t => t + 1);
  }, []);
  return { ...state, loading, retry };
}
