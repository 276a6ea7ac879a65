import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ppDeploymentTargetsExtensionPoint } from '@internal/plugin-pp-node';
import { ArgoRolloutsTarget, RolloutsApi } from './ArgoRolloutsTarget';
import { KubernetesRolloutsApi } from './KubernetesRolloutsApi';

/**
 * Adds the `argo-rollouts` deployment target to the orchestration plugin. Always installed, it is
 * inactive unless `pp.orchestration.deployment.target` is `argo-rollouts`: the Kubernetes client
 * is made (and the kubeconfig read) on the target's first use, so the embedded default (demo
 * target) needs no cluster.
 *
 * @public
 */
export const ppArgoRolloutsModule = createBackendModule({
  pluginId: 'pp-orchestration',
  moduleId: 'argo-rollouts',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        targets: ppDeploymentTargetsExtensionPoint,
      },
      async init({ config, targets }) {
        const argo = config.getOptionalConfig(
          'pp.orchestration.deployment.argoRollouts',
        );
        let api: RolloutsApi | undefined;
        const lazy: RolloutsApi = {
          get: (...a) => client().get(...a),
          jsonPatch: (...a) => client().jsonPatch(...a),
          mergePatch: (...a) => client().mergePatch(...a),
        };
        function client() {
          api ??= KubernetesRolloutsApi.fromOptions({
            kubeconfig: argo?.getOptionalString('kubeconfig'),
            inCluster: argo?.getOptionalBoolean('inCluster'),
          });
          return api;
        }
        targets.addDeploymentTarget(
          new ArgoRolloutsTarget({
            api: lazy,
            namespace: argo?.getOptionalString('namespace') ?? 'default',
            container: argo?.getOptionalString('container'),
          }),
        );
      },
    });
  },
});
