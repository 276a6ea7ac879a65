/** @public */
export interface PpSession {
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/**
 * PP sign-in sessions (spec Stage 1): at most `maxPerUser` per user (a new one ends the oldest),
 * each living `lifetimeMs` from its start or last extension. Ended sessions are gone at once:
 * every PP request checks its session here (with Redis, through `CachedSessionStore`: ends
 * are pushed to every instance, 5 s at most when a push is lost).
 *
 * @public
 */
export interface PpSessionStore {
  /** Starts a session; returns it and the ids of sessions ended to stay within the limit. */
  start(
    userId: string,
    sessionId: string,
  ): Promise<{ session: PpSession; ended: string[] }>;
  /** The session if it is live; undefined when ended, expired or unknown. */
  get(userId: string, sessionId: string): Promise<PpSession | undefined>;
  /** Moves the expiry to now + lifetime. */
  extend(userId: string, sessionId: string): Promise<PpSession | undefined>;
  end(userId: string, sessionId: string): Promise<boolean>;
  /** Ends every session of the user; returns how many there were. */
  endAll(userId: string): Promise<number>;
  list(userId: string): Promise<PpSession[]>;
  close?(): Promise<void>;
}

/** @public */
export interface PpSessionOptions {
  maxPerUser: number;
  lifetimeMs: number;
  clock?: () => number;
}

/** The spec's numbers: 5 sessions per user, 15 days. @public */
export const PP_SESSION_DEFAULTS: PpSessionOptions = {
  maxPerUser: 5,
  lifetimeMs: 15 * 24 * 60 * 60 * 1000,
};
