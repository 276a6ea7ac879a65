import {
  SubPageBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';

/**
 * Settings → General, as the Platform Portal's: Backstage's profile card, the appearance card
 * (a theme toggle that keeps the chosen theme when it is clicked again), and "Your account" (name, email, roles in words) in place of Backstage's identity card, whose
 * `user:pp/<id>` reference has no catalog page behind it (a 404 on every click). Same extension id
 * as the user-settings plugin's own General page, so this one replaces it.
 */
const generalSettings = SubPageBlueprint.make({
  name: 'general',
  params: {
    path: 'general',
    title: 'General',
    loader: async () => {
      const [{ Content }, settings, { AccountCard }, { Grid }, appearance] =
        await Promise.all([
          import('@backstage/core-components'),
          import('@backstage/plugin-user-settings'),
          import('@internal/plugin-pp-users'),
          import('@material-ui/core'),
          import('./PpAppearanceCard'),
        ]);
      return (
        <Content>
          <Grid container direction="row" spacing={3}>
            <Grid item xs={12} md={6}>
              <settings.UserSettingsProfileCard />
            </Grid>
            <Grid item xs={12} md={6}>
              <appearance.PpAppearanceCard />
            </Grid>
            <Grid item xs={12} md={6}>
              <AccountCard />
            </Grid>
          </Grid>
        </Content>
      );
    },
  },
});

export const settingsModule = createFrontendModule({
  pluginId: 'user-settings',
  extensions: [generalSettings],
});
