import { mockCredentials } from '@backstage/backend-test-utils';
import {
  createTestPpGuard,
  ppTestDatabases,
} from '@internal/plugin-pp-node/testUtils';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import {
  healthTestApp,
  healthTestWiring,
  testCatalogServices,
} from '../__testUtils__/healthWiring';
import { registerHealthActions } from './actions';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

/*
 * Acknowledging a firing alert (issue 18): who may, what is recorded (who, when, note), the notice
 * that commits with it, the audit record, and the 404/409 answers. An acknowledged alert stays
 * firing until its condition clears.
 */
describe.each(databases.eachSupportedId())('acknowledging alerts (%s)', id => {
  let knex: Knex;
  let now: Date;
  let app: express.Express;
  let tokens: Record<string, string>;
  let userIds: Record<string, string>;
  let wiring: Awaited<ReturnType<typeof healthTestWiring>>;
  const actions = new Map<string, any>();
  /** What the outbox got, and what the alert looked like inside the enqueueing transaction. */
  const enqueued: Array<{ notice: any; inTx: boolean; ackedInTx: boolean }> =
    [];
  let failNotices = false;

  const as = (who: string) => `Bearer ${tokens[who]}`;
  const acknowledge = (who: string | null, alertId: string, body = {}) => {
    const r = request(app).post(`/health/alerts/${alertId}/acknowledge`);
    if (who) r.set('authorization', as(who));
    return r.send(body);
  };
  const openAlert = async (
    type: 'service_down' | 'high_error_rate' | 'high_cpu_memory',
    service: string,
  ) => {
    const threshold = (await wiring.store.thresholds()).find(
      t => t.alert_type === type,
    )!;
    const alert = await wiring.store.alertTransaction(uow =>
      uow.open({
        measurement: {
          alert_type: type,
          service_id: service,
          subject: null,
          breached: true,
          value: 12,
          message: `${service} ${type}`,
        },
        threshold,
        since: now,
        silenceId: null,
        notified: true,
        now,
      }),
    );
    return alert!;
  };

  beforeAll(async () => {
    knex = await databases.init(id);
    now = new Date('2026-12-03T10:00:00Z');
    const test = await createTestPpGuard(knex, [
      {
        name: 'Ingrid Infra',
        kind: 'agent',
        roles: ['infrastructure_engineer'],
      },
      { name: 'Ada Admin', kind: 'agent', roles: ['admin'] },
      { name: 'viewer', kind: 'agent', roles: ['viewer'] },
      { name: 'helpdesk', kind: 'agent', roles: ['helpdesk_agent'] },
    ]);
    tokens = test.tokens;
    userIds = test.userIds;
    wiring = await healthTestWiring(knex, () => now, {
      notifier: {
        enqueue: async (tx: Knex.Transaction, notice: any) => {
          if (failNotices) throw new Error('outbox unavailable');
          const alertId = notice.reference.split(':')[1];
          const row = await tx('pp_health_alerts')
            .where({ id: alertId })
            .first();
          enqueued.push({
            notice,
            inTx: Boolean(tx.isTransaction),
            ackedInTx: Boolean(row?.acknowledged_at),
          });
        },
        flush: () => undefined,
      } as any,
    });
    app = healthTestApp(test.guard, wiring);
    registerHealthActions({
      actionsRegistry: { register: (a: any) => actions.set(a.name, a) } as any,
      guard: test.guard,
      api: wiring.api,
    });
    await wiring.store.syncServices(
      testCatalogServices(['payment-service', 'billing-service']),
      now,
    );
  });

  it('lets infrastructure engineers and admins acknowledge a firing alert, with the notice in the same transaction and an audit record; the alert stays firing', async () => {
    const down = await openAlert('service_down', 'payment-service');
    const errors = await openAlert('high_error_rate', 'billing-service');
    now = new Date(now.getTime() + 60_000);

    // denied before the body is read: viewers, other roles, nobody
    const denied = await acknowledge('viewer', down.id, { note: 'mine' });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({
      message: expect.stringMatching(
        /^To acknowledge alerts you need the role /,
      ),
      permission: 'pp.health.alerts.acknowledge',
    });
    expect((await acknowledge('helpdesk', down.id)).status).toBe(403);
    expect((await acknowledge(null, down.id)).status).toBe(401);

    const done = await acknowledge('Ingrid Infra', down.id, {
      note: '  Restarting the pods  ',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      id: down.id,
      status: 'firing',
      acknowledgement: {
        by: { id: userIds['Ingrid Infra'], name: 'Ingrid Infra' },
        at: now.toISOString(),
        note: 'Restarting the pods',
      },
    });
    expect(enqueued).toEqual([
      {
        notice: expect.objectContaining({
          topic: 'health.alert.acknowledged',
          title: 'Acknowledged by Ingrid Infra: service down — payment-service',
          link: '/pp/health/services/payment-service',
          to: { roles: ['infrastructure_engineer'] },
          email: false,
        }),
        inTx: true,
        ackedInTx: true,
      },
    ]);

    const byAdmin = await acknowledge('Ada Admin', errors.id);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.acknowledgement).toMatchObject({
      by: { name: 'Ada Admin' },
      note: null,
    });

    // still firing: counted open, listed with who acknowledged it
    const overview = await request(app)
      .get('/health/overview')
      .set('authorization', as('viewer'));
    expect(overview.body.open_alerts.total).toBe(2);
    const list = await request(app)
      .get('/health/alerts?status=firing&service_id=payment-service')
      .set('authorization', as('viewer'));
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: down.id,
        status: 'firing',
        acknowledgement: expect.objectContaining({
          note: 'Restarting the pods',
        }),
      }),
    ]);

    const audits = await knex('pp_audit_logs')
      .where('action', 'like', 'pp.health.alerts.acknowledge%')
      .orderBy('id');
    expect(audits.map(a => [a.action, a.resource, a.outcome])).toEqual([
      [
        'pp.health.alerts.acknowledge',
        `/health/alerts/${down.id}/acknowledge`,
        'denied',
      ],
      [
        'pp.health.alerts.acknowledge',
        `/health/alerts/${down.id}/acknowledge`,
        'denied',
      ],
      ['pp.health.alerts.acknowledge', `health-alert:${down.id}`, 'success'],
      ['pp.health.alerts.acknowledge', `health-alert:${errors.id}`, 'success'],
    ]);
    expect(audits[2].reason).toBe('Restarting the pods');
    expect(JSON.parse(audits[2].details)).toMatchObject({
      alert_type: 'service_down',
      service_id: 'payment-service',
      via: 'http',
    });
  });

  it('answers 404 for an unknown alert, 400 for a malformed one, 409 when resolved or acknowledged already', async () => {
    expect((await acknowledge('Ingrid Infra', '987654')).status).toBe(404);
    const bad = await acknowledge('Ingrid Infra', 'abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/alert id/);
    expect(
      (await acknowledge('Ingrid Infra', '1', { note: 'x'.repeat(1001) }))
        .status,
    ).toBe(400);

    const alert = await openAlert('service_down', 'billing-service');
    expect((await acknowledge('Ada Admin', alert.id)).status).toBe(200);
    const twice = await acknowledge('Ingrid Infra', alert.id);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^Ada Admin acknowledged the alert already/,
      ),
    });

    await wiring.store.alertTransaction(uow => uow.resolve(alert.id, now));
    const resolved = await acknowledge('Ingrid Infra', alert.id);
    expect(resolved.status).toBe(409);
    expect(resolved.body.error.message).toMatch(/was resolved/);
  });

  it('writes nothing when the notice cannot be written (one transaction)', async () => {
    const alert = await openAlert('high_error_rate', 'payment-service');
    failNotices = true;
    try {
      expect((await acknowledge('Ingrid Infra', alert.id)).status).toBe(500);
    } finally {
      failNotices = false;
    }
    const row = await knex('pp_health_alerts').where({ id: alert.id }).first();
    expect(row.acknowledged_at).toBeNull();
    expect((await acknowledge('Ingrid Infra', alert.id)).status).toBe(200);
  });

  it('is an MCP action under the same permission', async () => {
    const alert = await openAlert('high_cpu_memory', 'payment-service');
    const action = actions.get('pp-health-alerts-acknowledge');
    expect(action.attributes).toMatchObject({
      readOnly: false,
      destructive: false,
    });
    await expect(
      action.action({
        input: { alert_id: alert.id },
        credentials: mockCredentials.service(`pp-principal:${userIds.viewer}`),
      }),
    ).rejects.toThrow(/^To acknowledge alerts you need the role /);
    const done = await action.action({
      input: { alert_id: alert.id, note: 'On it' },
      credentials: mockCredentials.service(
        `pp-principal:${userIds['Ada Admin']}`,
      ),
    });
    expect(done.output.alert).toMatchObject({
      id: alert.id,
      status: 'firing',
      acknowledgement: { by: { name: 'Ada Admin' }, note: 'On it' },
    });
  });
});
