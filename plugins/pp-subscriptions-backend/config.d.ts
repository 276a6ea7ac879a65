export interface Config {
  pp?: {
    /** The Customer Portal (CP), whose agents, subscriptions and agent_runs PP reads. */
    customerPortal?: {
      /**
       * The secret CP signs its support webhook with (POST /pp/v1/webhooks/customer-portal,
       * X-PP-Signature: sha256=HMAC(secret, "<X-PP-Timestamp>.<body>")). Unset: no webhook.
       * @visibility secret
       */
      webhookSecret?: string;
      /**
       * CP's database, read-only (PostgreSQL in production, connect with a read-only role).
       * Absent: the demo CP when pp.demo.enabled, otherwise subscription reads answer 503.
       */
      database?: {
        /** knex client, e.g. `pg`. */
        client: string;
        /** knex connection: a connection string or object. @visibility secret */
        connection: string | object;
        /** Pool size, default 5. */
        poolMax?: number;
      };
      /**
       * CP's API, where PP's writes go (force-cancel, refund) through the CP port: never SQL into
       * CP's tables. Absent: the demo CP's port when the connector is the demo CP, otherwise
       * force-cancel answers 503.
       */
      api?: {
        /** e.g. `https://cp.internal/api/v1`; PP calls `POST {baseUrl}/subscriptions/{id}/cancel`. */
        baseUrl?: string;
        /**
         * CP's service token for PP, sent as `Authorization: Bearer`.
         * @visibility secret
         */
        token?: string;
        /** How long PP waits for CP's answer, default 10 (a timeout is retried). */
        timeoutSeconds?: number;
      };
    };
    /** Subscriptions (spec Stage 5). */
    subscriptions?: {
      /** Expected runs per day of a subscription whose CP row states none. Default 1. */
      defaultExpectedRunsPerDay?: number;
      scoreJob?: {
        /** How often the score job (re)computes today's scores. Default 60. */
        frequencyMinutes?: number;
        /** Delay of the first run after start. Default 30. */
        initialDelaySeconds?: number;
      };
      /**
       * The incident monitor: opens helpdesk incidents for a score below 60 three days running
       * or more than 5 failed runs in a row (the spec's rules).
       */
      incidents?: {
        /** Default true. */
        enabled?: boolean;
        /** How often it looks. Default 10. */
        frequencyMinutes?: number;
        /** Delay of the first run after start. Default 90. */
        initialDelaySeconds?: number;
      };
      forceCancel?: {
        /** Attempts (the first and the retries) before a force-cancel is given up. Default 8. */
        maxAttempts?: number;
      };
      /** Exports of agent runs (CSV, PDF), made in the background. */
      exports?: {
        /**
         * Where export files are written. Default `<os tmpdir>/pp-subscription-exports`. Every
         * instance of a multi-instance deployment must see the same directory (a shared volume):
         * an export is made by one instance and may be downloaded through another.
         */
        directory?: string;
        /** Hours a finished export is kept before its file is deleted. Default 24. */
        expiryHours?: number;
        /** The most runs a PDF report lists (the CSV has every run). Default 2000. */
        pdfMaxRuns?: number;
        /** Exports one instance makes at the same time; more wait queued. Default 2. */
        maxConcurrent?: number;
      };
    };
  };
}
