import path from 'node:path';
import {
  createTestPpGuard,
  ppTestDatabases,
} from '@internal/plugin-pp-node/testUtils';
import request from 'supertest';
import {
  healthTestApp,
  healthTestWiring,
  testCatalogServices,
} from '../__testUtils__/healthWiring';
import { bucketTimelineStatus } from '../domain/timeline';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

describe('bucketTimelineStatus (the timeline rule table)', () => {
  it.each`
    checks | down_checks | error_rate | threshold | status
    ${0}   | ${0}        | ${null}    | ${5}      | ${'unknown'}
    ${10}  | ${1}        | ${0.1}     | ${5}      | ${'down'}
    ${10}  | ${0}        | ${0.3}     | ${5}      | ${'degraded'}
    ${10}  | ${0}        | ${0.05}    | ${5}      | ${'up'}
    ${10}  | ${0}        | ${0.3}     | ${null}   | ${'up'}
  `(
    '$checks checks, $down_checks failed, error rate $error_rate (threshold $threshold) → $status',
    ({ checks, down_checks, error_rate, threshold, status }) => {
      expect(
        bucketTimelineStatus({ checks, down_checks, error_rate }, threshold),
      ).toBe(status);
    },
  );
});

describe.each(databases.eachSupportedId())(
  'health charts: timeline, resources, sparklines (%s)',
  id => {
    it('puts a status and the reported CPU, memory and disk in every bucket of the detail, and every service’s sparkline in one query', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest({
        directory: path.resolve(__dirname, '../../migrations'),
        tableName: 'pp_health_knex_migrations',
      });
      const test = await createTestPpGuard(knex, [
        { name: 'viewer', kind: 'agent', roles: ['viewer'] },
      ]);
      // 12:00 is the start of a 15-minute bucket of the 1h window
      let now = new Date('2026-12-01T11:00:00Z');
      const wiring = await healthTestWiring(knex, () => now);
      const { store, commands } = wiring;
      await store.syncServices(
        testCatalogServices([
          'payment-service',
          'billing-service',
          'quiet-service',
        ]),
        now,
      );
      const beat = (service: string, body: object) =>
        commands.acceptHeartbeat(`component:default/${service}`, body as any);
      // 11:00–11:15 up at 1 %, 11:15–11:30 at 30 % errors, 11:30–11:45 down, 11:45–12:00 up
      for (let m = 0; m < 60; m += 1) {
        now = new Date(Date.UTC(2026, 11, 1, 11, m, 0));
        let status = 'up';
        let errorRate = 0.01;
        if (m >= 15 && m < 30) errorRate = 0.3;
        if (m >= 30 && m < 45) {
          status = 'down';
          errorRate = 1;
        }
        await beat('payment-service', {
          status,
          error_rate: errorRate,
          response_time_ms: 100 + m,
          cpu_percent: m < 30 ? 20 : 60,
          memory_percent: 50,
          disk_percent: 70,
        });
        await beat('billing-service', {
          status: 'up',
          error_rate: 0,
          response_time_ms: 40,
        });
      }
      now = new Date('2026-12-01T12:00:00Z');

      const app = healthTestApp(test.guard, wiring);
      const detail = await request(app)
        .get('/health/microservices/payment-service?window=1h')
        .set('authorization', `Bearer ${test.tokens.viewer}`)
        .expect(200);
      const byAt = new Map(
        detail.body.series.map((p: any) => [p.at.slice(11, 16), p]),
      );
      expect(
        ['11:00', '11:15', '11:30', '11:45', '12:00'].map(
          t => (byAt.get(t) as any)?.status,
        ),
      ).toEqual(['up', 'degraded', 'down', 'up', 'unknown']);
      expect(byAt.get('11:00')).toMatchObject({
        cpu_percent: 20,
        memory_percent: 50,
        disk_percent: 70,
      });
      expect(byAt.get('11:30')).toMatchObject({ cpu_percent: 60 });
      expect(byAt.get('12:00')).toMatchObject({
        cpu_percent: null,
        memory_percent: null,
      });
      // a service that reports no resources has none, not zeros
      const billing = await wiring.queries.detail('billing-service', '1h');
      expect(billing.series[0]).toMatchObject({
        status: 'up',
        cpu_percent: null,
        disk_percent: null,
      });
      // the 30-day window groups in SQL; the figures are the same averages
      const month = await wiring.queries.detail('payment-service', '30d');
      const withCpu = month.series.filter(p => p.cpu_percent !== null);
      expect(withCpu).toHaveLength(1);
      expect(withCpu[0].cpu_percent).toBe(40);

      // sparklines: one SQL statement for every service
      const queries: string[] = [];
      const onQuery = (q: { sql: string }) => queries.push(q.sql);
      knex.on('query', onQuery);
      const spark = await store.sparklines('6h', now);
      knex.off('query', onQuery);
      expect(queries).toHaveLength(1);
      expect(spark.bucket_seconds).toBe(900);
      expect(spark.items.map(i => i.service_id)).toEqual([
        'billing-service',
        'payment-service',
        'quiet-service',
      ]);
      const payment = spark.items.find(
        i => i.service_id === 'payment-service',
      )!;
      expect(payment.points).toHaveLength(25);
      const at = (t: string) =>
        payment.points.find(p => p.at === `2026-12-01T${t}:00.000Z`)!;
      expect(at('11:00').error_rate).toBeCloseTo(0.01, 5);
      expect(at('11:15').error_rate).toBeCloseTo(0.3, 5);
      expect(at('11:30').error_rate).toBe(1);
      expect(at('11:00').p95_response_ms).toBeGreaterThan(100);
      expect(at('10:00')).toMatchObject({
        error_rate: null,
        p95_response_ms: null,
      });
      const quiet = spark.items.find(i => i.service_id === 'quiet-service')!;
      expect(quiet.points.every(p => p.error_rate === null)).toBe(true);

      const http = await request(app)
        .get('/health/sparklines?window=1h')
        .set('authorization', `Bearer ${test.tokens.viewer}`)
        .expect(200);
      expect(http.body).toMatchObject({ window: '1h', bucket_seconds: 300 });
      expect(http.body.items).toHaveLength(3);
      await request(app)
        .get('/health/sparklines?window=7d')
        .set('authorization', `Bearer ${test.tokens.viewer}`)
        .expect(400);
    });
  },
);
