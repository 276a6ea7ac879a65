import type { ReadinessVersion } from '../domain/readiness';

/** The per-agent readiness overrides, versioned (`pp_agent_readiness_overrides`). */
export interface ReadinessStore {
  /** An agent's override versions, newest first, at most `limit`. */
  history(agentId: string, limit: number): Promise<ReadinessVersion[]>;
  /**
   * Appends a version. False when the agent has this version already (another change got there
   * first: nothing written).
   */
  append(version: ReadinessVersion): Promise<boolean>;
}
