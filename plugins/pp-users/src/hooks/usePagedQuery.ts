import { useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { PpPage } from '@internal/plugin-pp-common';

/**
 * Loads one page of a server-side listing whenever `query` changes (compared by value), and keeps
 * the previous page on screen while the next one loads so tables do not collapse and jump.
 */
export function usePagedQuery<T, Q extends object>(
  query: Q,
  load: (query: Q) => Promise<PpPage<T>>,
) {
  const key = JSON.stringify(query);
  const last = useRef<PpPage<T>>();
  const state = useAsyncRetry(
    () => load(JSON.parse(key) as Q),
    // `load` is expected to be stable per API instance; the query is compared through its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  if (state.value) {
    last.current = state.value;
  }
  return {
    page: state.value ?? last.current,
    loading: state.loading,
    error: state.error,
    reload: state.retry,
  };
}
