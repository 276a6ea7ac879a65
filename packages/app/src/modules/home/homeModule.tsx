import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';

// `name` is how app-config.yaml places the card in the page:home defaultConfig.
const welcomeWidget = HomePageWidgetBlueprint.make({
  name: 'welcome',
  params: {
    name: 'PlatformPortalWelcome',
    title: 'Welcome',
    description: 'What the Platform Portal is and where to start',
    components: async () => {
      const { WelcomeCard } = await import('./WelcomeCard');
      return { Content: WelcomeCard };
    },
  },
});

const homeLayout = HomePageLayoutBlueprint.make({
  params: {
    loader: async () => (await import('./HomePageLayout')).HomePageLayout,
  },
});

/** The Platform Portal home page: its banner, grid and welcome card. */
export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [homeLayout, welcomeWidget],
});
