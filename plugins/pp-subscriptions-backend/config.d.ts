export interface Config {
  pp?: {
    /** The Customer Portal (CP), whose agents, subscriptions and agent_runs PP reads. */
    customerPortal?: {
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
