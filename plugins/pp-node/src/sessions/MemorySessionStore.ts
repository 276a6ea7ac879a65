import { PpSession, PpSessionOptions, PpSessionStore } from './types';

/** Sessions in this process's memory: the embedded default, where one backend process serves all. @public */
export class MemorySessionStore implements PpSessionStore {
  private readonly byUser = new Map<string, Map<string, PpSession>>();
  private readonly clock: () => number;

  constructor(private readonly options: PpSessionOptions) {
    this.clock = options.clock ?? Date.now;
  }

  private live(userId: string): Map<string, PpSession> {
    const sessions = this.byUser.get(userId) ?? new Map<string, PpSession>();
    const now = this.clock();
    for (const [id, s] of sessions) if (s.expiresAt <= now) sessions.delete(id);
    this.byUser.set(userId, sessions);
    return sessions;
  }

  async start(userId: string, sessionId: string) {
    const sessions = this.live(userId);
    const now = this.clock();
    const session: PpSession = {
      id: sessionId,
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + this.options.lifetimeMs,
    };
    sessions.delete(sessionId);
    sessions.set(sessionId, session);
    const ended: string[] = [];
    const byAge = [...sessions.values()].sort(
      (a, b) => a.createdAt - b.createdAt,
    );
    while (byAge.length > this.options.maxPerUser) {
      const oldest = byAge.shift()!;
      sessions.delete(oldest.id);
      ended.push(oldest.id);
    }
    return { session, ended };
  }

  async get(userId: string, sessionId: string) {
    return this.live(userId).get(sessionId);
  }

  async extend(userId: string, sessionId: string) {
    const session = this.live(userId).get(sessionId);
    if (!session) return undefined;
    const now = this.clock();
    session.lastSeenAt = now;
    session.expiresAt = now + this.options.lifetimeMs;
    return session;
  }

  async end(userId: string, sessionId: string) {
    return this.live(userId).delete(sessionId);
  }

  async endAll(userId: string) {
    const count = this.live(userId).size;
    this.byUser.delete(userId);
    return count;
  }

  async list(userId: string) {
    return [...this.live(userId).values()].sort(
      (a, b) => a.createdAt - b.createdAt,
    );
  }
}
