import type { Knex } from 'knex';
import type {
  Rollout,
  RolloutAction,
  RolloutHistoryEntry,
} from '@internal/plugin-pp-node';

/** One pp_agent_rollouts row: an agent upgrade with the engine's state and its history. */
export interface RolloutRow {
  id: string;
  agent_id: string;
  agent_name: string;
  /** the deployment target's kind (`demo`, `argo-rollouts`) that runs it */
  target_kind: string;
  /** the engine's rollout; `history` holds every step, oldest first */
  rollout: Rollout;
  /** the engine's last action: what the rollout waits for, or did last */
  next_action: RolloutAction | null;
  reason: string | null;
  /** grows with every write: the optimistic-concurrency token */
  version: number;
  started_by: string;
  started_by_id: string | null;
  started_at: Date;
  updated_at: Date;
}

/** Thrown by `insert` when the agent has an active rollout already. */
export class ActiveRolloutError extends Error {
  constructor(readonly agentId: string) {
    super(`Agent ${agentId} has an upgrade in progress already`);
    this.name = 'ActiveRolloutError';
  }
}

/** One unit of work on the rollouts (and the outbox, through `tx`). */
export interface RolloutTransaction {
  tx: Knex.Transaction;
  insert(row: RolloutRow): Promise<void>;
  /**
   * Writes the rollout's new state and the history entries it gained (with who caused them), when
   * the row is still at `expectedVersion`; false when another writer got there first.
   */
  update(
    row: RolloutRow,
    expectedVersion: number,
    actor?: string,
  ): Promise<boolean>;
  get(id: string): Promise<RolloutRow | undefined>;
}

/** PP's record of agent rollouts (`pp_agent_rollouts`, `pp_agent_rollout_steps`). */
export interface RolloutStore {
  transaction<T>(work: (uow: RolloutTransaction) => Promise<T>): Promise<T>;
  get(id: string): Promise<RolloutRow | undefined>;
  /** an agent's rollouts, newest first */
  listByAgent(agentId: string, limit: number): Promise<RolloutRow[]>;
  /** the rollouts not final yet, oldest first */
  listActive(limit: number): Promise<RolloutRow[]>;
  /** the agent's last completed rollout: the version it runs */
  lastCompleted(agentId: string): Promise<RolloutRow | undefined>;
}

export type { RolloutHistoryEntry };
