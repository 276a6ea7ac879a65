import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ppIdentityServiceRef } from '@internal/plugin-pp-node';
import { PpPermissionPolicy } from './PpPermissionPolicy';

/** Installs the PP permission policy in Backstage's permission backend. */
export const ppPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'pp-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, identity: ppIdentityServiceRef },
      async init({ policy, identity }) {
        policy.setPolicy(new PpPermissionPolicy(identity));
      },
    });
  },
});
