export interface Config {
  pp?: {
    knowledge?: {
      /**
       * The key that seals source credentials and webhook secrets at rest: base64 of 32 random
       * bytes (`openssl rand -base64 32`). Without it the key is derived from
       * backend.auth.keys[0].secret; production refuses to start with neither.
       * @visibility secret
       */
      credentialsKey?: string;
      /** How api and rss sources (and test connection) are fetched. */
      fetch?: {
        /**
         * The whole exchange of one fetch, in milliseconds. Default 15000; test connection uses
         * at most 8000.
         * @visibility backend
         */
        timeoutMs?: number;
        /**
         * The largest answer body accepted, in bytes. Default 10485760 (10 MiB).
         * @visibility backend
         */
        maxBytes?: number;
        /**
         * Allow loopback, private and link-local targets (the SSRF guard refuses them by
         * default). Only for development and tests.
         * @visibility backend
         */
        allowPrivateNetworks?: boolean;
      };
      /**
       * The embedder: `hashing` (default, local and deterministic, `dimension` default 256) or
       * `openai` (an OpenAI-compatible /embeddings endpoint: url, model, dimension, apiKey,
       * batchSize, timeoutMs). Chunks stored with another model id are embedded again in the
       * background after a change.
       */
      embeddings?: {
        /** @visibility backend */
        provider?: 'hashing' | 'openai';
        /** @visibility backend */
        url?: string;
        /** @visibility backend */
        model?: string;
        /** @visibility backend */
        dimension?: number;
        /** @visibility secret */
        apiKey?: string;
        /** @visibility backend */
        batchSize?: number;
        /** @visibility backend */
        timeoutMs?: number;
      };
      /**
       * How often the scheduler looks for sources whose run is due, in seconds. Default 60.
       * @visibility backend
       */
      tickSeconds?: number;
      /**
       * When set, the first tick and the first re-embedding run wait this many seconds after
       * startup (default 60 and 30).
       * @visibility backend
       */
      jobsInitialDelaySeconds?: number;
      /**
       * DEMO: with `pp.demo.enabled`, one labelled upload source per industry with a small
       * bundled corpus uploaded twice (two versions, so the diff shows changes); refused when
       * NODE_ENV is production. Default on.
       */
      demo?: {
        /** @visibility backend */
        enabled?: boolean;
      };
      /** Agent retuning (see src/retuning). */
      retuning?: {
        /** @visibility backend */
        tickSeconds?: number;
        deployment?: {
          /**
           * The retunings' deployment target: `demo` (labelled demo, no real traffic moves; the
           * default outside production) or `argo-rollouts` (the Argo Rollouts module: the
           * knowledge version in the agent container's `PP_KNOWLEDGE_VERSION`, see
           * `argoRollouts`). Unset in production: approvals answer 503.
           * @visibility backend
           */
          target?: string;
          /** @visibility backend */
          watchSeconds?: number;
          /** @visibility backend */
          analysisGraceSeconds?: number;
          /** @visibility backend */
          deployTimeoutSeconds?: number;
          /** @visibility backend */
          smokeTimeoutSeconds?: number;
          /** @visibility backend */
          trafficTimeoutSeconds?: number;
          /** @visibility backend */
          smokeTestUrls?: string[];
          demo?: {
            /** @visibility backend */
            readySeconds?: number;
          };
        };
        /**
         * The external Genesis of retunings (absent `url`: the built-in validator decides at
         * once, the default). With `url`, a proposal the built-in checks (bias, harmful content,
         * constitutional alignment, duplicates, data quality) pass stays `validating` and is
         * posted, signed with `secret`, to Genesis with those findings (retried with backoff
         * while Genesis is down); Genesis answers on `POST /pp/v1/agent-retuning/webhooks/genesis`,
         * signed with `webhookSecret`. A failed built-in check still rejects at once (final).
         */
        genesis?: {
          /**
           * Where retunings are posted (HTTP POST, JSON, signed like PP's webhooks).
           * @visibility backend
           */
          url?: string;
          /**
           * Signs the requests PP sends to Genesis (`X-PP-Signature`); required with `url`.
           * @visibility secret
           */
          secret?: string;
          /**
           * Checks the verdicts Genesis posts to `POST /pp/v1/agent-retuning/webhooks/genesis`;
           * without it the webhook answers 401 to every request.
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
  };
}
