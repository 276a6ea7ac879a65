import { useCallback, useEffect, useState } from 'react';
import { PpUser } from '@internal/plugin-pp-common';

/**
 * Selected users by id, kept across pages and filters. The kept copies are refreshed from each
 * page that is loaded, so checks on the selection (bulk role rules) see current roles.
 */
export function useSelection(currentPage: PpUser[] | undefined) {
  const [selected, setSelected] = useState<ReadonlyMap<string, PpUser>>(
    () => new Map(),
  );

  useEffect(() => {
    if (!currentPage) return;
    setSelected(prev => {
      if (!currentPage.some(u => prev.has(u.id))) return prev;
      const next = new Map(prev);
      currentPage.forEach(u => next.has(u.id) && next.set(u.id, u));
      return next;
    });
  }, [currentPage]);

  const select = useCallback(
    (users: PpUser[], on: boolean) =>
      setSelected(prev => {
        const next = new Map(prev);
        users.forEach(u => (on ? next.set(u.id, u) : next.delete(u.id)));
        return next;
      }),
    [],
  );
  const clear = useCallback(() => setSelected(new Map()), []);

  return { selected, select, clear };
}
