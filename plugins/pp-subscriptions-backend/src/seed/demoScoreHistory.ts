import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CustomerPortalStore } from '../database/CustomerPortalStore';
import type { SubscriptionStore } from '../database/SubscriptionStore';
import { utcDay } from '../domain/score';
import { runScoreJob } from '../service/ScoreJob';
import type { SubscriptionSettings } from '../service/config';

const DAY_MS = 24 * 3600 * 1000;

/**
 * DEMO / DEV ONLY. The demo Customer Portal is seeded with ~30 days of runs at startup, but the
 * score job only scores "today": without this, a demo portal shows one point per score chart and
 * the 3-day low-score trigger never fires. This scores each of the `days` days before `now` as
 * the job would have at the end of that day, skipping days that already have scores (a restart
 * of a file-backed demo keeps its history). Called only with the demo CP (`pp.demo.enabled`
 * without `pp.customerPortal.database`), never for a real CP and never in the request path.
 */
export async function backfillDemoScoreHistory(options: {
  cp: CustomerPortalStore;
  store: SubscriptionStore;
  settings: SubscriptionSettings;
  now?: Date;
  days?: number;
  logger?: LoggerService;
}): Promise<number> {
  const { cp, store, settings, logger, days = 29 } = options;
  const now = options.now ?? new Date();
  const [probe] = await cp.listSubscriptions({ limit: 1 });
  if (!probe) return 0;
  const since = utcDay(new Date(now.getTime() - days * DAY_MS));
  const scored = new Set(
    (await store.scoreHistory(probe.id, since)).map(s => s.day),
  );
  let filled = 0;
  for (let d = days; d >= 1; d -= 1) {
    const day = utcDay(new Date(now.getTime() - d * DAY_MS));
    if (scored.has(day)) continue;
    // the last millisecond of that UTC day: its 30-day window ends there
    const endOfDay = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - 1);
    const run = await runScoreJob({ cp, store, settings, now: endOfDay });
    if (run.failedBatches) {
      logger?.warn(`Demo score history: ${day} not fully scored`);
    }
    filled += 1;
  }
  if (filled) {
    logger?.info(`Demo score history: ${filled} past days scored`);
  }
  return filled;
}
