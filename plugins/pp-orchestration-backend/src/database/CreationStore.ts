import type { Knex } from 'knex';
import type { CreationHistoryEntry, CreationStatus } from '../domain/creation';
import type { AgentCreationRequest, GenesisVerdict } from '../domain/genesis';

/** The Genesis verdict as stored with the creation (when it was decided). */
export type StoredGenesisVerdict = GenesisVerdict & { decided_at: string };

/** One pp_agent_creations row with its history, oldest move first. */
export interface CreationRow {
  id: string;
  agent_id: string;
  agent_name: string;
  industry: string;
  specialty: string;
  request: AgentCreationRequest;
  status: CreationStatus;
  genesis: StoredGenesisVerdict | null;
  /** grows with every move: the optimistic-concurrency token */
  version: number;
  created_by: string;
  created_by_id: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  history: CreationHistoryEntry[];
}

/** A new creation, as inserted (version 1, its request entry first in `history`). */
export type NewCreationRow = Omit<CreationRow, 'version' | 'updated_at'>;

/** One unit of work on the creations (and the outbox, through `tx`). */
export interface CreationTransaction {
  tx: Knex.Transaction;
  insert(row: NewCreationRow): Promise<void>;
  /**
   * Applies a move: the new status (and verdict, completion) and its history entry, when the row is
   * still at `expectedVersion`. False when another move got there first (nothing written).
   */
  move(
    id: string,
    expectedVersion: number,
    change: {
      status: CreationStatus;
      entry: CreationHistoryEntry;
      genesis?: StoredGenesisVerdict;
      completed_at?: Date | null;
    },
  ): Promise<boolean>;
  get(id: string): Promise<CreationRow | undefined>;
  getByAgentId(agentId: string): Promise<CreationRow | undefined>;
}

/** Thrown by `insert` when the agent id is taken. */
export class DuplicateAgentError extends Error {
  constructor(readonly agentId: string) {
    super(`An agent creation for ${agentId} already exists`);
    this.name = 'DuplicateAgentError';
  }
}

/** PP's record of agent creations (`pp_agent_creations`, `pp_agent_creation_steps`). */
export interface CreationStore {
  transaction<T>(work: (uow: CreationTransaction) => Promise<T>): Promise<T>;
  get(id: string): Promise<CreationRow | undefined>;
  getByAgentId(agentId: string): Promise<CreationRow | undefined>;
}
