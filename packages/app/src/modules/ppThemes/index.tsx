import { ReactElement } from 'react';
import { UnifiedThemeProvider } from '@backstage/theme';
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

/**
 * One `theme:app/<id>` extension per theme. They attach to the app's theme API
 * (`api:app/app-theme`), which offers them in the Settings theme picker in this order.
 * Backstage's own `theme:app/light` and `theme:app/dark` are switched off in app-config.yaml.
 */
export const ppThemeExtensions = PP_THEMES.map(
  ({ id, title, variant, theme }) =>
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
            <UnifiedThemeProvider theme={theme} themeName={id}>
              {children}
            </UnifiedThemeProvider>
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
