import type {
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
}
