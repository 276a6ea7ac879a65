import { useCallback, useEffect, useState } from 'react';
import {
  StorageApi,
  storageApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';

/** What the storage API stores (its JSON value type). */
type JsonValue = Parameters<StorageApi['set']>[1];
import { PpTicketQuery } from '@internal/plugin-pp-common';

/** The queue filters a person can save under a name. */
export type TicketFilters = Omit<PpTicketQuery, 'cursor' | 'limit'>;

export interface SavedFilter {
  name: string;
  filters: TicketFilters;
}

const BUCKET = 'pp-helpdesk';
const KEY = 'savedFilters';

/**
 * Saved queue filters, kept in the app's storage API (the user-settings storage when the person is
 * signed in, so they follow the person across browsers).
 */
export function useSavedFilters() {
  const storageApi = useApi(storageApiRef);
  const bucket = storageApi.forBucket(BUCKET);
  const [saved, setSaved] = useState<SavedFilter[]>(() =>
    parseSaved(bucket.snapshot<JsonValue>(KEY).value),
  );

  useEffect(() => {
    const subscription = bucket.observe$<JsonValue>(KEY).subscribe(s => {
      setSaved(parseSaved(s.value));
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageApi]);

  const save = useCallback(
    async (name: string, filters: TicketFilters) => {
      const next = [
        ...saved.filter(s => s.name !== name),
        { name, filters },
      ].sort((a, b) => a.name.localeCompare(b.name));
      setSaved(next);
      await bucket.set(KEY, next as unknown as JsonValue);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [saved, storageApi],
  );

  const remove = useCallback(
    async (name: string) => {
      const next = saved.filter(s => s.name !== name);
      setSaved(next);
      await bucket.set(KEY, next as unknown as JsonValue);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [saved, storageApi],
  );

  return { saved, save, remove };
}

/** Keeps only well-formed entries of what storage holds (it may be from an older version). */
export function parseSaved(value: unknown): SavedFilter[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is SavedFilter =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as SavedFilter).name === 'string' &&
      typeof (v as SavedFilter).filters === 'object' &&
      (v as SavedFilter).filters !== null,
  );
}
