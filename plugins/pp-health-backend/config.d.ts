export interface Config {
  pp?: {
    /** Health monitoring (spec Stage 2). */
    health?: {
      /** Seconds between active checks of the catalog's health URLs; also the health API's max-age. Default 30. */
      checkIntervalSeconds?: number;
      /** One check times out after this long (the service counts as down). Default 5000. */
      checkTimeoutMs?: number;
      /** A 2xx answer slower than this makes the service `degraded`. Default 2000. */
      degradedResponseMs?: number;
      /** Seconds between alert rule evaluations; default checkIntervalSeconds. */
      alertIntervalSeconds?: number;
      /** Alert notifications. */
      alerts?: {
        /**
         * Severities also emailed to the infrastructure engineers when `pp.notifications.email` is
         * set; default both (`critical`, `warning`). Portal and Slack get every alert.
         */
        emailSeverities?: Array<'critical' | 'warning'>;
      };
      /** Days raw checks and server metrics are kept (rollups stay). Default 180. */
      retentionDays?: number;
      /** DEMO generator (only with pp.demo.enabled): heartbeats with one flapping service. */
      demo?: {
        /** Default true (when pp.demo.enabled). */
        enabled?: boolean;
        /** Service id that flaps; default notification-service. */
        flappingService?: string;
        /**
         * Demo services the generator leaves alone: their figures come only from their own
         * heartbeats (the SLA end-to-end journey reports for one). Default none.
         */
        skipServices?: string[];
      };
      /** Centralised logs. */
      logs?: {
        /**
         * `postgres` (default): the plugin's database (PostgreSQL full-text search; LIKE on SQLite).
         * `elasticsearch`: the ELK stack under `elasticsearch`.
         */
        backend?: 'postgres' | 'elasticsearch';
        /** Days log lines are kept; default 180 (the spec's 6 months). */
        retentionDays?: number;
        elasticsearch?: {
          /** e.g. https://elasticsearch.internal:9200 */
          node: string;
          /** Indices searched; default `pp-logs-*`. */
          indexPattern?: string;
          /** Written indices are `<prefix>-YYYY.MM`; default `pp-logs`. */
          indexPrefix?: string;
          requestTimeoutMs?: number;
          auth?: {
            /** @visibility secret */
            apiKey?: string;
            username?: string;
            /** @visibility secret */
            password?: string;
          };
        };
      };
      /** Queue metrics; a system without a section here is reported as not configured. */
      queues?: {
        /** Collection interval; default 30. */
        intervalSeconds?: number;
        /** Days snapshots are kept; default 7. */
        retentionDays?: number;
        rabbitmq?: {
          /**
           * AMQP URL (passive queue declare).
           * @visibility secret
           */
          url?: string;
          /**
           * Management API base URL, e.g. http://user:pass@host:15672 (used instead of `url`).
           * @visibility secret
           */
          managementUrl?: string;
          /** Virtual host for the management API; default `/`. */
          vhost?: string;
          queues: string[];
          timeoutMs?: number;
        };
        celery?: {
          /**
           * The Celery broker (Redis).
           * @visibility secret
           */
          redisUrl: string;
          /** Queue names (Redis list keys); default [celery]. */
          queues?: string[];
          timeoutMs?: number;
        };
        temporal?: {
          /** Frontend gRPC address, e.g. temporal:7233. */
          address: string;
          /** Default `default`. */
          namespace?: string;
          /** Task queues reported one by one; omitted: the whole namespace. */
          taskQueues?: string[];
          tls?: boolean;
          /** @visibility secret */
          apiKey?: string;
          timeoutMs?: number;
        };
      };
    };
  };
}
