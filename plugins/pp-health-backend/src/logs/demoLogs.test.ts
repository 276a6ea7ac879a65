import { mockServices } from '@backstage/backend-test-utils';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { migrateHealthData } from './__testUtils__/healthDataDb';
import { DatabaseLogStore } from './DatabaseLogStore';
import {
  PP_DEMO_LOG_SERVICES,
  demoLogLines,
  scheduleDemoLogs,
  seedDemoLogs,
} from './demoLogs';

const databases = ppTestDatabases();
const now = new Date('2026-11-25T10:00:00.000Z');

describe('demo logs (DEMO data)', () => {
  it('covers the 13 services over 7 days, labelled, the same on every run', () => {
    const lines = demoLogLines({ now });
    expect(new Set(lines.map(l => l.service_id))).toEqual(
      new Set(PP_DEMO_LOG_SERVICES),
    );
    expect(PP_DEMO_LOG_SERVICES).toHaveLength(13);
    expect(lines.every(l => l.attributes.demo === true)).toBe(true);
    const times = lines.map(l => l.timestamp.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    expect(Math.min(...times)).toBeGreaterThan(now.getTime() - 8 * 86_400_000);
    expect(demoLogLines({ now })).toEqual(lines);
    const levels = new Set(lines.map(l => l.level));
    expect(levels).toEqual(new Set(['debug', 'info', 'warn', 'error']));
  });

  it('fills an empty store once and leaves a filled one alone', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateHealthData(knex);
    const store = new DatabaseLogStore(knex);
    const logger = mockServices.logger.mock();
    const seeded = await seedDemoLogs({ store, logger, now });
    expect(seeded).toBe(demoLogLines({ now }).length);
    expect(await seedDemoLogs({ store, logger, now })).toBe(0);
    const completed = await store.query({
      text: 'completed',
      from: new Date(now.getTime() - 7 * 86_400_000).toISOString(),
    });
    expect(completed.total_estimate).toBeGreaterThan(50);
    // every generated line is labelled demo, in the data and in the API
    expect(
      await knex('pp_logs').whereNot({ data_source: 'demo' }).count({ n: '*' }),
    ).toEqual([{ n: 0 }]);
    expect(new Set(completed.items.map(i => i.data_source))).toEqual(
      new Set(['demo']),
    );
  });

  it('then sends a line per service every minute, at the time of sending', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateHealthData(knex);
    const store = new DatabaseLogStore(knex);
    const scheduler = mockServices.scheduler.mock();
    let clock = now;
    await scheduleDemoLogs({
      scheduler,
      store,
      logger: mockServices.logger.mock(),
      now: () => clock,
    });
    const seeded = demoLogLines({ now }).length;
    const [task] = scheduler.scheduleTask.mock.calls.map(c => c[0]);
    expect(task.id).toBe('pp-health-demo-logs');
    expect(task.frequency).toEqual({ minutes: 1 });
    clock = new Date(now.getTime() + 60_000);
    await task.fn(new AbortController().signal);
    const recent = await store.query({
      from: now.toISOString(),
      limit: 100,
    });
    expect(recent.total_estimate).toBe(13);
    expect(new Set(recent.items.map(i => i.service_id)).size).toBe(13);
    const all = await store.query({ limit: 1 });
    expect(all.total_estimate).toBe(Math.min(seeded + 13, 10_000));
  });
});
