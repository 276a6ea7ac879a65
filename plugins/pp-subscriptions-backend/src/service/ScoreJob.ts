import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CustomerPortalStore } from '../database/CustomerPortalStore';
import type {
  ListRow,
  ScoreRow,
  SubscriptionStore,
} from '../database/SubscriptionStore';
import { SCORE_WINDOW_DAYS, healthScore, utcDay } from '../domain/score';
import type { SubscriptionSettings } from './config';

const BATCH = 500;

export interface ScoreJobRun {
  day: string;
  scored: number;
  failedBatches: number;
  pruned: number;
}

/**
 * The daily health score: every CP subscription, scored over the 30 days before `now`, written
 * as that UTC day's row of `pp_subscription_scores` (a later run the same day replaces the row;
 * earlier days are history) and into the list index. CP is read in id-ordered batches; a batch
 * that fails is logged and skipped, the others go on, and then the list is not pruned.
 */
export async function runScoreJob(options: {
  cp: CustomerPortalStore;
  store: SubscriptionStore;
  settings: SubscriptionSettings;
  logger?: LoggerService;
  now?: Date;
}): Promise<ScoreJobRun> {
  const { cp, store, settings, logger } = options;
  const now = options.now ?? new Date();
  const day = utcDay(now);
  const window = {
    start: new Date(now.getTime() - SCORE_WINDOW_DAYS * 24 * 3600 * 1000),
    end: now,
  };
  let afterId: string | undefined;
  let scored = 0;
  let failedBatches = 0;
  for (;;) {
    const subs = await cp.listSubscriptions({ afterId, limit: BATCH });
    if (!subs.length) break;
    afterId = subs[subs.length - 1].id;
    try {
      const counts = await cp.runCounts(
        subs.map(s => s.id),
        window,
      );
      const scores: ScoreRow[] = [];
      const list: ListRow[] = [];
      for (const s of subs) {
        const runs = counts.get(s.id) ?? { total: 0, succeeded: 0, failed: 0 };
        const cadence =
          s.expected_runs_per_day ?? settings.defaultExpectedRunsPerDay;
        const h = healthScore(runs, cadence);
        scores.push({
          subscription_id: s.id,
          day,
          ...h,
          expected_runs_per_day: cadence,
          runs_total: runs.total,
          runs_succeeded: runs.succeeded,
          runs_failed: runs.failed,
        });
        list.push({
          id: s.id,
          customer_id: s.customer_id,
          customer_name: s.customer_name,
          agent_id: s.agent_id,
          agent_name: s.agent_name,
          industry: s.industry,
          plan: s.plan,
          status: s.status,
          score: h.score,
          band: h.band,
          runs_failed_30d: runs.failed,
          scored_day: day,
        });
      }
      await store.saveScores(scores, list, now);
      scored += subs.length;
    } catch (error) {
      failedBatches += 1;
      logger?.warn(
        `Subscription score job: batch after ${subs[0].id} failed: ${error}`,
      );
    }
    if (subs.length < BATCH) break;
  }
  const pruned = failedBatches ? 0 : await store.pruneList(now);
  return { day, scored, failedBatches, pruned };
}
