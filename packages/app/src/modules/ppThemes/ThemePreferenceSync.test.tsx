import { render, waitFor } from '@testing-library/react';
import {
  AppTheme,
  StorageApi,
  storageApiRef,
} from '@backstage/frontend-plugin-api';
import { mockApis, TestApiProvider } from '@backstage/frontend-test-utils';
import {
  AUTO_THEME,
  PENDING_THEME_KEY,
  THEME_PREFERENCE_BUCKET,
  THEME_PREFERENCE_KEY,
  ThemePreferenceSync,
} from './ThemePreferenceSync';

type Snapshot = ReturnType<StorageApi['snapshot']>;
type Listener = (snapshot: Snapshot) => void;

/**
 * The person's settings as the user-settings storage serves them: a subscription's first
 * answer arrives asynchronously (after sign-in), later ones as values change.
 */
class FakeUserSettings {
  readonly writes: string[] = [];
  private readonly listeners = new Set<Listener>();
  private value: string | undefined;

  constructor(saved?: string) {
    this.value = saved;
  }

  private snapshot(): Snapshot {
    return this.value === undefined
      ? { key: THEME_PREFERENCE_KEY, presence: 'absent' }
      : { key: THEME_PREFERENCE_KEY, presence: 'present', value: this.value };
  }

  /** Another browser of the same person saved a new choice. */
  changeElsewhere(value: string) {
    this.value = value;
    this.listeners.forEach(listener => listener(this.snapshot()));
  }

  readonly api = {
    forBucket: (bucket: string) => {
      expect(bucket).toBe(THEME_PREFERENCE_BUCKET);
      return {
        set: async (key: string, value: string) => {
          expect(key).toBe(THEME_PREFERENCE_KEY);
          this.writes.push(value);
          // The backend stores it a little later, as the user-settings backend does.
          await new Promise(resolve => setTimeout(resolve, 5));
          this.changeElsewhere(value);
        },
        observe$: (key: string) => {
          expect(key).toBe(THEME_PREFERENCE_KEY);
          return {
            subscribe: (next: Listener) => {
              let closed = false;
              const listener: Listener = s => {
                if (!closed) next(s);
              };
              this.listeners.add(listener);
              Promise.resolve().then(() => listener(this.snapshot()));
              return {
                get closed() {
                  return closed;
                },
                unsubscribe: () => {
                  closed = true;
                  this.listeners.delete(listener);
                },
              };
            },
          };
        },
      };
    },
  } as unknown as StorageApi;
}

const themes: AppTheme[] = ['pp-dark', 'pp-white', 'pp-vibrant'].map(id => ({
  id,
  title: id,
  variant: id === 'pp-dark' ? 'dark' : 'light',
  Provider: ({ children }) => <>{children}</>,
}));

function setup(options: { saved?: string; browser?: string }) {
  const settings = new FakeUserSettings(options.saved);
  const themeApi = mockApis.appTheme({
    themes,
    activeThemeId: options.browser,
  });
  const element = (
    <TestApiProvider apis={[[storageApiRef, settings.api], themeApi]}>
      <ThemePreferenceSync />
    </TestApiProvider>
  );
  const { unmount } = render(element);
  // Resolves once the person's settings have answered.
  const answered = () => new Promise(resolve => setTimeout(resolve, 0));
  // What a theme switch does to the app below the theme provider.
  const remount = () => {
    unmount();
    render(element);
  };
  return { settings, themeApi, answered, remount };
}

describe('ThemePreferenceSync', () => {
  beforeEach(() => window.localStorage.clear());

  it("applies the person's saved theme in a browser without a choice", async () => {
    const { settings, themeApi } = setup({ saved: 'pp-vibrant' });
    await waitFor(() => expect(themeApi.getActiveThemeId()).toBe('pp-vibrant'));
    expect(settings.writes).toEqual([]);
  });

  it("prefers the person's saved theme to this browser's", async () => {
    const { themeApi } = setup({ saved: 'pp-dark', browser: 'pp-white' });
    await waitFor(() => expect(themeApi.getActiveThemeId()).toBe('pp-dark'));
  });

  it('saves each change to the person', async () => {
    const { settings, themeApi, answered } = setup({ saved: 'pp-dark' });
    await answered();
    themeApi.setActiveThemeId('pp-white');
    themeApi.setActiveThemeId('pp-vibrant');
    expect(settings.writes).toEqual(['pp-white', 'pp-vibrant']);
  });

  it('remembers and restores "Auto"', async () => {
    const first = setup({ saved: 'pp-dark' });
    await first.answered();
    first.themeApi.setActiveThemeId(undefined);
    expect(first.settings.writes).toEqual([AUTO_THEME]);

    const second = setup({ saved: AUTO_THEME, browser: 'pp-white' });
    await waitFor(() =>
      expect(second.themeApi.getActiveThemeId()).toBeUndefined(),
    );
    expect(second.settings.writes).toEqual([]);
  });

  it("adopts this browser's explicit choice when the person has none", async () => {
    const { settings, answered } = setup({ browser: 'pp-white' });
    await answered();
    expect(settings.writes).toEqual(['pp-white']);
  });

  it('writes nothing for a new person in a browser without a choice', async () => {
    const { settings, themeApi, answered } = setup({});
    await answered();
    expect(settings.writes).toEqual([]);
    expect(themeApi.getActiveThemeId()).toBeUndefined();
  });

  it('ignores a saved theme that is no longer installed', async () => {
    const { settings, themeApi, answered } = setup({
      saved: 'light',
      browser: 'pp-vibrant',
    });
    await answered();
    expect(themeApi.getActiveThemeId()).toBe('pp-vibrant');
    expect(settings.writes).toEqual(['pp-vibrant']);
  });

  it("keeps a switch made before the person's settings answered and saves it once they do", async () => {
    const { settings, themeApi, answered } = setup({ saved: 'pp-dark' });
    themeApi.setActiveThemeId('pp-white');
    // nothing is written before the settings have answered
    expect(settings.writes).toEqual([]);
    await answered();
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(themeApi.getActiveThemeId()).toBe('pp-white');
    expect(settings.writes).toEqual(['pp-white']);
  });

  it('follows a choice made in another browser', async () => {
    const { settings, themeApi, answered } = setup({ saved: 'pp-dark' });
    await answered();
    settings.changeElsewhere('pp-vibrant');
    expect(themeApi.getActiveThemeId()).toBe('pp-vibrant');
    expect(settings.writes).toEqual([]);
  });

  it('sends again a switch whose save the last page did not live to confirm', async () => {
    const first = setup({ saved: 'pp-white' });
    await first.answered();
    first.themeApi.setActiveThemeId('pp-dark');
    expect(window.localStorage.getItem(PENDING_THEME_KEY)).toBe('pp-dark');
    // the page is reloaded before the save arrived: the settings still say pp-white
    const { settings, themeApi, answered } = setup({
      saved: 'pp-white',
      browser: 'pp-dark',
    });
    await answered();
    expect(themeApi.getActiveThemeId()).toBe('pp-dark');
    expect(settings.writes).toEqual(['pp-dark']);
    await waitFor(() =>
      expect(window.localStorage.getItem(PENDING_THEME_KEY)).toBeNull(),
    );
  });

  it('drops a stale unsent choice that this browser no longer shows', async () => {
    window.localStorage.setItem(PENDING_THEME_KEY, 'pp-vibrant');
    const { settings, themeApi } = setup({
      saved: 'pp-dark',
      browser: 'pp-white',
    });
    await waitFor(() => expect(themeApi.getActiveThemeId()).toBe('pp-dark'));
    expect(settings.writes).toEqual([]);
    expect(window.localStorage.getItem(PENDING_THEME_KEY)).toBeNull();
  });

  it('keeps one sync for the app when the app below the theme remounts', async () => {
    const { settings, themeApi, answered, remount } = setup({
      saved: 'pp-white',
    });
    await answered();
    const history: Array<string | undefined> = [];
    themeApi.activeThemeId$().subscribe(id => history.push(id));
    themeApi.setActiveThemeId('pp-dark');
    // The switch remounts the app while the save is still on its way.
    remount();
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(history.filter(id => id !== 'pp-dark')).toEqual(['pp-white']);
    expect(themeApi.getActiveThemeId()).toBe('pp-dark');
    expect(settings.writes).toEqual(['pp-dark']);
  });
});
