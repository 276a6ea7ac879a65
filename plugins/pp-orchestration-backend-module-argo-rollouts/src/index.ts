/**
 * The Argo Rollouts deployment target of the Platform Portal: a backend module of
 * `pp-orchestration` (agent upgrades: the image tag) and one of `pp-knowledge` (agent retunings:
 * the knowledge version, an environment variable of the agent's container), each driving an
 * `argoproj.io/v1alpha1` Rollout through the Kubernetes API.
 *
 * @packageDocumentation
 */
export { ppArgoRolloutsModule as default } from './module';
export {
  ppKnowledgeArgoRolloutsModule,
  readKnowledgeArgoRolloutsConfig,
  PP_KNOWLEDGE_VERSION_ENV,
} from './module';
export * from './ArgoRolloutsTarget';
export { KubernetesRolloutsApi } from './KubernetesRolloutsApi';
