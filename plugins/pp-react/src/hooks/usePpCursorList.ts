import { useCallback, useEffect, useState } from 'react';
import { describeError } from '@internal/plugin-pp-common';

/**
 * A page of a cursor-paged PP list endpoint.
 *
 * @public
 */
export interface PpCursorPage<I> {
  items: I[];
  next_cursor: string | null;
}

/**
 * A cursor-paged list that grows with "Load more": `fetchPage()` gives the first page,
 * `fetchPage(cursor)` the next. A new `fetchPage` (the filters changed) or `reloadKey` loads from
 * the first page again; an answer to a superseded request is dropped. Errors come as sentences.
 *
 * @public
 */
export function usePpCursorList<P extends PpCursorPage<unknown>>(
  fetchPage: (cursor?: string) => Promise<P>,
  reloadKey?: unknown,
) {
  const [page, setPage] = useState<P | undefined>();
  const [items, setItems] = useState<P['items']>([]);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(undefined);
    fetchPage()
      .then(p => {
        if (cancelled) return;
        setPage(p);
        setItems(p.items);
      })
      .catch(e => !cancelled && setError(describeError(e)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [fetchPage, reloadKey]);

  const nextCursor = page?.next_cursor;
  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const next = await fetchPage(nextCursor);
      setItems(current => [...current, ...next.items]);
      setPage(next);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoadingMore(false);
    }
  }, [fetchPage, nextCursor]);

  return {
    /** The last page loaded (its counts, its cursor). */
    page,
    /** Every item loaded so far. */
    items,
    loading,
    loadingMore,
    error,
    hasMore: !!nextCursor,
    loadMore,
  };
}
