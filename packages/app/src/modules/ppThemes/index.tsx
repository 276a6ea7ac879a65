import { ReactElement, ReactNode, useMemo } from 'react';
import { UnifiedTheme, UnifiedThemeProvider } from '@backstage/theme';
import {
  AppRootElementBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import DarkIcon from '@material-ui/icons/Brightness2';
import WhiteIcon from '@material-ui/icons/WbSunny';
import VibrantIcon from '@material-ui/icons/Palette';
import { PP_THEMES, PpThemeId } from './themes';
import { ThemePreferenceSync } from './ThemePreferenceSync';
import './ppThemes.css';

const icons: Record<PpThemeId, ReactElement> = {
  'pp-dark': <DarkIcon />,
  'pp-white': <WhiteIcon />,
  'pp-vibrant': <VibrantIcon />,
};

/** Provides a theme object of its own to each mount (why: `PP_THEMES`' `create`). */
function FreshThemeProvider(props: {
  create: () => UnifiedTheme;
  themeName: string;
  children: ReactNode;
}) {
  const { create, themeName, children } = props;
  const theme = useMemo(() => create(), [create]);
  return (
    <UnifiedThemeProvider theme={theme} themeName={themeName}>
      {children}
    </UnifiedThemeProvider>
  );
}

/**
 * One `theme:app/<id>` extension per theme. They attach to the app's theme API
 * (`api:app/app-theme`), which offers them in the Settings theme picker in this order.
 * Backstage's own `theme:app/light` and `theme:app/dark` are switched off in app-config.yaml.
 */
export const ppThemeExtensions = PP_THEMES.map(
  ({ id, title, variant, create }) =>
    ThemeBlueprint.make({
      name: id,
      params: {
        theme: {
          id,
          title,
          variant,
          icon: icons[id],
          // themeName marks <body data-theme-name="…">, which ppThemes.css keys on.
          Provider: ({ children }) => (
            <FreshThemeProvider create={create} themeName={id}>
              {children}
            </FreshThemeProvider>
          ),
        },
      },
    }),
);

const themePreferenceSync = AppRootElementBlueprint.make({
  name: 'pp-theme-preference',
  params: { element: <ThemePreferenceSync /> },
});

/** The Platform Portal's Dark, White and Vibrant themes, remembered per person. */
export const ppThemesModule = createFrontendModule({
  pluginId: 'app',
  extensions: [...ppThemeExtensions, themePreferenceSync],
});
