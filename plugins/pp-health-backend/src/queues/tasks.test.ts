import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { scheduleHealthDataTasks } from './tasks';

describe('scheduleHealthDataTasks', () => {
  it('collects queues every intervalSeconds and runs retention daily with the configured days', async () => {
    const scheduler = mockServices.scheduler.mock();
    const collectors = {
      collectAndStore: jest.fn(async () => []),
      latest: jest.fn(),
      prune: jest.fn(async () => 3),
    };
    const store = {
      backend: 'postgres' as const,
      ingest: jest.fn(),
      query: jest.fn(),
      prune: jest.fn(async () => 5),
    };
    await scheduleHealthDataTasks({
      scheduler,
      collectors,
      store,
      config: new ConfigReader({
        pp: {
          health: {
            queues: { intervalSeconds: 15 },
            logs: { retentionDays: 90 },
          },
        },
      }),
      logger: mockServices.logger.mock(),
    });
    const tasks = scheduler.scheduleTask.mock.calls.map(c => c[0]);
    expect(tasks.map(t => [t.id, t.frequency])).toEqual([
      ['pp-health-queue-metrics', { seconds: 15 }],
      ['pp-health-data-retention', { hours: 24 }],
    ]);
    await tasks[0].fn(new AbortController().signal);
    expect(collectors.collectAndStore).toHaveBeenCalledTimes(1);
    const before = Date.now();
    await tasks[1].fn(new AbortController().signal);
    const cutoff = (store.prune.mock.calls[0] as any)[0] as Date;
    const days = (before - cutoff.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(89.99);
    expect(days).toBeLessThan(90.01);
    const queueCutoff = (collectors.prune.mock.calls[0] as any)[0] as Date;
    expect((before - queueCutoff.getTime()) / 86_400_000).toBeCloseTo(7, 2);
  });
});
