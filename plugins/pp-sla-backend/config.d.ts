export interface Config {
  pp?: {
    sla?: {
      /**
       * The targets of the standard and premium SLA types (custom definitions override the
       * standard ones). Defaults: standard = the spec's (p95 2000 ms, uptime 99.9 %, error rate
       * 1 %, support response 4 h, critical resolution 4 h); premium = 1000 ms, 99.95 %, 0.5 %,
       * 1 h, 2 h.
       */
      templates?: {
        standard?: {
          /** @visibility backend */
          response_time_p95_ms?: number;
          /** @visibility backend */
          uptime_percent?: number;
          /** @visibility backend */
          error_rate_percent?: number;
          /** @visibility backend */
          support_response_hours?: number;
          /** @visibility backend */
          critical_resolution_hours?: number;
        };
        premium?: {
          /** @visibility backend */
          response_time_p95_ms?: number;
          /** @visibility backend */
          uptime_percent?: number;
          /** @visibility backend */
          error_rate_percent?: number;
          /** @visibility backend */
          support_response_hours?: number;
          /** @visibility backend */
          critical_resolution_hours?: number;
        };
      };
      /**
       * The month-end credit table: a month whose uptime is below `below` % (and below the SLA's
       * uptime target) earns `percent` % of the definition's credit base; the largest matching
       * step wins. Default [{below: 99.9, percent: 10}, {below: 99.0, percent: 25},
       * {below: 95.0, percent: 50}].
       * @visibility backend
       */
      creditTable?: Array<{ below: number; percent: number }>;
      /**
       * PagerDuty Events API v2 for breach alerts to the on-call engineer. Without a routing key
       * breaches are told in the portal (infrastructure engineers) instead.
       */
      pagerduty?: {
        /**
         * The service integration's routing key.
         * @visibility secret
         */
        routingKey?: string;
        /**
         * Events endpoint; default https://events.pagerduty.com/v2/enqueue.
         * @visibility backend
         */
        url?: string;
        /** @visibility backend */
        timeoutMs?: number;
      };
      /**
       * How often the daily compliance job recomputes today's (and yesterday's) rows, in minutes.
       * Default 60.
       * @visibility backend
       */
      complianceIntervalMinutes?: number;
      /**
       * The same interval in seconds; when set it wins over `complianceIntervalMinutes` (the
       * end-to-end journeys recompute every few seconds). Default unset.
       * @visibility backend
       */
      complianceIntervalSeconds?: number;
      /**
       * How often the OLA clock job runs, in seconds. Default 300.
       * @visibility backend
       */
      olaCheckSeconds?: number;
      /**
       * When set, the first run of each SLA job (daily compliance, month-end credits, OLA clocks)
       * waits this many seconds after startup instead of its default (60 s, 5 min, 90 s). The
       * benchmarks set it far out and run the job themselves.
       * @visibility backend
       */
      jobsInitialDelaySeconds?: number;
      /**
       * Emails to customers: when a breach of an agent's SLA starts, each contact of the agent's
       * live subscriptions (read from the subscriptions plugin) gets a plain notice (agent,
       * metric, start time, that engineers are working on it) by email through the outbox
       * (`pp.notifications.email`). Default off.
       */
      customerEmails?: {
        /** @visibility backend */
        enabled?: boolean;
      };
      /**
       * DEMO: with `pp.demo.enabled`, the catalog's ai-agent entities get a labelled demo SLA at
       * startup (embedded default only; refused when NODE_ENV is production). Default on.
       */
      demo?: {
        /** @visibility backend */
        enabled?: boolean;
      };
    };
  };
}
