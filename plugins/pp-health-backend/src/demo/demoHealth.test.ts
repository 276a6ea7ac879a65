import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import {
  healthTestWiring,
  testCatalogServices,
} from '../__testUtils__/healthWiring';
import { HealthCommands } from '../service/HealthCommands';
import {
  DEMO_HEARTBEAT_SECONDS,
  backfillDemoHistory,
  demoHeartbeatRound,
  demoSkippedServices,
  flappingServiceId,
  healthDemoEnabled,
  sendDemoHeartbeats,
} from './demoHealth';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

describe('demo health generator', () => {
  it('is on only with pp.demo.enabled, and pp.health.demo.enabled not false', () => {
    expect(healthDemoEnabled(new ConfigReader({}))).toBe(false);
    expect(
      healthDemoEnabled(new ConfigReader({ pp: { demo: { enabled: true } } })),
    ).toBe(true);
    expect(
      healthDemoEnabled(
        new ConfigReader({
          pp: { demo: { enabled: true }, health: { demo: { enabled: false } } },
        }),
      ),
    ).toBe(false);
    expect(
      healthDemoEnabled(
        new ConfigReader({
          pp: { demo: { enabled: false }, health: { demo: { enabled: true } } },
        }),
      ),
    ).toBe(false);
  });

  it.each(databases.eachSupportedId())(
    'writes heartbeats through the heartbeat service, with one service flapping (%s)',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.latest({
        directory: path.resolve(__dirname, '../../migrations'),
        tableName: 'pp_health_knex_migrations',
      });
      let now = new Date('2026-11-25T10:00:00Z');
      const { store, commands: service } = await healthTestWiring(
        knex,
        () => now,
      );
      // seeded demo services; search-service was registered later: it is real, no demo for it
      const ids = [
        'analytics-service',
        'notification-service',
        'payment-service',
      ];
      await store.syncServices(
        testCatalogServices([...ids, 'search-service']),
        new Date('2026-11-24T09:00:00Z'),
      );
      const flapping = flappingServiceId(new ConfigReader({}), ids);
      expect(flapping).toBe('notification-service');
      const backfill = (signal?: AbortSignal) =>
        backfillDemoHistory(service, flapping, mockServices.logger.mock(), {
          hours: 2,
          stepMinutes: 7,
          signal,
        });
      // a shutdown after 5 rounds: the next run goes on from there
      const stop = new AbortController();
      let sent = 0;
      const spy = jest
        .spyOn(service, 'acceptHeartbeat')
        .mockImplementation(async (...args) => {
          if (++sent === 5 * ids.length) stop.abort();
          return HealthCommands.prototype.acceptHeartbeat.apply(service, args);
        });
      const first = await backfill(stop.signal);
      expect(first).toBe(5);
      const rest = await backfill();
      const rounds = first + rest;
      expect(rounds).toBe(Math.ceil((2 * 60 - 1) / 7));
      expect(spy).toHaveBeenCalled();
      // complete: once only
      expect(await backfill()).toBe(0);
      const per = await knex('pp_health_checks')
        .groupBy('service_id')
        .select('service_id')
        .count({ n: '*' });
      const count = (s: string) =>
        Number(per.find((r: any) => r.service_id === s)?.n ?? 0);
      expect(count('analytics-service')).toBe(rounds);
      expect(count('search-service')).toBe(0);
      expect(count('notification-service')).toBe(rounds);
      // the flapping one reports down 3 minutes of every 30, the others never
      const downs = await knex('pp_health_checks')
        .where({ status: 'down' })
        .distinct('service_id');
      expect(downs.map(r => r.service_id)).toEqual(['notification-service']);
      // live round while the flapping service is in its down minutes
      now = new Date('2026-11-25T10:28:00Z');
      await sendDemoHeartbeats(service, flapping, now);
      const latest = await knex('pp_health_checks')
        .where('checked_at', '=', now)
        .orderBy('service_id')
        .select('service_id', 'status');
      expect(latest).toEqual([
        { service_id: 'analytics-service', status: 'up' },
        { service_id: 'notification-service', status: 'down' },
        { service_id: 'payment-service', status: 'up' },
      ]);
      // minutes 20-26 of the cycle: 28-32 % of its requests fail, more than the 5 % rule
      now = new Date('2026-11-25T10:22:00Z');
      await sendDemoHeartbeats(service, flapping, now);
      const erroring = await knex('pp_health_checks')
        .where('checked_at', '=', now)
        .orderBy('service_id')
        .select('service_id', 'error_rate');
      expect(Number(erroring[1].error_rate)).toBeGreaterThanOrEqual(0.28);
      expect(Number(erroring[0].error_rate)).toBeLessThan(0.05);
      expect(Number(erroring[2].error_rate)).toBeLessThan(0.05);
    },
  );

  // Seen with two instances of the built bundle (scripts/production/scaleout.test.mjs): the first
  // run came before the catalog was read, "backfilled" 206 rounds for no service, so the real
  // backfill ran a minute later and its last point sat 16 s from a live heartbeat.
  it.each(databases.eachSupportedId())(
    'backfills only once the demo services are known, and ends one interval before the live heartbeats (%s)',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.latest({
        directory: path.resolve(__dirname, '../../migrations'),
        tableName: 'pp_health_knex_migrations',
      });
      const now = new Date('2026-11-25T10:00:00Z');
      const { store, commands: service } = await healthTestWiring(
        knex,
        () => now,
      );
      const backfill = () =>
        backfillDemoHistory(
          service,
          'notification-service',
          mockServices.logger.mock(),
          { hours: 2, stepMinutes: 7 },
        );
      // the catalog has not been read yet: nothing written, nothing claimed
      expect(await backfill()).toBe(0);
      expect(await store.latestCheckAt({ data_source: 'demo' })).toBeNull();

      await store.syncServices(
        testCatalogServices(['analytics-service', 'notification-service']),
        new Date('2026-11-24T09:00:00Z'),
      );
      expect(await backfill()).toBeGreaterThan(0);
      const last = await store.latestCheckAt({ data_source: 'demo' });
      expect(now.getTime() - last!.getTime()).toBeGreaterThanOrEqual(
        DEMO_HEARTBEAT_SECONDS * 1000,
      );
      // the live round follows at least one interval after the history's last point
      await sendDemoHeartbeats(service, 'notification-service', now);
      expect(await backfill()).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    "stamps a round's heartbeats with the round's start, not the end of its backfill (%s)",
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.latest({
        directory: path.resolve(__dirname, '../../migrations'),
        tableName: 'pp_health_knex_migrations',
      });
      // a clock that moves one second at every reading: the backfill's many readings take "time"
      let t = new Date('2026-11-25T10:00:00Z').getTime();
      const start = t + 1000;
      const { store, commands: service } = await healthTestWiring(
        knex,
        () => new Date((t += 1000)),
      );
      await store.syncServices(
        testCatalogServices(['analytics-service', 'notification-service']),
        new Date('2026-11-24T09:00:00Z'),
      );
      await demoHeartbeatRound({
        config: new ConfigReader({}),
        service,
        logger: mockServices.logger.mock(),
      });
      const rows = await knex('pp_health_checks')
        .where({ service_id: 'analytics-service' })
        .orderBy('checked_at', 'desc')
        .select('checked_at');
      const times = rows.map(r => new Date(r.checked_at).getTime());
      // the live heartbeat carries the round's start, one interval after the history's last point
      expect(times[0]).toBe(start);
      expect(times[0] - times[1]).toBeGreaterThanOrEqual(
        DEMO_HEARTBEAT_SECONDS * 1000,
      );
      expect(t - start).toBeGreaterThan(60_000);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the demo services of pp.health.demo.skipServices to their own heartbeats (%s)',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.latest({
        directory: path.resolve(__dirname, '../../migrations'),
        tableName: 'pp_health_knex_migrations',
      });
      const now = new Date('2026-11-25T10:00:00Z');
      const { store, commands: service } = await healthTestWiring(
        knex,
        () => now,
      );
      await store.syncServices(
        testCatalogServices(['analytics-service', 'agent-execution-engine']),
        new Date('2026-11-24T09:00:00Z'),
      );
      const config = new ConfigReader({
        pp: { health: { demo: { skipServices: ['agent-execution-engine'] } } },
      });
      expect([...demoSkippedServices(config)]).toEqual([
        'agent-execution-engine',
      ]);
      expect(demoSkippedServices(new ConfigReader({})).size).toBe(0);
      await demoHeartbeatRound({
        config,
        service,
        logger: mockServices.logger.mock(),
      });
      const per = await knex('pp_health_checks')
        .groupBy('service_id')
        .select('service_id')
        .count({ n: '*' });
      // the history and the live round for the others, nothing for the skipped one
      expect(per.map((r: any) => r.service_id)).toEqual(['analytics-service']);
      expect(Number(per[0].n)).toBeGreaterThan(100);
      // its own heartbeats still count
      await service.acceptHeartbeat(
        'component:default/agent-execution-engine',
        {
          status: 'up',
          response_time_ms: 950,
        },
      );
      expect(
        await knex('pp_health_checks')
          .where({ service_id: 'agent-execution-engine' })
          .select('status', 'data_source'),
      ).toEqual([{ status: 'up', data_source: 'live' }]);
    },
  );
});
