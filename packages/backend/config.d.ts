export interface Config {
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
