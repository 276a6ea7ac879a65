import type {
  DeploymentTarget,
  DeploymentTargetStatus,
} from '@internal/plugin-pp-node';

/** The Kubernetes API calls the adapter makes: `@kubernetes/client-node`'s CustomObjectsApi in production. */
export interface RolloutsApi {
  get(namespace: string, name: string): Promise<ArgoRollout>;
  /** a JSON Patch (RFC 6902) of the Rollout: `application/json-patch+json` */
  jsonPatch(namespace: string, name: string, ops: JsonPatchOp[]): Promise<void>;
  /** a JSON merge patch (RFC 7386) of the Rollout, or of its `status` subresource */
  mergePatch(
    namespace: string,
    name: string,
    body: object,
    subresource?: 'status',
  ): Promise<void>;
}

export type JsonPatchOp =
  | { op: 'test' | 'replace' | 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string };

/** A pod template's container, the parts the adapter reads. */
export interface ArgoContainer {
  name?: string;
  image?: string;
  env?: Array<{ name?: string; value?: string; valueFrom?: unknown }>;
}

/** The parts of an `argoproj.io/v1alpha1` Rollout the adapter reads. */
export interface ArgoRollout {
  metadata?: { name?: string; generation?: number };
  spec?: {
    paused?: boolean;
    template?: {
      spec?: { containers?: ArgoContainer[] };
    };
    strategy?: { canary?: { steps?: unknown[] } };
  };
  status?: {
    phase?: string;
    message?: string;
    abort?: boolean;
    observedGeneration?: string | number;
    currentPodHash?: string;
    stableRS?: string;
    updatedReplicas?: number;
    availableReplicas?: number;
    canary?: { weights?: { canary?: { weight?: number } } };
  };
}

/** Thrown by a `RolloutsApi` for an HTTP error answer. */
export class KubernetesApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'KubernetesApiError';
  }
}

/**
 * The steps PP gives the Rollout's canary strategy for a weight: green scaled to every replica
 * (ready before it takes traffic, and as a standby for the promotion), `weight` % of the traffic
 * on it, then an indefinite pause — PP's engine decides when to go on, not the Rollout's own steps.
 * Needs a canary strategy with `trafficRouting` (setCanaryScale and a 0 % canary need it).
 */
export const ppCanarySteps = (weight: number) => [
  { setCanaryScale: { weight: 100 } },
  { setWeight: weight },
  { pause: {} },
];

const tagOf = (image: string | undefined) => {
  if (!image) return null;
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? ref.slice(colon + 1) : null;
};
const repositoryOf = (image: string) => {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? ref.slice(0, colon) : ref;
};

/** The index of the container's variable `name`: the last, as Kubernetes lets the last win. */
const envIndex = (container: ArgoContainer | undefined, name: string) => {
  const env = Array.isArray(container?.env) ? container!.env : [];
  for (let i = env.length - 1; i >= 0; i--) if (env[i]?.name === name) return i;
  return -1;
};

/** The version of a container: its image tag, or the value of its `versionEnv` variable. */
const versionOf = (
  container: ArgoContainer | undefined,
  versionEnv?: string,
) => {
  if (!versionEnv) return tagOf(container?.image);
  const value = container?.env?.[envIndex(container, versionEnv)]?.value;
  return typeof value === 'string' ? value : null;
};

/**
 * The Argo Rollouts deployment target: one `argoproj.io/v1alpha1` Rollout per deployment (ref
 * `name` in the configured namespace, or `namespace/name`), driven the way Argo's kubectl plugin
 * drives it:
 *
 * - deploy: the version goes into the container, and the canary steps become `ppCanarySteps(0)`
 *   (one JSON Patch, guarded by a `test` of the container's name); Argo starts the new ReplicaSet
 *   (green) beside the stable one (blue). Where the version goes: the image tag (default: agent
 *   upgrades, a version is an image), or with `versionEnv` an environment variable of the
 *   container, the image untouched (agent retunings: a version is a knowledge version the agent
 *   loads); the variable is added when missing (and the container's `env` with it), its entry
 *   replaced when present (a `valueFrom` gives way to the value);
 * - setWeight: a merge patch of the canary steps (`ppCanarySteps(weight)`), which Argo starts over
 *   from the first, and `spec.paused: false`;
 * - promote: `kubectl argo rollouts promote --full`: `{"status":{"promoteFull":true}}` on the
 *   status subresource (on the Rollout itself when the API has none), and `spec.paused: false`
 *   when the Rollout is paused by spec;
 * - abort: `kubectl argo rollouts abort`: `{"status":{"abort":true}}`, same fallback.
 *
 * The status comes from the Rollout's status: the canary weight, the phase, `abort`, and whether
 * the controller has seen the current spec; `green_version` is read back from where deploy puts
 * it (the image tag, or the `versionEnv` variable's value).
 */
export class ArgoRolloutsTarget implements DeploymentTarget {
  readonly kind = 'argo-rollouts';

  constructor(
    private readonly options: {
      api: RolloutsApi;
      /** the namespace of refs without one */
      namespace: string;
      /** the container running the agent; default: the pod template's first */
      container?: string;
      /**
       * The environment variable of the container that carries the version (e.g.
       * `PP_KNOWLEDGE_VERSION`); default: none, the version is the image tag.
       */
      versionEnv?: string;
    },
  ) {}

  private locate(ref: string) {
    const slash = ref.indexOf('/');
    return slash > 0
      ? { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) }
      : { namespace: this.options.namespace, name: ref };
  }

  private containerIndex(ro: ArgoRollout, ref: string) {
    const containers = ro.spec?.template?.spec?.containers ?? [];
    const wanted = this.options.container;
    const index = wanted ? containers.findIndex(c => c.name === wanted) : 0;
    if (index < 0 || !containers[index]?.image) {
      throw new Error(
        `Rollout ${ref} has no container ${wanted ?? ''} with an image`.replace(
          '  ',
          ' ',
        ),
      );
    }
    return { index, container: containers[index] };
  }

  async deploy(ref: string, version: string): Promise<void> {
    const { namespace, name } = this.locate(ref);
    const ro = await this.options.api.get(namespace, name);
    const { index, container } = this.containerIndex(ro, ref);
    const base = `/spec/template/spec/containers/${index}`;
    await this.options.api.jsonPatch(namespace, name, [
      { op: 'test', path: `${base}/name`, value: container.name },
      ...this.versionOps(base, container, version),
      {
        op: ro.spec?.strategy?.canary?.steps ? 'replace' : 'add',
        path: '/spec/strategy/canary/steps',
        value: ppCanarySteps(0),
      },
    ]);
  }

  /** The JSON Patch operations that put `version` into the container (see the class). */
  private versionOps(
    base: string,
    container: ArgoContainer,
    version: string,
  ): JsonPatchOp[] {
    const envName = this.options.versionEnv;
    if (!envName) {
      return [
        {
          op: 'replace',
          path: `${base}/image`,
          value: `${repositoryOf(container.image!)}:${version}`,
        },
      ];
    }
    const entry = { name: envName, value: version };
    if (!Array.isArray(container.env)) {
      return [{ op: 'add', path: `${base}/env`, value: [entry] }];
    }
    const at = envIndex(container, envName);
    if (at < 0) {
      return [{ op: 'add', path: `${base}/env/-`, value: entry }];
    }
    return [
      // the entry is still where it was read (no concurrent edit moved it)
      { op: 'test', path: `${base}/env/${at}/name`, value: envName },
      { op: 'replace', path: `${base}/env/${at}`, value: entry },
    ];
  }

  async setWeight(ref: string, weight: number): Promise<void> {
    const { namespace, name } = this.locate(ref);
    await this.options.api.mergePatch(namespace, name, {
      spec: {
        paused: false,
        strategy: { canary: { steps: ppCanarySteps(weight) } },
      },
    });
  }

  /** A status patch on the subresource, or on the Rollout when the API has no status subresource. */
  private async statusPatch(namespace: string, name: string, status: object) {
    try {
      await this.options.api.mergePatch(namespace, name, { status }, 'status');
    } catch (error) {
      if (!(error instanceof KubernetesApiError && error.status === 404)) {
        throw error;
      }
      await this.options.api.mergePatch(namespace, name, { status });
    }
  }

  async promote(ref: string): Promise<void> {
    const { namespace, name } = this.locate(ref);
    const ro = await this.options.api.get(namespace, name);
    if (ro.spec?.paused) {
      await this.options.api.mergePatch(namespace, name, {
        spec: { paused: false },
      });
    }
    if (ro.status?.currentPodHash !== ro.status?.stableRS) {
      await this.statusPatch(namespace, name, { promoteFull: true });
    }
  }

  async abort(ref: string): Promise<void> {
    const { namespace, name } = this.locate(ref);
    await this.statusPatch(namespace, name, { abort: true });
  }

  async status(ref: string): Promise<DeploymentTargetStatus> {
    const { namespace, name } = this.locate(ref);
    const ro = await this.options.api.get(namespace, name);
    return rolloutStatus(ro, this.options.container, this.options.versionEnv);
  }
}

/**
 * What PP's engine sees of a Rollout (see `ArgoRolloutsTarget`); the green version is the
 * container's image tag, or with `versionEnv` the value of that environment variable.
 */
export function rolloutStatus(
  ro: ArgoRollout,
  containerName?: string,
  versionEnv?: string,
): DeploymentTargetStatus {
  const containers = ro.spec?.template?.spec?.containers ?? [];
  const container = containerName
    ? containers.find(c => c.name === containerName)
    : containers[0];
  const s = ro.status ?? {};
  const observed =
    s.observedGeneration !== undefined &&
    ro.metadata?.generation !== undefined &&
    String(s.observedGeneration) === String(ro.metadata.generation);
  const promoted = !!s.currentPodHash && s.currentPodHash === s.stableRS;
  const argoPhase = s.phase ?? '';
  let phase: DeploymentTargetStatus['phase'];
  if (s.abort) phase = 'aborted';
  else if (argoPhase === 'Degraded') phase = 'degraded';
  else if (argoPhase === 'Healthy') phase = 'healthy';
  else if (argoPhase === 'Paused') phase = 'paused';
  else phase = 'progressing';
  const weight = promoted
    ? 100
    : Math.max(0, Math.min(100, s.canary?.weights?.canary?.weight ?? 0));
  return {
    green_version: versionOf(container, versionEnv),
    // Argo reaches the pause step (or Healthy) only once the scaled canary is available
    green_ready:
      observed &&
      (phase === 'paused' || phase === 'healthy') &&
      (s.updatedReplicas ?? 0) > 0 &&
      (s.availableReplicas ?? 0) >= (s.updatedReplicas ?? 0),
    weight,
    phase,
    ...(s.message ? { message: s.message } : {}),
  };
}
