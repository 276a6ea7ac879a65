import { createExtensionPoint } from '@backstage/backend-plugin-api';

/*
 * Where the rollout engine (`rollout.ts`) moves traffic: a `DeploymentTarget` per kind, added by
 * backend modules through `ppDeploymentTargetsExtensionPoint` (the Argo Rollouts module adds
 * `argo-rollouts`; the orchestration plugin has its labelled `demo` target). The plugin that runs
 * rollouts picks one kind by configuration.
 */

/** What a deployment target reports about one deployment (e.g. an Argo `Rollout`). */
export interface DeploymentTargetStatus {
  /** the version the green (new) side runs; null when there is none */
  green_version: string | null;
  /** the green side's pods are ready */
  green_ready: boolean;
  /** percent of traffic on green, 0–100 */
  weight: number;
  /** the target's own view of the deployment */
  phase: 'progressing' | 'paused' | 'healthy' | 'degraded' | 'aborted';
  message?: string;
}

/**
 * Where rollouts happen. An Argo Rollouts adapter (a `Rollout` resource through the Kubernetes
 * API) and a demo adapter implement it; `ref` is the adapter's name for the deployment
 * (e.g. `namespace/rollout-name`). `deploy` starts the green side of `version` at 0 % traffic
 * (with Argo: the new pod template); `promote` moves all traffic to green and keeps blue as
 * standby; `abort` sends all traffic back to blue.
 */
export interface DeploymentTarget {
  readonly kind: string;
  deploy(ref: string, version: string): Promise<void>;
  setWeight(ref: string, weight: number): Promise<void>;
  promote(ref: string): Promise<void>;
  abort(ref: string): Promise<void>;
  status(ref: string): Promise<DeploymentTargetStatus>;
}

/**
 * How backend modules add deployment targets to the plugin that runs rollouts (the orchestration
 * backend; later the knowledge plugin's retuning). A kind is added once.
 *
 * @public
 */
export interface PpDeploymentTargetsExtensionPoint {
  addDeploymentTarget(target: DeploymentTarget): void;
}

/** @public */
export const ppDeploymentTargetsExtensionPoint =
  createExtensionPoint<PpDeploymentTargetsExtensionPoint>({
    id: 'pp.deployment-targets',
  });

/**
 * The targets added through the extension point, by kind: what a plugin's `registerExtensionPoint`
 * hands out and its `init` reads.
 *
 * @public
 */
export class PpDeploymentTargets implements PpDeploymentTargetsExtensionPoint {
  private readonly byKind = new Map<string, DeploymentTarget>();

  addDeploymentTarget(target: DeploymentTarget): void {
    if (this.byKind.has(target.kind)) {
      throw new Error(
        `A deployment target of kind ${target.kind} was added already`,
      );
    }
    this.byKind.set(target.kind, target);
  }

  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }

  /** The target of `kind`; an error naming the kinds there are when none was added. */
  get(kind: string): DeploymentTarget {
    const target = this.byKind.get(kind);
    if (!target) {
      throw new Error(
        `No deployment target of kind ${kind} (see the plugin's deployment.target setting); installed: ${
          this.kinds().join(', ') || 'none'
        }`,
      );
    }
    return target;
  }
}

/**
 * The knowledge plugin's deployment targets (its agent retunings): the same interface as
 * `ppDeploymentTargetsExtensionPoint`, under its own id, because Backstage scopes an extension
 * point to the one plugin that registers it (a module for `pp-knowledge` adds targets here; the
 * demo target is added by the plugin itself).
 *
 * @public
 */
export const ppKnowledgeDeploymentTargetsExtensionPoint =
  createExtensionPoint<PpDeploymentTargetsExtensionPoint>({
    id: 'pp.knowledge.deployment-targets',
  });
