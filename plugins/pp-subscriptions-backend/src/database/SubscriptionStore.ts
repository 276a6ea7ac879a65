import type { Knex } from 'knex';
import type {
  PpRefundOption,
  PpSubscriptionBand,
  PpSubscriptionListItem,
  PpSubscriptionScore,
  PpSubscriptionStatus,
} from '@internal/plugin-pp-common';

/** One daily score row of `pp_subscription_scores`. */
export type ScoreRow = PpSubscriptionScore & { subscription_id: string };

/** One row of the list index (`pp_subscription_list`). */
export type ListRow = PpSubscriptionListItem;

/** Sort keys of the list; the key is always followed by the id. */
export type ListSortField = 'score' | 'runs_failed_30d' | 'customer_name_lower';

export interface ListFilter {
  status?: PpSubscriptionStatus[];
  band?: PpSubscriptionBand[];
  scoreLt?: number;
  errorsGt?: number;
  customer?: string;
  agent?: string;
  industry?: string;
}

export interface ListPageRequest {
  filter: ListFilter;
  sort: { field: ListSortField; desc: boolean };
  limit: number;
  /** Keyset: the last row's sort value and id. */
  after?: [string | number, string];
}

/** One row of `pp_subscription_actions`: what PP asked CP to do to a subscription. */
export interface ActionRow {
  id: string;
  subscription_id: string;
  /** How people name the subscription (customer and agent), as of the request. */
  subscription_name: string;
  kind: 'force_cancel';
  status: 'pending' | 'completed' | 'failed';
  reason: string;
  refund: PpRefundOption;
  refund_amount: number | null;
  idempotency_key: string;
  request_hash: string;
  attempts: number;
  last_error: string | null;
  /** When a pending action is (re)tried; while one runner calls CP, the end of its claim. */
  next_attempt_at: Date | null;
  /** The requester's principal ref. */
  requested_by: string;
  requested_by_name: string | null;
  created_at: Date;
  completed_at: Date | null;
}

/** The writes of one unit of work on the actions, plus the raw `tx` for the outbox. */
export interface SubscriptionTransaction {
  tx: Knex.Transaction;
  actionByKey(
    requestedBy: string,
    idempotencyKey: string,
  ): Promise<ActionRow | undefined>;
  /** The subscription's pending action of the kind, else its latest completed one. */
  openAction(
    subscriptionId: string,
    kind: ActionRow['kind'],
  ): Promise<ActionRow | undefined>;
  /** Throws `DuplicateActionError` when the key or the one pending action is taken. */
  insertAction(row: ActionRow): Promise<void>;
  /** Updates a pending action; false when it is not pending (any more). */
  updateAction(
    id: string,
    patch: Partial<
      Pick<
        ActionRow,
        | 'status'
        | 'refund_amount'
        | 'attempts'
        | 'last_error'
        | 'next_attempt_at'
        | 'completed_at'
      >
    >,
  ): Promise<boolean>;
  /** The list index shows the subscription canceled at once (until the next score job run). */
  markListCanceled(subscriptionId: string): Promise<void>;
}

/** An insert that a unique index refused: the same key, or a pending action exists. */
export class DuplicateActionError extends Error {
  constructor() {
    super('A subscription action with this key, or a pending one, exists');
    this.name = 'DuplicateActionError';
  }
}

/**
 * PP's own subscription tables: daily scores (history kept) and the list index the score job
 * keeps. CP's tables are read through `CustomerPortalStore`, never here.
 */
export interface SubscriptionStore {
  /** Writes the day's scores and list rows in one transaction (a re-run of a day replaces it). */
  saveScores(
    scores: ScoreRow[],
    list: ListRow[],
    syncedAt: Date,
  ): Promise<void>;
  /** Drops list rows the last full sync did not touch (subscriptions gone from CP). */
  pruneList(syncedBefore: Date): Promise<number>;
  latestScore(subscriptionId: string): Promise<PpSubscriptionScore | undefined>;
  /** Scores from `sinceDay` on, oldest first. */
  scoreHistory(
    subscriptionId: string,
    sinceDay: string,
  ): Promise<PpSubscriptionScore[]>;
  list(request: ListPageRequest): Promise<ListRow[]>;
  /** Rows per band (and unscored) under the filter, ignoring its `band`. */
  bandCounts(
    filter: ListFilter,
  ): Promise<Record<PpSubscriptionBand | 'unscored', number>>;

  /** One unit of work on the actions (and the outbox, through `tx`). */
  transaction<T>(
    work: (uow: SubscriptionTransaction) => Promise<T>,
  ): Promise<T>;
  getAction(id: string): Promise<ActionRow | undefined>;
  actionByKey(
    requestedBy: string,
    idempotencyKey: string,
  ): Promise<ActionRow | undefined>;
  /** A subscription's actions, newest first. */
  listActions(subscriptionId: string, limit: number): Promise<ActionRow[]>;
  /** Ids of pending actions due at `now`, oldest due first. */
  dueActions(now: Date, limit: number): Promise<string[]>;
  /**
   * Claims a due pending action for one attempt (a conditional update: of two runners, one wins):
   * counts the attempt and moves `next_attempt_at` to `claimUntil`. The claimed row, or undefined.
   */
  claimAction(
    id: string,
    now: Date,
    claimUntil: Date,
  ): Promise<ActionRow | undefined>;
}
