import { useEffect } from 'react';
import {
  AppThemeApi,
  appThemeApiRef,
  StorageApi,
  storageApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';

/** Where the person's choice lives in their settings (user-settings bucket and key). */
export const THEME_PREFERENCE_BUCKET = 'pp.appearance';
export const THEME_PREFERENCE_KEY = 'theme';
/** Stored for Backstage's "Auto" choice (follow the operating system), which has no theme id. */
export const AUTO_THEME = 'auto';
/**
 * This browser's local storage key for a choice whose save has not been confirmed yet: a page
 * left (or reloaded) right after a switch may cut the save off, and the next load must send the
 * choice again rather than take the older value the settings still hold.
 */
export const PENDING_THEME_KEY = 'pp.appearance.pendingTheme';

const pending = {
  get: (): string | null => {
    try {
      return window.localStorage.getItem(PENDING_THEME_KEY);
    } catch {
      return null;
    }
  },
  set: (value: string) => {
    try {
      window.localStorage.setItem(PENDING_THEME_KEY, value);
    } catch {
      // no local storage: the save simply is not retried after a reload
    }
  },
  clear: (value?: string) => {
    try {
      if (value === undefined || pending.get() === value)
        window.localStorage.removeItem(PENDING_THEME_KEY);
    } catch {
      // as above
    }
  },
};

/**
 * Remembers the theme per person, not per browser.
 *
 * Backstage's theme selector keeps the choice only in this browser's local storage (key `theme`).
 * This mirrors every change into the signed-in person's settings - the storage API, which
 * `@backstage/plugin-app-module-user-settings` routes to the user-settings backend - and applies
 * what their settings hold once they have signed in, in any browser. Someone with nothing saved
 * yet takes this browser's explicit choice as theirs.
 *
 * It runs once per app, for the app's lifetime, outside React: switching themes swaps the theme
 * Provider component, which remounts the whole app below it, this element included. A
 * per-mount sync would forget what it had just saved and re-read the settings while the save is
 * still in flight, and could put the old theme back.
 */
const started = new WeakSet<AppThemeApi>();

export function startThemePreferenceSync(
  themeApi: AppThemeApi,
  storageApi: StorageApi,
): void {
  if (started.has(themeApi)) return;
  started.add(themeApi);

  const bucket = storageApi.forBucket(THEME_PREFERENCE_BUCKET);
  const installed = new Set(themeApi.getInstalledThemes().map(t => t.id));
  // What the person's settings hold; undefined until their first answer arrives, so nothing is
  // written before we know what is there (a switch made meanwhile waits, see save). That answer waits for the sign-in: the storage API asks
  // the identity API for credentials first, so the settings read are the signed-in person's.
  let saved: { value?: string } | undefined;
  // The theme this page started with: one active at the settings' first answer that differs was
  // chosen on this page meanwhile (the theme observable may report that switch only later).
  const initial = themeApi.getActiveThemeId();

  const save = (themeId: string | undefined) => {
    const value = themeId ?? AUTO_THEME;
    if (!saved) {
      // A switch made before the settings answered is newer than anything they hold: kept as
      // unsent, it is sent (not reverted) when their first answer arrives.
      pending.set(value);
      return;
    }
    if (value === saved.value) return;
    saved = { value };
    pending.set(value);
    bucket.set(THEME_PREFERENCE_KEY, value).then(
      () => pending.clear(value),
      () => {
        // Not fatal: the choice still holds in this browser and is sent again on the next load.
      },
    );
  };

  bucket.observe$<string>(THEME_PREFERENCE_KEY).subscribe(snapshot => {
    if (snapshot.presence === 'unknown') return;
    const value = snapshot.presence === 'present' ? snapshot.value : undefined;
    const first = saved === undefined;
    saved = { value };
    if (first) {
      const unsent = pending.get();
      const active = themeApi.getActiveThemeId() ?? AUTO_THEME;
      const switchedHere = themeApi.getActiveThemeId() !== initial;
      if (
        active !== value &&
        (switchedHere || (unsent !== null && unsent === active))
      ) {
        // This browser's last switch (on this page before the settings answered, or on a page
        // left before its save was confirmed) never reached them: send it instead of reverting.
        save(themeApi.getActiveThemeId());
        return;
      }
      pending.clear();
    }
    if (value === AUTO_THEME) {
      if (themeApi.getActiveThemeId() !== undefined) {
        themeApi.setActiveThemeId(undefined);
      }
    } else if (value && installed.has(value)) {
      if (value !== themeApi.getActiveThemeId()) {
        themeApi.setActiveThemeId(value);
      }
    } else if (first && themeApi.getActiveThemeId() !== undefined) {
      // Nothing usable saved yet: adopt this browser's explicit choice as the person's.
      save(themeApi.getActiveThemeId());
    }
  });

  // Only real changes of the active theme are saved. The observable replays the value it had at
  // subscription a tick later, when it may be stale; a newer value always follows it.
  let seen = themeApi.getActiveThemeId();
  themeApi.activeThemeId$().subscribe(themeId => {
    if (themeId === seen || themeId !== themeApi.getActiveThemeId()) return;
    seen = themeId;
    save(themeId);
  });
}

/** App root element that starts {@link startThemePreferenceSync} once the APIs are there. */
export function ThemePreferenceSync() {
  const themeApi = useApi(appThemeApiRef);
  const storageApi = useApi(storageApiRef);
  useEffect(
    () => startThemePreferenceSync(themeApi, storageApi),
    [themeApi, storageApi],
  );
  return null;
}
