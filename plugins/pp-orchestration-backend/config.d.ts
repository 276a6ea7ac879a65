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
    };
  };
}
