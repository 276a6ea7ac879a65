export interface Config {
  pp?: {
    orchestration?: {
      /**
       * The agent repositories on GitHub, whose signed `workflow_run` / `workflow_job` webhooks
       * (`POST /pp/v1/webhooks/github`, events backend GitHub module, secret
       * `events.modules.github.webhookSecret`) feed the agents' CI/CD pipelines.
       */
      github?: {
        /**
         * The organisation (or user) owning the agent repositories: the repository of an agent is
         * `<owner>/<agent_id>`. Unset: GitHub events are ignored.
         * @visibility backend
         */
        owner?: string;
        /**
         * The name of the CI workflow (its `name:`) whose runs are the pipeline; runs of other
         * workflows are ignored. Default `CI`.
         * @visibility backend
         */
        workflow?: string;
      };
      /**
       * How often the handoff OLA job looks for reminders (80 % of 24 h) and breaches, in seconds.
       * Default 60.
       * @visibility backend
       */
      handoffOlaCheckSeconds?: number;
      /**
       * Agent upgrades (blue-green rollouts): where they run and how long each step may take.
       */
      deployment?: {
        /**
         * The deployment target's kind: `demo` (the embedded default's labelled demo target: no
         * real traffic moves) or `argo-rollouts` (the Argo Rollouts module, production). Default
         * `demo`.
         * @visibility backend
         */
        target?: string;
        /**
         * How often the rollout job (`pp-orchestration-rollouts`) advances the active upgrades,
         * in seconds. Default 30.
         * @visibility backend
         */
        checkSeconds?: number;
        /**
         * How long green is watched at 10 % before 100 %, in seconds. Default 3600 (1 h).
         * @visibility backend
         */
        watchSeconds?: number;
        /**
         * After the watch, how long to wait for a conclusive analysis before rolling back, in
         * seconds. Default 900.
         * @visibility backend
         */
        analysisGraceSeconds?: number;
        /**
         * Green ready within this, in seconds (default 900); else roll back.
         * @visibility backend
         */
        deployTimeoutSeconds?: number;
        /**
         * Smoke test results within this, in seconds (default 600); else roll back.
         * @visibility backend
         */
        smokeTimeoutSeconds?: number;
        /**
         * A weight change or the promotion shown by the target within this, in seconds
         * (default 600); else roll back.
         * @visibility backend
         */
        trafficTimeoutSeconds?: number;
        /**
         * The smoke tests: URLs (with `{agent_id}` and `{version}`) that must answer 2xx to a GET.
         * Without, the health plugin's newest check of the agent after green was ready decides.
         * @visibility backend
         */
        smokeTestUrls?: string[];
        /** The demo target. */
        demo?: {
          /**
           * How long the demo's green side takes to be ready, in seconds. Default 5.
           * @visibility backend
           */
          readySeconds?: number;
        };
      };
      /**
       * The Genesis gate. Without `url` the built-in validator decides every creation at once.
       * With `url`, `POST /pp/v1/agents/create` records the creation in `genesis_validating` and
       * posts it, signed with `secret`, to Genesis (retried with backoff while Genesis is down);
       * Genesis answers on `POST /pp/v1/webhooks/genesis`, signed with `webhookSecret`.
       */
      genesis?: {
        /**
         * Where creations are posted (HTTP POST, JSON, signed like PP's webhooks).
         * @visibility backend
         */
        url?: string;
        /**
         * Signs the requests PP sends to Genesis (`X-PP-Signature`); required with `url`.
         * @visibility secret
         */
        secret?: string;
        /**
         * Checks the verdicts Genesis posts to `POST /pp/v1/webhooks/genesis`; without it the
         * webhook answers 401 to every request.
         * @visibility secret
         */
        webhookSecret?: string;
        /**
         * How long a request to Genesis may take, in milliseconds (default 10000).
         * @visibility backend
         */
        timeoutMs?: number;
      };
    };
  };
}
