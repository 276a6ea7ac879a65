import type { Theme } from '@material-ui/core/styles';
import fs from 'node:fs';
import path from 'node:path';
import {
  PP_DARK_BACKGROUND,
  PP_THEME_IDS,
  PP_THEMES,
  ppDarkTheme,
  ppVibrantTheme,
  ppWhiteTheme,
} from './themes';

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map(i => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const hexColours = (text: string) => text.match(/#[0-9a-f]{6}\b/gi) ?? [];

describe('Platform Portal themes', () => {
  it('computes contrast like WCAG', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 1);
    expect(contrast('#f76707', '#ffffff')).toBeLessThan(4.5);
  });

  it.each(PP_THEMES.map(t => [t.title, t.theme] as const))(
    'writes page headers of %s in a colour readable on every stop of their gradients (WCAG AA)',
    (_title, theme) => {
      const v4 = theme.getTheme('v4') as any;
      const kinds = [
        'home',
        'documentation',
        'tool',
        'service',
        'website',
        'library',
        'other',
        'app',
        'apis',
      ];
      const unreadable: string[] = [];
      for (const kind of kinds) {
        const page = v4.getPageTheme({ themeId: kind });
        const stops = hexColours(page.backgroundImage);
        expect(stops.length).toBeGreaterThanOrEqual(2);
        for (const stop of stops) {
          const ratio = contrast(stop, page.fontColor);
          if (ratio < 4.5)
            unreadable.push(`${kind} ${stop} ${ratio.toFixed(2)}`);
        }
      }
      expect(unreadable).toEqual([]);
    },
  );

  it('writes the Vibrant plugin header labels (white) readably on every stop of its gradient', () => {
    const css = fs.readFileSync(path.join(__dirname, 'ppThemes.css'), 'utf8');
    const rule = css.match(
      /body\[data-theme-name='pp-vibrant'\] \.bui-PluginHeader \{([^}]*)\}/,
    );
    expect(rule).not.toBeNull();
    const gradient = rule![1].match(/background: linear-gradient\(([^;]*)\);/);
    const stops = hexColours(gradient![1]);
    expect(stops.length).toBeGreaterThanOrEqual(3);
    for (const stop of stops) {
      expect(contrast(stop, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });

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
    expect(home).toContain('#c2255c');
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
