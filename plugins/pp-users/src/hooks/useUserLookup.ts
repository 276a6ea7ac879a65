import { useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { PpUser } from '@internal/plugin-pp-common';
import { ppUsersApiRef } from '../api';

/**
 * Resolves user ids (of role requests and role changes) to users, fetching each id once.
 * An id maps to `null` when the user cannot be loaded; it is absent while loading.
 */
export function useUserLookup(
  ids: readonly string[],
): ReadonlyMap<string, PpUser | null> {
  const api = useApi(ppUsersApiRef);
  const [users, setUsers] = useState<ReadonlyMap<string, PpUser | null>>(
    () => new Map(),
  );
  const requested = useRef(new Set<string>());
  const mounted = useRef(true);
  const key = Array.from(new Set(ids)).sort().join('\n');

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    const wanted = key
      ? key.split('\n').filter(id => !requested.current.has(id))
      : [];
    for (const id of wanted) {
      requested.current.add(id);
      const settle = (user: PpUser | null) => {
        if (mounted.current) {
          setUsers(prev => new Map(prev).set(id, user));
        }
      };
      api.getUser(id).then(settle, () => settle(null));
    }
  }, [api, key]);

  return users;
}
