import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  createExternalTokenHandler,
  externalTokenHandlersServiceRef,
} from '@backstage/backend-defaults/auth';
import {
  PP_ADMIN_TOKEN_SUBJECT,
  PpIdentityService,
  ppIdentityServiceRef,
} from '../identity/PpIdentityService';

/**
 * Teaches every plugin's Backstage auth service to accept PP bearer tokens (PP_ADMIN_TOKEN and
 * agent/service API tokens) as external service principals. Enabled by the entry
 * `{ type: 'pp' }` under `backend.auth.externalAccess`.
 *
 * @public
 */
export const ppExternalTokenHandlerFactory = createServiceFactory({
  service: externalTokenHandlersServiceRef,
  deps: { identity: ppIdentityServiceRef },
  async factory({ identity }) {
    return createExternalTokenHandler<PpIdentityService>({
      type: 'pp',
      initialize() {
        return identity;
      },
      async verifyToken(token, ppIdentity) {
        const verified = await ppIdentity.verifyBearerToken(token);
        if (verified === 'admin') return { subject: PP_ADMIN_TOKEN_SUBJECT };
        if (verified) return { subject: `pp-principal:${verified.userId}` };
        return undefined;
      },
    });
  },
});
