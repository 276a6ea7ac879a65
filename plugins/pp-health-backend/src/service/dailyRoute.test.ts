import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { healthDaily } from './dailyRoute';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

describe.each(databases.eachSupportedId())('health daily read (%s)', id => {
  it('per UTC day: down minutes per bucket, the buckets, p95 and error rates', async () => {
    const knex = await databases.init(id);
    await DatabaseHealthStore.create({
      database: { getClient: async () => knex },
    });
    const bucket = (at: string, checks: number, down: number, h8 = 0) => ({
      service_id: 'payment-service',
      bucket_start: new Date(at),
      checks,
      ok_checks: checks - down,
      down_checks: down,
      resp_count: checks,
      resp_sum: checks * 100,
      resp_max: h8 ? 1500 : 90,
      error_rate_sum: down * 1,
      h2: h8 ? 0 : checks,
      h8,
    });
    await knex('pp_health_rollups').insert([
      bucket('2026-11-10T10:00:00Z', 10, 10),
      bucket('2026-11-10T10:05:00Z', 10, 5),
      bucket('2026-11-10T10:10:00Z', 10, 0, 10),
      bucket('2026-11-11T00:00:00Z', 4, 0),
      bucket('2026-11-12T00:00:00Z', 4, 4), // outside the range read
    ]);
    const out = await healthDaily(
      knex,
      'payment-service',
      '2026-11-10',
      '2026-11-11',
    );
    expect(out.days).toEqual([
      {
        day: '2026-11-10',
        checks: 30,
        down_checks: 15,
        observed_minutes: 15,
        down_minutes: 7.5,
        p95_response_ms: expect.any(Number),
        error_rate_sum: 15,
        down_buckets: [
          { start: '2026-11-10T10:00:00.000Z', minutes: 5 },
          { start: '2026-11-10T10:05:00.000Z', minutes: 2.5 },
        ],
      },
      expect.objectContaining({
        day: '2026-11-11',
        down_minutes: 0,
        down_buckets: [],
      }),
    ]);
    expect(out.days[0].p95_response_ms).toBeGreaterThan(1000);
    await expect(
      healthDaily(knex, 'payment-service', '2026-01-01', '2026-12-31'),
    ).rejects.toThrow(/190 days/);
  });
});
