import { createHash } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  authServiceFactory,
  externalTokenHandlersServiceRef,
  pluginTokenHandlerDecoratorServiceRef,
} from '@backstage/backend-defaults/auth';
import { PpLocalCache } from '../identity/localCache';

/** How many verified user tokens each plugin's auth service remembers. */
const VERIFIED_TOKENS_MAX = 10_000;
/** Backstage user tokens live an hour; an entry never outlives its token's `exp`. */
const VERIFIED_TOKEN_MAX_MS = 60 * 60 * 1000;

/** The JWT `typ` of a full Backstage user token. */
const USER_TOKEN_TYPE = 'vnd.backstage.user';

function isFullUserToken(token: string): boolean {
  const dot = token.indexOf('.');
  if (dot <= 0) return false;
  try {
    const header = JSON.parse(
      Buffer.from(token.slice(0, dot), 'base64url').toString('utf8'),
    );
    return header?.typ === USER_TOKEN_TYPE;
  } catch {
    return false;
  }
}

/**
 * An auth service that remembers which full Backstage user tokens it has verified, until each
 * token's own expiry (bounded LRU): a person's client sends the same token on every request, and
 * checking its ES256 signature again each time is the largest CPU cost of the gate.
 *
 * What is remembered is only "this exact string is a correctly signed user token of X, valid
 * until T": entries are keyed by the token's SHA-256, so a changed token (or signature) is never
 * a hit, and failures are never remembered. Whether the person may still act is not decided here:
 * the PP guard and access gate check the person's status and PP session on every request (a
 * logout, deactivation or role change ends the session, and the token with it). Limited user
 * tokens, plugin tokens and PP tokens are verified as before, every time.
 *
 * @public
 */
export function withVerifiedUserTokenCache(
  auth: AuthService,
  options: { max?: number; now?: () => number } = {},
): AuthService {
  const now = options.now ?? Date.now;
  const verified = new PpLocalCache<BackstageCredentials>({
    ttlMs: VERIFIED_TOKEN_MAX_MS,
    max: options.max ?? VERIFIED_TOKENS_MAX,
    now,
  });
  return {
    async authenticate(token, authOptions) {
      const key = createHash('sha256').update(token).digest('base64url');
      const hit = verified.get(key);
      if (hit) return hit;
      const ticket = verified.ticket();
      const credentials = await auth.authenticate(token, authOptions);
      if (
        auth.isPrincipal(credentials, 'user') &&
        credentials.expiresAt &&
        isFullUserToken(token)
      ) {
        const user = credentials.principal.userEntityRef;
        verified.set(key, user, credentials, {
          ticket,
          until: credentials.expiresAt.getTime(),
        });
      }
      return credentials;
    },
    isPrincipal: ((credentials: BackstageCredentials, type: any) =>
      auth.isPrincipal(credentials, type)) as AuthService['isPrincipal'],
    getNoneCredentials: () => auth.getNoneCredentials(),
    getOwnServiceCredentials: () => auth.getOwnServiceCredentials(),
    getPluginRequestToken: o => auth.getPluginRequestToken(o),
    getLimitedUserToken: c => auth.getLimitedUserToken(c),
    listPublicServiceKeys: () => auth.listPublicServiceKeys(),
  };
}

/** What Backstage's own auth factory is, inside: it is called with the same dependencies. */
type AuthFactoryInternals = {
  factory(deps: unknown, context: unknown): Promise<AuthService>;
};

/**
 * Every plugin's auth service: Backstage's default one (same dependencies, same token handlers,
 * PP's external token handler included) with verified user tokens remembered
 * ({@link withVerifiedUserTokenCache}).
 *
 * @public
 */
export const ppAuthServiceFactory = createServiceFactory({
  service: coreServices.auth,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    discovery: coreServices.discovery,
    plugin: coreServices.pluginMetadata,
    database: coreServices.database,
    pluginTokenHandlerDecorator: pluginTokenHandlerDecoratorServiceRef,
    externalTokenHandlers: externalTokenHandlersServiceRef,
  },
  async factory(deps) {
    const auth = await (
      authServiceFactory as unknown as AuthFactoryInternals
    ).factory(deps, undefined);
    return withVerifiedUserTokenCache(auth);
  },
});
