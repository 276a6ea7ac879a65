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
       * Code generation: the scaffolder's PP template (`template:default/pp-ai-agent`) generates
       * each approved agent's repository.
       */
      codegen?: {
        /**
         * Where the repositories are published: `github` (the scaffolder's `publish:github`, into
         * `pp.orchestration.github.owner`, with an `integrations.github` token or GitHub App) or
         * `local-git` (`pp:publish:local-git`, bare repositories under `localRepositoriesDir`; the
         * embedded default). Default `local-git`.
         * @visibility backend
         */
        publisher?: 'github' | 'local-git';
        /**
         * The folder of the `local-git` publisher's bare repositories (`<agent_id>.git`), relative
         * to the backend's working directory. Default `data/agent-repositories`.
         * @visibility backend
         */
        localRepositoriesDir?: string;
        /**
         * The template's catalog ref. Default `template:default/pp-ai-agent`.
         * @visibility backend
         */
        templateRef?: string;
        /**
         * The registry the generated CI workflow pushes the image to. Default
         * `ghcr.io/waooaw-agents`.
         * @visibility backend
         */
        imageRegistry?: string;
        /**
         * How often the code generation job starts pending tasks and follows running ones, in
         * seconds. Default 5.
         * @visibility backend
         */
        pollSeconds?: number;
        /**
         * The template's optional LLM step (`pp:agent:llm-logic`): an OpenAI-compatible endpoint
         * writes the agent's `handle(task)` logic (`app/agent_logic.py`) instead of the
         * deterministic default. Off by default.
         */
        llm?: {
          /**
           * Run the LLM step. Default false: the deterministic template only.
           * @visibility backend
           */
          enabled?: boolean;
          /**
           * The OpenAI-compatible API base, e.g. `https://api.openai.com/v1` (`/chat/completions`
           * is appended). Required when enabled.
           * @visibility backend
           */
          baseUrl?: string;
          /**
           * The endpoint's API key (sent as `Authorization: Bearer`). Required when enabled.
           * @visibility secret
           */
          apiKey?: string;
          /**
           * The model, e.g. `gpt-4o-mini`. Required when enabled.
           * @visibility backend
           */
          model?: string;
          /**
           * How long the endpoint may take, in milliseconds. Default 60000.
           * @visibility backend
           */
          timeoutMs?: number;
          /**
           * The answer's `max_tokens`. Default 2000.
           * @visibility backend
           */
          maxTokens?: number;
        };
      };
      /**
       * How often the catalog's agent entity provider reads the generated agents, in seconds.
       * Default 5.
       * @visibility backend
       */
      catalogRefreshSeconds?: number;
      /**
       * How often the handoff OLA job looks for reminders (80 % of 24 h) and breaches, in seconds.
       * Default 60.
       * @visibility backend
       */
      handoffOlaCheckSeconds?: number;
      /**
       * Operational readiness (spec Stage 6): the platform-managed defaults of every agent, which
       * an orchestrator may override per agent with a reason (`PUT /pp/v1/agents/{agent_id}/readiness`).
       * Each falls back to the spec's value; a value outside the parameter's bounds stops the
       * plugin at start-up.
       */
      readiness?: {
        rateLimits?: {
          /**
           * API calls per minute (default 100; 1–100000).
           * @visibility backend
           */
          apiCallsPerMinute?: number;
          /**
           * LLM tokens per hour (default 50000; 1000–100000000).
           * @visibility backend
           */
          llmTokensPerHour?: number;
        };
        quotas?: {
          /**
           * Executions at a time (default 5; 1–100).
           * @visibility backend
           */
          concurrentExecutions?: number;
          /**
           * GB of RAM (default 2; 0.25–64).
           * @visibility backend
           */
          memoryGb?: number;
          /**
           * CPUs (default 2; 0.25–32).
           * @visibility backend
           */
          cpu?: number;
        };
        monitoring?: {
          /**
           * Seconds between health checks (default 30; 5–3600).
           * @visibility backend
           */
          checkIntervalSeconds?: number;
          /**
           * Days of logs kept (default 183, six months; 1–3650).
           * @visibility backend
           */
          logRetentionDays?: number;
          /**
           * Days of metrics kept (default 7; 1–730).
           * @visibility backend
           */
          metricRetentionDays?: number;
        };
      };
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
