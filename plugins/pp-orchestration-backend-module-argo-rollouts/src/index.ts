/**
 * The Argo Rollouts deployment target of the Platform Portal's agent upgrades: a backend module
 * of `pp-orchestration` that drives an `argoproj.io/v1alpha1` Rollout through the Kubernetes API.
 *
 * @packageDocumentation
 */
export { ppArgoRolloutsModule as default } from './module';
export * from './ArgoRolloutsTarget';
export { KubernetesRolloutsApi } from './KubernetesRolloutsApi';
