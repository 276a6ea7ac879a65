import {
  createBaseThemeOptions,
  createUnifiedTheme,
  defaultComponentThemes,
  genPageTheme,
  palettes,
  shapes,
  UnifiedTheme,
} from '@backstage/theme';

/** The spec's three themes (Stage "3 UI Themes": Dark #0a0a0a, White, Vibrant Colorful). */
export const PP_THEME_IDS = {
  dark: 'pp-dark',
  white: 'pp-white',
  vibrant: 'pp-vibrant',
} as const;

export type PpThemeId = (typeof PP_THEME_IDS)[keyof typeof PP_THEME_IDS];

/** The spec's Dark page background (also in ppThemes.css, for Backstage UI). */
export const PP_DARK_BACKGROUND = '#0a0a0a';
/** The page backgrounds of White and Vibrant (also in ppThemes.css). */
export const PP_WHITE_BACKGROUND = '#ffffff';
export const PP_VIBRANT_BACKGROUND = '#fff7fb';

type StyleOverride = unknown;
function resolveStyle(style: StyleOverride, props: unknown): object {
  if (typeof style === 'function') return style(props) ?? {};
  return (style as object | undefined) ?? {};
}

const baseTableCell = (defaultComponentThemes?.MuiTableCell?.styleOverrides ??
  {}) as Record<string, StyleOverride>;

/**
 * Words stay whole in every table of the three themes. Backstage's tables set
 * `word-break: break-word`, which lets the browser size a column as if a word could break after
 * any letter: columns shrink and words break mid-word ("Authenticatio n Service", "Incide nt").
 * Here words break only between words (`word-break: normal`); a single token longer than its
 * column still wraps rather than spilling (`overflow-wrap: break-word`, which does not shrink
 * columns). Cells that hold free text with possibly long tokens (a ticket title, an email) add
 * `overflow-wrap: anywhere` themselves (the ticket queue's title column, the users table).
 */
export const ppComponentThemes: Parameters<
  typeof createUnifiedTheme
>[0]['components'] = {
  MuiTableCell: {
    styleOverrides: {
      ...(baseTableCell as object),
      root: (props: unknown) => ({
        ...resolveStyle(baseTableCell.root, props),
        wordBreak: 'normal',
        overflowWrap: 'break-word',
      }),
      head: (props: unknown) => ({
        ...resolveStyle(baseTableCell.head, props),
        wordBreak: 'normal',
        overflowWrap: 'break-word',
      }),
    } as any,
  },
};

const darkPages = genPageTheme({
  colors: ['#1f2937', '#111827'],
  shape: shapes.wave,
});

/** A new theme object each call: see PP_THEMES. */
export const createPpDarkTheme = (): UnifiedTheme =>
  createUnifiedTheme({
    ...createBaseThemeOptions({
      palette: {
        ...palettes.dark,
        type: 'dark' as const,
        background: { default: PP_DARK_BACKGROUND, paper: '#141414' },
        primary: { main: '#38bdf8' },
        secondary: { main: '#a78bfa' },
        link: '#7dd3fc',
        linkHover: '#bae6fd',
        navigation: {
          ...palettes.dark.navigation,
          background: '#050505',
          indicator: '#38bdf8',
          selectedColor: '#ffffff',
        },
      },
    }),
    components: ppComponentThemes,
    defaultPageTheme: 'home',
    pageTheme: {
      home: darkPages,
      documentation: darkPages,
      tool: darkPages,
      service: darkPages,
      website: darkPages,
      library: darkPages,
      other: darkPages,
      app: darkPages,
      apis: darkPages,
    },
  });
export const ppDarkTheme = createPpDarkTheme();

const whitePages = genPageTheme({
  colors: ['#0f4c81', '#1d6fb8'],
  shape: shapes.wave2,
});

/** A new theme object each call: see PP_THEMES. */
export const createPpWhiteTheme = (): UnifiedTheme =>
  createUnifiedTheme({
    ...createBaseThemeOptions({
      palette: {
        ...palettes.light,
        background: { default: PP_WHITE_BACKGROUND, paper: '#ffffff' },
        primary: { main: '#0f4c81' },
        secondary: { main: '#0e7490' },
        navigation: {
          ...palettes.light.navigation,
          background: '#0f4c81',
          indicator: '#7dd3fc',
        },
      },
    }),
    components: ppComponentThemes,
    defaultPageTheme: 'home',
    pageTheme: {
      home: whitePages,
      documentation: whitePages,
      tool: whitePages,
      service: whitePages,
      website: whitePages,
      library: whitePages,
      other: whitePages,
      app: whitePages,
      apis: whitePages,
    },
  });
export const ppWhiteTheme = createPpWhiteTheme();

/**
 * Vibrant: each kind of page gets its own bright gradient. Page headers write white on it, so every
 * stop is dark enough for white text to reach WCAG AA (4.5:1, checked in themes.test.ts); the
 * lighter oranges, yellows and greens of the first palette left white tab labels hard to read.
 */
export const PP_VIBRANT_PAGE_COLORS = {
  home: { colors: ['#c2255c', '#c2410c'], shape: 'wave' },
  documentation: { colors: ['#7048e8', '#0b7285'], shape: 'wave2' },
  tool: { colors: ['#087f5b', '#b45309'], shape: 'round' },
  service: { colors: ['#1864ab', '#9c36b5'], shape: 'wave' },
  website: { colors: ['#c92a2a', '#a34700'], shape: 'wave2' },
  library: { colors: ['#087f5b', '#1971c2'], shape: 'round' },
  other: { colors: ['#862e9c', '#c2255c'], shape: 'wave' },
  app: { colors: ['#364fc7', '#0b7285'], shape: 'wave2' },
  apis: { colors: ['#c2410c', '#b45309'], shape: 'round' },
} as const satisfies Record<
  string,
  { colors: readonly string[]; shape: keyof typeof shapes }
>;

/** A new theme object each call: see PP_THEMES. */
export const createPpVibrantTheme = (): UnifiedTheme =>
  createUnifiedTheme({
    ...createBaseThemeOptions({
      palette: {
        ...palettes.light,
        background: { default: PP_VIBRANT_BACKGROUND, paper: '#ffffff' },
        // #c2255c: 5.4:1 on the page's #fff7fb, so primary-coloured links and text pass WCAG AA
        primary: { main: '#c2255c' },
        secondary: { main: '#f76707' },
        link: '#c2255c',
        linkHover: '#0c8599',
        navigation: {
          ...palettes.light.navigation,
          background: '#3b0764',
          indicator: '#f59f00',
          selectedColor: '#ffffff',
          color: '#e9d5ff',
        },
      },
    }),
    components: ppComponentThemes,
    defaultPageTheme: 'home',
    pageTheme: Object.fromEntries(
      Object.entries(PP_VIBRANT_PAGE_COLORS).map(
        ([kind, { colors, shape }]) => [
          kind,
          genPageTheme({ colors: [...colors], shape: shapes[shape] }),
        ],
      ),
    ),
  });
export const ppVibrantTheme = createPpVibrantTheme();

/** What the Settings theme picker offers, in its order (the icons are added in index.tsx). */
export const PP_THEMES: ReadonlyArray<{
  id: PpThemeId;
  title: string;
  variant: 'light' | 'dark';
  theme: UnifiedTheme;
  /**
   * Makes a new, equal theme object. The theme's provider takes a new one each time it is
   * mounted: Material UI v4 keeps each component's style sheet per theme object and names the
   * classes of its own components the same in every theme (`MuiTypography-colorTextSecondary`),
   * so going back to a theme object used before reused its old style sheet, which by then sat
   * before the other theme's in the page and lost to it: after Dark → White, secondary text
   * stayed white on white.
   */
  create: () => UnifiedTheme;
}> = [
  {
    id: PP_THEME_IDS.dark,
    title: 'Dark',
    variant: 'dark',
    theme: ppDarkTheme,
    create: createPpDarkTheme,
  },
  {
    id: PP_THEME_IDS.white,
    title: 'White',
    variant: 'light',
    theme: ppWhiteTheme,
    create: createPpWhiteTheme,
  },
  {
    id: PP_THEME_IDS.vibrant,
    title: 'Vibrant',
    variant: 'light',
    theme: ppVibrantTheme,
    create: createPpVibrantTheme,
  },
];
