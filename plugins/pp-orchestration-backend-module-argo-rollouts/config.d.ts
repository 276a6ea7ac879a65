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
    knowledge?: {
      retuning?: {
        deployment?: {
          /**
           * The Argo Rollouts target of agent retunings (`target: argo-rollouts`): the knowledge
           * version goes into an environment variable of the agent's container (the image
           * stays). One Rollout per agent, named by its agent id, as for agent upgrades. Each
           * unset key is taken from `pp.orchestration.deployment.argoRollouts`; `kubeconfig` and
           * `inCluster` as a pair (from here when either is set here).
           */
          argoRollouts?: {
            /**
             * The namespace of the agents' Rollouts. Default: orchestration's, else `default`.
             * @visibility backend
             */
            namespace?: string;
            /**
             * A kubeconfig file; without it and without `inCluster`, orchestration's connection,
             * else the default kubeconfig (KUBECONFIG, ~/.kube/config).
             * @visibility backend
             */
            kubeconfig?: string;
            /**
             * Use the service account of the pod PP runs in.
             * @visibility backend
             */
            inCluster?: boolean;
            /**
             * The pod template's container running the agent. Default: orchestration's, else the
             * first.
             * @visibility backend
             */
            container?: string;
            /**
             * The container's environment variable that carries the knowledge version (set to
             * the version's label; added when missing). Default `PP_KNOWLEDGE_VERSION`.
             * @visibility backend
             */
            versionEnv?: string;
          };
        };
      };
    };
  };
}
