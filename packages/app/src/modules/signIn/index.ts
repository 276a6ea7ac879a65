import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const ppSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => (await import('./PpSignInPage')).PpSignInPage,
  },
});

/** The Platform Portal sign-in page (Google and the embedded default's dev sign-in). */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [ppSignInPage],
});
