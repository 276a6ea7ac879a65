export interface Config {
  pp?: {
    /** The audit chain (`pp_audit_logs`). */
    audit?: {
      /**
       * The HMAC key of the audit chain and its checkpoints, 32+ characters (else the
       * PP_AUDIT_SECRET environment variable). Required when NODE_ENV=production; development
       * falls back to a public development-only key and says so in the log. Keep it out of the
       * database's reach: whoever holds it can recompute the chain.
       * @visibility secret
       */
      secret?: string;
      /** Sign the chain head at most this often when it moved (default 60); also every 100 appends. */
      checkpointIntervalSeconds?: number;
    };
    database?: {
      /**
       * Hold versioned reads' change marks in memory, fed by PostgreSQL LISTEN/NOTIFY (one extra
       * connection per PP plugin database), so an unchanged poll's 304 asks no database. Default
       * true; set false where LISTEN does not work (e.g. PgBouncer in transaction mode): marks are
       * then read from the database on every versioned read. No effect on SQLite.
       */
      changeMarkListener?: boolean;
    };
    /** The `/pp/v1` API. */
    api?: {
      /**
       * Versioned reads (the queue, the health overview, the people list, ...) keep the answer
       * they made under its ETag, for the next caller with the same view while nothing changed:
       * the body a 304 would stand for, sent without reading the database. Held in memory per
       * instance, least recently used first out.
       */
      answerCache?: {
        /** Memory for kept answers, in MiB, shared by the PP plugins (default 32; 0 = off). */
        maxMegabytes?: number;
      };
    };
    /** Where PP notifications go besides the portal's own (Backstage notifications). */
    notifications?: {
      slack?: {
        /**
         * Slack incoming webhook URLs by channel key, e.g. `platform-health`, `helpdesk`.
         * @visibility secret
         */
        webhooks?: { [channel: string]: string };
      };
      email?: {
        /** The From address of PP email. Default: Platform Portal <platform-portal@waooaw.com>. */
        from?: string;
        /**
         * The From address of email to customers (e.g. an SLA breach notice to a subscription's
         * contact). Default: `from`.
         */
        customerFrom?: string;
        smtp?: {
          host: string;
          /** Default 587. */
          port?: number | string;
          /** TLS from the start (port 465). Default false. */
          secure?: boolean;
          /** Insist on STARTTLS. Default false. */
          requireTLS?: boolean;
          username?: string;
          /** @visibility secret */
          password?: string;
        };
      };
    };
  };
}
