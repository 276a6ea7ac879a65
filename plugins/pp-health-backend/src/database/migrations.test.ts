import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  ppChangeMarkNotifies,
  ppTestDatabases,
} from '@internal/plugin-pp-node/testUtils';
import { DatabaseHealthStore } from './DatabaseHealthStore';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

const config = {
  directory: resolvePackagePath(
    '@internal/plugin-pp-health-backend',
    'migrations',
  ),
  tableName: 'pp_health_knex_migrations',
};

describe.each(databases.eachSupportedId())('health migrations (%s)', id => {
  it('step up and down; alerts that fired before silences count as told, demo log lines are labelled', async () => {
    const knex = await databases.init(id);
    await knex.migrate.up(config); // health tables
    await knex.migrate.up(config); // logs, queues
    await knex.migrate.up(config); // log search indexes
    const t0 = new Date('2026-12-01T10:00:00Z');
    await knex('pp_health_alerts').insert({
      alert_type: 'service_down',
      service_id: 'payment-service',
      severity: 'critical',
      status: 'firing',
      message: 'down',
      started_at: t0,
      updated_at: t0,
      open_key: 'service_down|payment-service|',
    });
    const line = (message: string, attributes: object) => ({
      service_id: 'payment-service',
      level: 'info',
      message,
      ts: t0,
      attributes: JSON.stringify(attributes),
      received_at: t0,
    });
    await knex('pp_logs').insert([
      line('generated', { demo: true }),
      line('real', { region: 'eu' }),
    ]);

    await knex.migrate.up(config); // silences, data_source
    const [alert] = await knex('pp_health_alerts').select('*');
    expect(new Date(alert.notified_at).getTime()).toBe(t0.getTime());
    expect(alert.silence_id).toBeNull();
    expect(
      await knex('pp_logs').orderBy('message').select('message', 'data_source'),
    ).toEqual([
      { message: 'generated', data_source: 'demo' },
      { message: 'real', data_source: 'live' },
    ]);
    expect(await knex.schema.hasTable('pp_health_silences')).toBe(true);

    await knex.migrate.down(config);
    expect(await knex.schema.hasTable('pp_health_silences')).toBe(false);
    expect(await knex.schema.hasColumn('pp_logs', 'data_source')).toBe(false);
    expect(await knex.schema.hasColumn('pp_health_alerts', 'notified_at')).toBe(
      false,
    );
    // the one open alert per rule and service is still guarded after the way back
    const duplicate = await knex('pp_health_alerts')
      .insert({
        alert_type: 'service_down',
        service_id: 'payment-service',
        severity: 'critical',
        status: 'firing',
        message: 'again',
        started_at: t0,
        updated_at: t0,
        open_key: 'service_down|payment-service|',
      })
      .then(
        () => 'inserted',
        (e: Error) => e.message,
      );
    expect(duplicate).toMatch(/unique|duplicate/i);
    while ((await knex.migrate.currentVersion(config)) !== 'none') {
      await knex.migrate.down(config);
    }
    expect(await knex.schema.hasTable('pp_health_alerts')).toBe(false);
    expect(await knex.schema.hasTable('pp_logs')).toBe(false);
  });

  it('adds and removes the acknowledgement columns, keeping the change mark on alerts', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest(config);
    const t0 = new Date('2026-12-22T13:00:00Z');
    await knex('pp_health_alerts').insert({
      alert_type: 'service_down',
      service_id: 'payment-service',
      severity: 'critical',
      status: 'firing',
      message: 'down',
      started_at: t0,
      updated_at: t0,
      open_key: 'service_down|payment-service|',
      acknowledged_at: t0,
      acknowledged_by_id: 'u1',
      acknowledged_by_name: 'Ingrid',
      acknowledge_note: 'on it',
    });
    const [row] = await knex('pp_health_alerts').select('*');
    expect(row).toMatchObject({
      acknowledged_by_name: 'Ingrid',
      acknowledge_note: 'on it',
    });
    expect(new Date(row.acknowledged_at).getTime()).toBe(t0.getTime());

    // the newest migration first: the mark's notification goes, the mark stays
    const pg = knex.client.config.client === 'pg';
    expect(await ppChangeMarkNotifies(knex, 'health')).toBe(pg);
    expect(await knex.migrate.down(config)).toEqual([
      expect.any(Number),
      ['20270111100000_health_change_mark_notify.js'],
    ]);
    expect(await ppChangeMarkNotifies(knex, 'health')).toBe(false);

    // then the reported conditions and their rule go, nothing else
    expect(await knex.schema.hasTable('pp_health_reported_conditions')).toBe(
      true,
    );
    expect(
      await knex('pp_alert_thresholds')
        .where({ alert_type: 'ingestion_failing' })
        .first(),
    ).toMatchObject({ threshold_value: 3, severity: 'warning' });
    expect(await knex.migrate.down(config)).toEqual([
      expect.any(Number),
      ['20270104120000_health_reported_conditions.js'],
    ]);
    expect(await knex.schema.hasTable('pp_health_reported_conditions')).toBe(
      false,
    );
    expect(
      await knex('pp_alert_thresholds')
        .where({ alert_type: 'ingestion_failing' })
        .first(),
    ).toBeUndefined();
    expect(await knex.migrate.down(config)).toEqual([
      expect.any(Number),
      ['20261222130000_alert_acknowledgements.js'],
    ]);
    for (const column of ['acknowledged_at', 'acknowledge_note']) {
      expect(await knex.schema.hasColumn('pp_health_alerts', column)).toBe(
        false,
      );
    }
    // the row survived, and writes to alerts still raise the health change mark
    const mark = async () =>
      Number(
        (await knex('pp_change_marks').where({ family: 'health' }).first())
          .generation,
      );
    const before = await mark();
    await knex('pp_health_alerts').update({ message: 'still down' });
    expect(await mark()).toBeGreaterThan(before);
    await knex.migrate.latest(config);
    expect(
      await knex.schema.hasColumn('pp_health_alerts', 'acknowledged_at'),
    ).toBe(true);
  });

  it('create() runs the migrations unless they are to be skipped', async () => {
    const knex = await databases.init(id);
    await DatabaseHealthStore.create({
      database: { getClient: async () => knex, migrations: { skip: true } },
    });
    expect(await knex.schema.hasTable('pp_service_status')).toBe(false);
    await DatabaseHealthStore.create({
      database: { getClient: async () => knex },
    });
    expect(await knex.schema.hasTable('pp_health_silences')).toBe(true);
  });
});
