import { UnifiedThemeProvider } from '@backstage/theme';
import {
  AppRootElementBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import DarkIcon from '@material-ui/icons/Brightness2';
import WhiteIcon from '@material-ui/icons/WbSunny';
import VibrantIcon from '@material-ui/icons/Palette';
import {
  PP_THEME_IDS,
  ppDarkTheme,
  ppVibrantTheme,
  ppWhiteTheme,
} from './themes';
import { ThemePreferenceSync } from './ThemePreferenceSync';
import './ppThemes.css';

const dark = ThemeBlueprint.make({
  name: 'pp-dark',
  params: {
    theme: {
      id: PP_THEME_IDS.dark,
      title: 'Dark',
      variant: 'dark',
      icon: <DarkIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider
          theme={ppDarkTheme}
          themeName={PP_THEME_IDS.dark}
          children={children}
        />
      ),
    },
  },
});

const white = ThemeBlueprint.make({
  name: 'pp-white',
  params: {
    theme: {
      id: PP_THEME_IDS.white,
      title: 'White',
      variant: 'light',
      icon: <WhiteIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider
          theme={ppWhiteTheme}
          themeName={PP_THEME_IDS.white}
          children={children}
        />
      ),
    },
  },
});

const vibrant = ThemeBlueprint.make({
  name: 'pp-vibrant',
  params: {
    theme: {
      id: PP_THEME_IDS.vibrant,
      title: 'Vibrant',
      variant: 'light',
      icon: <VibrantIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider
          theme={ppVibrantTheme}
          themeName={PP_THEME_IDS.vibrant}
          children={children}
        />
      ),
    },
  },
});

const themePreferenceSync = AppRootElementBlueprint.make({
  name: 'pp-theme-preference',
  params: { element: <ThemePreferenceSync /> },
});

/** The Platform Portal's Dark, White and Vibrant themes, remembered per person. */
export const ppThemesModule = createFrontendModule({
  pluginId: 'app',
  extensions: [dark, white, vibrant, themePreferenceSync],
});
