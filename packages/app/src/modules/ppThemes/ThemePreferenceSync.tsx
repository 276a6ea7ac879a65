import { useEffect } from 'react';
import {
  appThemeApiRef,
  storageApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';

const BUCKET = 'pp.appearance';
const KEY = 'theme';

/**
 * Remembers the theme per person, not per browser: Backstage's theme selector keeps the choice in
 * this browser's local storage; this mirrors it into the signed-in person's settings (the
 * user-settings backend, through the storage API) and restores it on their next sign-in anywhere.
 */
export function ThemePreferenceSync() {
  const themeApi = useApi(appThemeApiRef);
  const storageApi = useApi(storageApiRef);

  useEffect(() => {
    const bucket = storageApi.forBucket(BUCKET);
    // What the person's settings hold; undefined until the first answer arrives.
    let saved: { value?: string } | undefined;

    const save = (themeId: string | undefined) => {
      if (!saved || !themeId || themeId === saved.value) return;
      saved = { value: themeId };
      bucket.set(KEY, themeId).catch(() => {
        // Not fatal: the choice still holds in this browser.
      });
    };

    const stored = bucket.observe$<string>(KEY).subscribe(snapshot => {
      if (snapshot.presence === 'unknown') return;
      const value =
        snapshot.presence === 'present' ? snapshot.value : undefined;
      const first = saved === undefined;
      saved = { value };
      if (value && value !== themeApi.getActiveThemeId()) {
        themeApi.setActiveThemeId(value);
      } else if (first && !value) {
        // Nothing saved yet: adopt this browser's current choice as the person's.
        save(themeApi.getActiveThemeId());
      }
    });
    const changes = themeApi.activeThemeId$().subscribe(save);
    return () => {
      stored.unsubscribe();
      changes.unsubscribe();
    };
  }, [themeApi, storageApi]);

  return null;
}
