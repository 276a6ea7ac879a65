import {
  createFrontendModule,
  createTranslationMessages,
} from '@backstage/frontend-plugin-api';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { userSettingsTranslationRef } from '@backstage/plugin-user-settings';

// Settings says "Backstage" where people should read "Platform Portal".
const userSettingsWording = TranslationBlueprint.make({
  name: 'pp-user-settings',
  params: {
    resource: createTranslationMessages({
      ref: userSettingsTranslationRef,
      messages: {
        'identityCard.title': 'Platform Portal identity',
        'identityCard.noIdentityTitle': 'No Platform Portal identity',
        'featureFlags.emptyFlags.description':
          'Feature flags let plugins offer features for people to opt into.',
      },
    }),
  },
});

/** Platform Portal wording in place of the plugins' built-in "Backstage" text. */
export const brandingModule = createFrontendModule({
  pluginId: 'app',
  extensions: [userSettingsWording],
});
