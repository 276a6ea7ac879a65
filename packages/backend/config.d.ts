import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * The Platform Portal's search types (tickets, service health, people): when their index
       * is rebuilt. Default every 10 minutes, 15 to finish, the first run 20 s after start.
       */
      pp?: {
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
  /** Platform Portal settings shared by the PP plugins. */
  pp?: {
    /**
     * Redis used by the PP layer itself (sessions, role cache), through ioredis.
     * Unset in the embedded default, where those live in memory.
     */
    redis?: {
      /** @visibility secret */
      url: string;
      /** Prefix of the session keys. Default `pp:sessions`. */
      keyPrefix?: string;
    };
    /** Demo data (seeded users, demo generators). On in app-config.yaml, off in production. */
    demo?: {
      enabled?: boolean;
    };
  };
}
