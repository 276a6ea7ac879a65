import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  createExternalTokenHandler,
  externalTokenHandlersServiceRef,
} from '@backstage/backend-defaults/auth';
import {
  PpIdentityService,
  ppIdentityServiceRef,
} from '../identity/PpIdentityService';
import {
  PP_ADMIN_TOKEN_SUBJECT,
  PP_PRINCIPAL_SUBJECT_PREFIX,
} from './tokenAuth';

/**
 * Teaches every plugin's Backstage auth service to accept PP bearer tokens (PP_ADMIN_TOKEN, API
 * tokens of active principals, delegation tokens) as external service principals. Enabled by the
 * entry `{ type: 'pp' }` under `backend.auth.externalAccess`. What such a principal may do on
 * Backstage's own plugins is decided by the PP access gate in front of every plugin (see
 * `createPpAccessGate`): Backstage's permission client allows service principals everything.
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
        if (verified)
          return {
            subject: `${PP_PRINCIPAL_SUBJECT_PREFIX}${verified.userId}`,
          };
        return undefined;
      },
    });
  },
});
