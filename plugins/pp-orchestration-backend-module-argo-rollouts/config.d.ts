export interface Config {
  pp?: {
    orchestration?: {
      deployment?: {
        /** The Argo Rollouts target (`target: argo-rollouts`). */
        argoRollouts?: {
          /**
           * The namespace of the agents' Rollouts (one Rollout per agent, named by its agent
           * id; a ref `namespace/name` names another). Default `default`.
           * @visibility backend
           */
          namespace?: string;
          /**
           * A kubeconfig file; without it and without `inCluster`, the default kubeconfig
           * (KUBECONFIG, ~/.kube/config).
           * @visibility backend
           */
          kubeconfig?: string;
          /**
           * Use the service account of the pod PP runs in.
           * @visibility backend
           */
          inCluster?: boolean;
          /**
           * The pod template's container running the agent; default: the first.
           * @visibility backend
           */
          container?: string;
        };
      };
    };
  };
}
