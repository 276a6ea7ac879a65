import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';
import { isProduction } from './config';

/** Headers the dev sign-in page sends (see the app's sign-in page). */
export const DEV_USER_HEADER = 'x-pp-dev-user';
export const DEV_SESSION_HEADER = 'x-pp-dev-session';
/** Present only on the request of an explicit pick, absent on later refreshes. */
export const DEV_FRESH_HEADER = 'x-pp-dev-fresh';

export interface DevSignInResult {
  email: string;
  sessionId: string;
  fresh: boolean;
}

/**
 * The embedded default's dev sign-in: the person picks one of the seeded demo users; the same
 * PP sign-in rules then apply as for Google. Refused unless `auth.providers.pp-dev.enabled`, and
 * always with NODE_ENV=production. Only the seeded demo people are admitted (the sign-in resolver
 * checks with devSignInRefusal).
 */
export const devAuthenticator = createProxyAuthenticator<
  { enabled: boolean },
  DevSignInResult,
  undefined
>({
  defaultProfileTransform: async result => ({
    profile: { email: result.email, displayName: result.email },
  }),
  initialize({ config }: { config: Config }) {
    // `config` is auth.providers.pp-dev (see devSignInEnabled).
    const enabled = config.getOptionalBoolean('enabled') ?? false;
    if (enabled && isProduction()) {
      throw new Error(
        'The dev sign-in (auth.providers.pp-dev.enabled) cannot run with NODE_ENV=production',
      );
    }
    return { enabled };
  },
  async authenticate({ req }, { enabled }) {
    if (!enabled || isProduction()) {
      throw new NotAllowedError('The dev sign-in is disabled on this portal');
    }
    const email = req.header(DEV_USER_HEADER);
    const sessionId = req.header(DEV_SESSION_HEADER);
    if (!email || !sessionId || !/^[\w-]{16,64}$/.test(sessionId)) {
      throw new InputError('Pick a demo user to sign in');
    }
    return {
      result: { email, sessionId, fresh: req.header(DEV_FRESH_HEADER) === '1' },
    };
  },
});
