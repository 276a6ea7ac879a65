import {
  ApiException,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  ArgoRollout,
  JsonPatchOp,
  KubernetesApiError,
  RolloutsApi,
} from './ArgoRolloutsTarget';

const ROLLOUTS = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  plural: 'rollouts',
} as const;

/** A Kubernetes API error as `KubernetesApiError` (its status and the API's message). */
function rethrow(what: string, error: unknown): never {
  if (error instanceof ApiException) {
    let message = '';
    try {
      const body =
        typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
      message = body?.message ?? '';
    } catch {
      message = String(error.body ?? '');
    }
    throw new KubernetesApiError(
      error.code,
      `${what}: the Kubernetes API answered ${error.code}${
        message ? ` (${message})` : ''
      }`,
    );
  }
  throw error;
}

/**
 * `RolloutsApi` over `@kubernetes/client-node`'s CustomObjectsApi (`argoproj.io/v1alpha1`
 * `rollouts`), with the patch content types Argo's kubectl plugin uses: JSON merge patch for
 * the spec and the status subresource, JSON Patch for the pod template's image.
 */
export class KubernetesRolloutsApi implements RolloutsApi {
  private readonly api: CustomObjectsApi;

  constructor(kubeConfig: KubeConfig) {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  /** The cluster PP runs in (`inCluster`), a kubeconfig file, or the default kubeconfig. */
  static fromOptions(options: { kubeconfig?: string; inCluster?: boolean }) {
    const kc = new KubeConfig();
    if (options.inCluster) kc.loadFromCluster();
    else if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
    return new KubernetesRolloutsApi(kc);
  }

  async get(namespace: string, name: string): Promise<ArgoRollout> {
    try {
      return (await this.api.getNamespacedCustomObject({
        ...ROLLOUTS,
        namespace,
        name,
      })) as ArgoRollout;
    } catch (error) {
      return rethrow(`Reading Rollout ${namespace}/${name}`, error);
    }
  }

  async jsonPatch(namespace: string, name: string, ops: JsonPatchOp[]) {
    try {
      await this.api.patchNamespacedCustomObject(
        { ...ROLLOUTS, namespace, name, body: ops },
        setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
      );
    } catch (error) {
      rethrow(`Patching Rollout ${namespace}/${name}`, error);
    }
  }

  async mergePatch(
    namespace: string,
    name: string,
    body: object,
    subresource?: 'status',
  ) {
    const request = { ...ROLLOUTS, namespace, name, body };
    const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    try {
      if (subresource === 'status') {
        await this.api.patchNamespacedCustomObjectStatus(request, options);
      } else {
        await this.api.patchNamespacedCustomObject(request, options);
      }
    } catch (error) {
      rethrow(
        `Patching Rollout ${namespace}/${name}${
          subresource ? `/${subresource}` : ''
        }`,
        error,
      );
    }
  }
}
