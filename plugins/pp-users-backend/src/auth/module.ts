import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { googleAuthenticator } from '@backstage/plugin-auth-backend-module-google-provider';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { NotAllowedError } from '@backstage/errors';
import { ppIdentityServiceRef } from '@internal/plugin-pp-node';
import {
  assertDevSignInAllowed,
  devSignInEnabled,
  devSignInRefusal,
} from './config';
import { devAuthenticator } from './devProvider';
import { WithPpSession, withPpSessions } from './sessionAuthenticator';
import { resolvePpSignIn } from './signIn';

/**
 * Sign-in for the Platform Portal, as a module of Backstage's auth plugin:
 * Google (the spec's provider) and the embedded default's dev sign-in, both through the PP rules.
 */
export const ppAuthModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'pp-sign-in',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        identity: ppIdentityServiceRef,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, identity, config, logger }) {
        // Never in production: a clear start-up failure rather than an open door.
        assertDevSignInAllowed(config);
        providers.registerProvider({
          providerId: 'google',
          factory: createOAuthProviderFactory({
            authenticator: withPpSessions(googleAuthenticator),
            async signInResolver(info, ctx) {
              const session = (info.result as WithPpSession<typeof info.result>)
                .ppSession;
              if (!session) {
                throw new Error('Sign-in carried no Platform Portal session');
              }
              return resolvePpSignIn(
                {
                  email: info.profile.email,
                  sessionId: session.sessionId,
                  fresh: session.fresh,
                  provider: 'google',
                },
                ctx,
                { identity, config },
              );
            },
          }),
        });

        providers.registerProvider({
          providerId: 'pp-dev',
          factory: createProxyAuthProviderFactory({
            authenticator: devAuthenticator,
            // The person's name, as Google would give it (Settings shows it, not the email twice).
            async profileTransform(result) {
              const user = await identity.users.getUserByEmail(result.email);
              return {
                profile: {
                  email: result.email,
                  displayName: user?.name ?? result.email,
                },
              };
            },
            async signInResolver({ result }, ctx) {
              if (!devSignInEnabled(config)) {
                throw new NotAllowedError(
                  'The dev sign-in is disabled on this portal',
                );
              }
              return resolvePpSignIn({ ...result, provider: 'pp-dev' }, ctx, {
                identity,
                config,
                // Only the seeded demo people, never an added person or admin.
                admit: email => devSignInRefusal(email, identity.users),
              });
            },
          }),
        });

        if (devSignInEnabled(config)) {
          logger.warn(
            '*** The Platform Portal DEV SIGN-IN is ON (auth.providers.pp-dev.enabled): anyone who ' +
              'reaches this portal can sign in as any seeded demo person. It refuses to run with ' +
              'NODE_ENV=production. ***',
          );
        }
      },
    });
  },
});
