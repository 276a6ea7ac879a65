import type { Theme } from '@material-ui/core/styles';
import {
  PP_DARK_BACKGROUND,
  PP_THEME_IDS,
  PP_THEMES,
  ppDarkTheme,
  ppVibrantTheme,
  ppWhiteTheme,
} from './themes';

describe('Platform Portal themes', () => {
  it('has the spec Dark background', () => {
    expect(PP_DARK_BACKGROUND).toBe('#0a0a0a');
    expect(ppDarkTheme.getTheme('v4')!.palette.background.default).toBe(
      '#0a0a0a',
    );
    expect((ppDarkTheme.getTheme('v4') as any).palette.type).toBe('dark');
  });

  it('has a white White and a colourful Vibrant', () => {
    expect(ppWhiteTheme.getTheme('v4')!.palette.background.default).toBe(
      '#ffffff',
    );
    const vibrant = ppVibrantTheme.getTheme('v4') as any;
    const home = vibrant.getPageTheme({ themeId: 'home' }).backgroundImage;
    const tool = vibrant.getPageTheme({ themeId: 'tool' }).backgroundImage;
    expect(home).toContain('#d6336c');
    expect(tool).not.toBe(home);
    expect(vibrant.palette.primary.main).not.toBe(
      (ppWhiteTheme.getTheme('v4') as any).palette.primary.main,
    );
  });

  it('offers Dark, White and Vibrant, in that order', () => {
    expect(
      PP_THEMES.map(({ id, title, variant }) => [id, title, variant]),
    ).toEqual([
      ['pp-dark', 'Dark', 'dark'],
      ['pp-white', 'White', 'light'],
      ['pp-vibrant', 'Vibrant', 'light'],
    ]);
    for (const { variant, theme } of PP_THEMES) {
      expect((theme.getTheme('v4') as Theme).palette.type).toBe(variant);
    }
  });

  it('uses distinct ids', () => {
    expect(new Set(Object.values(PP_THEME_IDS)).size).toBe(3);
  });
});

describe('table cells in the PP themes', () => {
  it.each(PP_THEMES.map(t => [t.title, t.theme]))(
    '%s keeps words whole: word-break normal, a long token still wraps',
    (_title, theme) => {
      const overrides = (theme.getTheme('v4') as any).overrides.MuiTableCell;
      for (const part of ['root', 'head']) {
        expect(overrides[part]).toMatchObject({
          wordBreak: 'normal',
          overflowWrap: 'break-word',
        });
      }
      // Backstage's density is kept
      expect(overrides.root.verticalAlign).toBe('middle');
    },
  );
});
