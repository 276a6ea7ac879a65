import { ConfigReader } from '@backstage/config';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { DatabaseCustomerPortalStore } from '../database/DatabaseCustomerPortalStore';
import { DatabaseSubscriptionStore } from '../database/DatabaseSubscriptionStore';
import { subscriptionSettingsFromConfig } from '../service/config';
import { runScoreJob } from '../service/ScoreJob';
import { seedDemoCustomerPortal } from './demoCustomerPortal';
import { backfillDemoScoreHistory } from './demoScoreHistory';

jest.setTimeout(180_000);
const databases = ppTestDatabases();
const settings = subscriptionSettingsFromConfig(new ConfigReader({}));

describe.each(databases.eachSupportedId())('demo score history (%s)', id => {
  it('scores the past days of the demo runs once, before today, so charts and the 3-day trigger have history', async () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const cpDb = await databases.init(id);
    await seedDemoCustomerPortal(cpDb, now);
    const cp = new DatabaseCustomerPortalStore(cpDb);
    const store = await DatabaseSubscriptionStore.create({
      database: { getClient: async () => databases.init(id) },
    });

    expect(
      await backfillDemoScoreHistory({ cp, store, settings, now, days: 5 }),
    ).toBe(5);
    // a second call (the next job run, or a restart with the history kept) scores nothing
    expect(
      await backfillDemoScoreHistory({ cp, store, settings, now, days: 5 }),
    ).toBe(0);
    await runScoreJob({ cp, store, settings, now });

    const subs = await cp.listSubscriptions({ limit: 100 });
    const histories = await Promise.all(
      subs.map(s => store.scoreHistory(s.id, '2026-11-01')),
    );
    for (const h of histories) {
      expect(h.map(s => s.day)).toEqual([
        '2026-11-27',
        '2026-11-28',
        '2026-11-29',
        '2026-11-30',
        '2026-12-01',
        '2026-12-02',
      ]);
    }
    // the demo's failing subscription is red for the last three days: the low-score trigger's case
    const failing = histories[subs.findIndex(s => s.id === 'demo-sub-003')];
    expect(failing.slice(-3).map(s => s.band)).toEqual(['red', 'red', 'red']);
    // the list shows today's scores, not a backfilled day's
    const page = await store.list({
      filter: {},
      sort: { field: 'score', desc: false },
      limit: 100,
    });
    expect(new Set(page.map(r => r.scored_day))).toEqual(
      new Set(['2026-12-02']),
    );
  });
});
