import { useCallback, useEffect, useState } from 'react';
import {
  StorageApi,
  storageApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';

/** What the storage API stores (its JSON value type). */
type JsonValue = Parameters<StorageApi['set']>[1];

/**
 * A set of list filters a person saved under a name.
 *
 * @public
 */
export interface PpSavedFilter<F extends object> {
  name: string;
  filters: F;
}

const KEY = 'savedFilters';

/**
 * Saved list filters ("saved views") of one PP list, kept in the app's storage API (the
 * user-settings storage when the person is signed in, so they follow the person across browsers).
 * `bucket` names the list (`pp-helpdesk` for the ticket queue, `pp-subscriptions` for the
 * subscription list); each list keeps its own.
 *
 * @public
 */
export function usePpSavedFilters<F extends object>(bucket: string) {
  const storageApi = useApi(storageApiRef);
  const store = storageApi.forBucket(bucket);
  const [saved, setSaved] = useState<PpSavedFilter<F>[]>(() =>
    parseSavedFilters<F>(store.snapshot<JsonValue>(KEY).value),
  );

  useEffect(() => {
    const subscription = store.observe$<JsonValue>(KEY).subscribe(s => {
      setSaved(parseSavedFilters<F>(s.value));
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageApi, bucket]);

  const save = useCallback(
    async (name: string, filters: F) => {
      const next = [
        ...saved.filter(s => s.name !== name),
        { name, filters },
      ].sort((a, b) => a.name.localeCompare(b.name));
      setSaved(next);
      await store.set(KEY, next as unknown as JsonValue);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [saved, storageApi, bucket],
  );

  const remove = useCallback(
    async (name: string) => {
      const next = saved.filter(s => s.name !== name);
      setSaved(next);
      await store.set(KEY, next as unknown as JsonValue);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [saved, storageApi, bucket],
  );

  return { saved, save, remove };
}

/**
 * Keeps only well-formed entries of what storage holds (it may be from an older version).
 *
 * @public
 */
export function parseSavedFilters<F extends object>(
  value: unknown,
): PpSavedFilter<F>[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is PpSavedFilter<F> =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as PpSavedFilter<F>).name === 'string' &&
      typeof (v as PpSavedFilter<F>).filters === 'object' &&
      (v as PpSavedFilter<F>).filters !== null,
  );
}
