import {
  coreServices,
  createBackendModule,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  ppDeploymentTargetsExtensionPoint,
  ppKnowledgeDeploymentTargetsExtensionPoint,
} from '@internal/plugin-pp-node';
import { ArgoRolloutsTarget, RolloutsApi } from './ArgoRolloutsTarget';
import { KubernetesRolloutsApi } from './KubernetesRolloutsApi';

/**
 * A `RolloutsApi` whose Kubernetes client is made (and the kubeconfig read) on its first call, so
 * an installed but unused target needs no cluster.
 */
function lazyRolloutsApi(
  connection: () => {
    kubeconfig?: string;
    inCluster?: boolean;
  },
): RolloutsApi {
  let api: RolloutsApi | undefined;
  const client = () => {
    api ??= KubernetesRolloutsApi.fromOptions(connection());
    return api;
  };
  return {
    get: (...a) => client().get(...a),
    jsonPatch: (...a) => client().jsonPatch(...a),
    mergePatch: (...a) => client().mergePatch(...a),
  };
}

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
        targets.addDeploymentTarget(
          new ArgoRolloutsTarget({
            api: lazyRolloutsApi(() => ({
              kubeconfig: argo?.getOptionalString('kubeconfig'),
              inCluster: argo?.getOptionalBoolean('inCluster'),
            })),
            namespace: argo?.getOptionalString('namespace') ?? 'default',
            container: argo?.getOptionalString('container'),
          }),
        );
      },
    });
  },
});

/** The default `versionEnv` of the retunings' target. */
export const PP_KNOWLEDGE_VERSION_ENV = 'PP_KNOWLEDGE_VERSION';

/**
 * The retunings' Argo Rollouts settings: `pp.knowledge.retuning.deployment.argoRollouts`, each
 * unset one taken from `pp.orchestration.deployment.argoRollouts` (the same agents' Rollouts), the
 * connection (`kubeconfig`, `inCluster`) as a pair: from the knowledge section when it sets either.
 */
export function readKnowledgeArgoRolloutsConfig(config: RootConfigService) {
  const own = config.getOptionalConfig(
    'pp.knowledge.retuning.deployment.argoRollouts',
  );
  const upgrades = config.getOptionalConfig(
    'pp.orchestration.deployment.argoRollouts',
  );
  const str = (key: string) =>
    own?.getOptionalString(key) ?? upgrades?.getOptionalString(key);
  const connection =
    own?.has('kubeconfig') || own?.has('inCluster') ? own : upgrades;
  return {
    namespace: str('namespace') ?? 'default',
    container: str('container'),
    kubeconfig: connection?.getOptionalString('kubeconfig'),
    inCluster: connection?.getOptionalBoolean('inCluster'),
    versionEnv:
      own?.getOptionalString('versionEnv') ?? PP_KNOWLEDGE_VERSION_ENV,
  };
}

/**
 * Adds the `argo-rollouts` deployment target to the knowledge plugin's agent retunings
 * (`ppKnowledgeDeploymentTargetsExtensionPoint`). A retuning changes the knowledge version an agent
 * loads, not its image: deploy sets the environment variable `versionEnv` (default
 * `PP_KNOWLEDGE_VERSION`) of the agent's container in the Rollout's pod template to the knowledge
 * version (the variable added when missing), and the status reads green's version back from it.
 * The agent's image is expected to load the knowledge version the variable names at start (an
 * env entry wins over `envFrom`); Argo's canary (green, a new ReplicaSet of the changed pod
 * template, beside blue; traffic by weight; abort back to blue) runs as for an upgrade.
 *
 * The ref: a retuning's `target_ref` is its agent id (the catalog Component's name), the same ref
 * as orchestration's agent upgrades: the Rollout named by the agent id in `namespace` (a ref
 * `namespace/name` would name another namespace). So upgrades and retunings drive the same Rollout
 * per agent, one changing the image, the other the variable.
 *
 * Configured under `pp.knowledge.retuning.deployment.argoRollouts` (`namespace`, `container`,
 * `kubeconfig`, `inCluster`, `versionEnv`); unset keys fall back to
 * `pp.orchestration.deployment.argoRollouts` (see `readKnowledgeArgoRolloutsConfig`). Always
 * installed, it is inactive unless `pp.knowledge.retuning.deployment.target` is `argo-rollouts`:
 * the Kubernetes client is made on the target's first use, so the demo target needs no cluster.
 *
 * @public
 */
export const ppKnowledgeArgoRolloutsModule = createBackendModule({
  pluginId: 'pp-knowledge',
  moduleId: 'argo-rollouts',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        targets: ppKnowledgeDeploymentTargetsExtensionPoint,
      },
      async init({ config, targets }) {
        const settings = readKnowledgeArgoRolloutsConfig(config);
        targets.addDeploymentTarget(
          new ArgoRolloutsTarget({
            api: lazyRolloutsApi(() => settings),
            namespace: settings.namespace,
            container: settings.container,
            versionEnv: settings.versionEnv,
          }),
        );
      },
    });
  },
});
