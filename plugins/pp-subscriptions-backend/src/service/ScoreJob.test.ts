import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { DatabaseCustomerPortalStore } from '../database/DatabaseCustomerPortalStore';
import { DatabaseSubscriptionStore } from '../database/DatabaseSubscriptionStore';
import { seedDemoCustomerPortal } from '../seed/demoCustomerPortal';
import { runScoreJob } from './ScoreJob';
import { SubscriptionQueries } from './SubscriptionQueries';

jest.setTimeout(120_000);
const databases = ppTestDatabases();
const settings = {
  defaultExpectedRunsPerDay: 1,
  scoreJobMinutes: 60,
  scoreJobInitialDelaySeconds: 30,
  exports: {
    directory: '/nonexistent',
    expiryHours: 24,
    pdfMaxRuns: 2000,
    maxConcurrent: 2,
  },
};

describe.each(databases.eachSupportedId())('score job (%s)', id => {
  it('scores every CP subscription per day, keeps history, feeds the list and detail', async () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const cpDb = await databases.init(id);
    const runs = await seedDemoCustomerPortal(cpDb, now);
    expect(runs).toBeGreaterThan(500);
    const cp = new DatabaseCustomerPortalStore(cpDb);
    const store = await DatabaseSubscriptionStore.create({
      database: { getClient: async () => databases.init(id) },
    });

    const dayBefore = new Date('2026-12-01T12:00:00Z');
    expect(
      await runScoreJob({ cp, store, settings, now: dayBefore }),
    ).toMatchObject({ day: '2026-12-01', scored: 10, failedBatches: 0 });
    expect(await runScoreJob({ cp, store, settings, now })).toMatchObject({
      day: '2026-12-02',
      scored: 10,
    });
    // a re-run the same day replaces that day's row
    await runScoreJob({ cp, store, settings, now });

    const history = await store.scoreHistory('demo-sub-001', '2026-11-01');
    expect(history.map(h => h.day)).toEqual(['2026-12-01', '2026-12-02']);
    const healthy = history[1];
    expect(healthy).toMatchObject({ band: 'green', expected_runs_per_day: 2 });
    expect(healthy.runs_total).toBeGreaterThan(40);
    // the stored score is the domain function of the stored inputs
    expect(healthy.score).toBeCloseTo(
      (0.5 * healthy.success_rate +
        0.3 * (1 - healthy.error_rate) +
        0.2 * healthy.activity_score) *
        100,
      0,
    );

    const queries = new SubscriptionQueries(cp, store, settings, () => now);
    const all = await queries.list({});
    expect(all.items).toHaveLength(10);
    expect(
      all.band_counts.green + all.band_counts.amber + all.band_counts.red,
    ).toBe(10);
    // worst first by default
    const scores = all.items.map(i => i.score!);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);

    const red = await queries.list({ score_lt: 60 });
    expect(red.items.length).toBeGreaterThan(0);
    expect(red.items.every(i => i.score! < 60 && i.band === 'red')).toBe(true);
    const churned = await queries.list({ status: ['churned'] });
    expect(churned.items.map(i => i.id)).toEqual(['demo-sub-005']);
    const failing = await queries.list({ errors_gt: 5, sort: '-errors' });
    expect(failing.items.every(i => i.runs_failed_30d > 5)).toBe(true);
    expect(failing.items.map(i => i.id)).toContain('demo-sub-003');
    expect(
      (await queries.list({ industry: 'education' })).items.map(i => i.id),
    ).toEqual(expect.arrayContaining(['demo-sub-002', 'demo-sub-008']));
    expect(
      (await queries.list({ customer: 'demo bak' })).items.map(i => i.id),
    ).toEqual(['demo-sub-001']);

    // cursor paging walks every row once, in every sort
    for (const sort of ['score', '-score', 'customer', '-errors'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await queries.list({ sort, limit: 3, cursor });
        seen.push(...page.items.map(i => i.id));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual(all.items.map(i => i.id).sort());
    }

    const detail = await queries.get('demo-sub-003');
    expect(detail.score).toMatchObject({ day: '2026-12-02', band: 'red' });
    expect(detail.score_history).toHaveLength(2);
    expect(detail.runs_per_day).toHaveLength(30);
    expect(detail.runs_per_day[29].day).toBe('2026-12-02');
    expect(detail.recent_errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(detail)).not.toContain('SECRET');

    // a subscription gone from CP leaves the list on the next run
    await cpDb('subscriptions').where({ id: 'demo-sub-010' }).delete();
    const later = new Date(now.getTime() + 60_000);
    expect(
      await runScoreJob({ cp, store, settings, now: later }),
    ).toMatchObject({
      scored: 9,
      pruned: 1,
    });
  });
});
