import type {
  PpRetuningStatus,
  PpRetuningStrategy,
} from '@internal/plugin-pp-common';
import type { Rollout } from '@internal/plugin-pp-node';
import type { Knex } from 'knex';
import type { RetuningCheck } from './domain/genesisRetuning';
import type { PostCheck } from './domain/postChecks';

/** The Genesis gate of a retuning as stored. */
export interface GenesisState {
  verdict: 'pending' | 'approved' | 'rejected';
  checks: RetuningCheck[];
  reason: string | null;
  validator: string;
  decided_at: Date | null;
}

export interface RetuningDecisionRow {
  outcome: 'approved' | 'declined';
  by: string;
  by_name: string | null;
  reason: string;
  at: Date;
}

/** One retuning (the spec's pp_retuning_history row). */
export interface RetuningRow {
  id: string;
  agent_id: string;
  agent_name: string;
  industry: string;
  knowledge_version_id: string;
  knowledge_version: string;
  previous_knowledge_version: string | null;
  reason: string;
  strategy: PpRetuningStrategy;
  status: PpRetuningStatus;
  genesis: GenesisState;
  decision: RetuningDecisionRow | null;
  /** the rollout engine's state while and after deploying */
  rollout: Rollout | null;
  post_checks: PostCheck[];
  rollbacks: Array<{ at: Date; reason: string }>;
  /** when the retuning job looks at it next (null: never again) */
  next_check_at: Date | null;
  created_by: string;
  created_by_name: string | null;
  created_at: Date;
  updated_at: Date;
  /** raised on every write (If-Match) */
  version: number;
}

export interface EvaluationRow {
  retuning_id: string;
  side: 'blue' | 'green';
  accuracy: number;
  samples: number;
  evaluated_at: Date;
  reported_by: string;
  created_at: Date;
}

export interface RetuningFilter {
  agent_id?: string;
  status?: PpRetuningStatus;
  industry?: string;
  limit: number;
  offset: number;
}

/** The writes of one unit of work, and the raw transaction for the notifier's outbox. */
export interface RetuningTransaction {
  tx: Knex.Transaction;
  /** ConflictError when the agent has an active retuning already (one active per agent). */
  insert(row: RetuningRow): Promise<void>;
  /** Saves `row` (its version raised) if the stored version is still `expectedVersion`; false if not. */
  update(row: RetuningRow, expectedVersion: number): Promise<boolean>;
  /** The row, locked for this transaction where the engine can (PostgreSQL). */
  getForUpdate(id: string): Promise<RetuningRow | undefined>;
  addEvaluation(row: EvaluationRow): Promise<void>;
}

/** Where retunings live. `DatabaseRetuningStore` implements it with knex on SQLite and PostgreSQL. */
export interface RetuningStore {
  transaction<T>(work: (uow: RetuningTransaction) => Promise<T>): Promise<T>;
  /** The `retuning` change mark: raised by every write of a retuning (versioned reads). */
  changeMark(): Promise<string>;
  get(id: string): Promise<RetuningRow | undefined>;
  /** Newest first. */
  list(
    filter: RetuningFilter,
  ): Promise<{ items: RetuningRow[]; total: number }>;
  activeFor(agentId: string): Promise<RetuningRow | undefined>;
  /** A retuning of the agent on that version Genesis rejected (the rejection is final). */
  rejectedFor(
    agentId: string,
    knowledgeVersionId: string,
  ): Promise<RetuningRow | undefined>;
  /** The agent's newest completed retuning (the knowledge it runs on). */
  lastCompleted(agentId: string): Promise<RetuningRow | undefined>;
  /** Active retunings the job should look at by `now`, oldest check first. */
  due(now: Date, limit: number): Promise<RetuningRow[]>;
  latestEvaluation(
    retuningId: string,
    side: 'blue' | 'green',
  ): Promise<EvaluationRow | undefined>;
}
