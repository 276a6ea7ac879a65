import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';
import { ppIdentityServiceRef } from '@internal/plugin-pp-node';
import { resolvePpSignIn } from '@internal/plugin-pp-users-backend';

/**
 * TESTS ONLY: a sign-in provider `pp-test` that stands in for Google in full-stack tests. Like
 * Google it names any person (by the dev sign-in's headers) and goes through the same PP sign-in
 * rules (resolvePpSignIn); the real dev sign-in admits only the seeded demo people. Added by
 * startPpTestBackend, never by the backend itself.
 */
export const ppTestSignInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'pp-test-sign-in',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        identity: ppIdentityServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ providers, identity, config }) {
        providers.registerProvider({
          providerId: 'pp-test',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator<
              undefined,
              { email: string; sessionId: string; fresh: boolean },
              undefined
            >({
              defaultProfileTransform: async (result: { email: string }) => ({
                profile: { email: result.email },
              }),
              initialize: () => undefined,
              async authenticate({ req }) {
                const email = req.header('x-pp-dev-user');
                const sessionId = req.header('x-pp-dev-session');
                if (!email || !sessionId) {
                  throw new InputError('x-pp-dev-user and -session needed');
                }
                return {
                  result: {
                    email,
                    sessionId,
                    fresh: req.header('x-pp-dev-fresh') === '1',
                  },
                };
              },
            }),
            signInResolver: ({ result }, ctx) =>
              resolvePpSignIn({ ...result, provider: 'pp-test' }, ctx, {
                identity,
                config,
              }),
          }),
        });
      },
    });
  },
});
