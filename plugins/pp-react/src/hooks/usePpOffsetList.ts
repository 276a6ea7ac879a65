import { useCallback } from 'react';
import type { PpPage } from '@internal/plugin-pp-common';
import { usePpCursorList } from './usePpCursorList';

/**
 * An offset-paged list (`{ items, total_count, limit, offset }`, e.g. the SLA/OLA lists) that grows
 * with "Load more", like {@link usePpCursorList}: the next offset serves as the cursor. Give a
 * stable `fetchPage` (`useCallback`): a new one (the filters changed) or `reloadKey` loads from the
 * first page again.
 *
 * @public
 */
export function usePpOffsetList<T>(
  fetchPage: (page: { limit: number; offset: number }) => Promise<PpPage<T>>,
  reloadKey?: unknown,
  pageSize = 25,
) {
  const byCursor = useCallback(
    async (cursor?: string) => {
      const page = await fetchPage({
        limit: pageSize,
        offset: cursor ? Number(cursor) : 0,
      });
      const next = page.offset + page.items.length;
      return {
        ...page,
        next_cursor:
          page.items.length > 0 && next < page.total_count
            ? String(next)
            : null,
      };
    },
    [fetchPage, pageSize],
  );
  return usePpCursorList(byCursor, reloadKey);
}
