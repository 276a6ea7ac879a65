import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  ppSubscriptionActionResponseSchema,
  ppSubscriptionDetailSchema,
} from '@internal/plugin-pp-common';
import {
  DatabaseNotifier,
  PpGuard,
  PpIdentityService,
  migratePpNotifier,
  ppNotificationChannelsFromConfig,
} from '@internal/plugin-pp-node';
import {
  createTestPpGuard,
  ppTestDatabases,
} from '@internal/plugin-pp-node/testUtils';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import {
  CpCancelRequest,
  CpPortError,
  CustomerPortalPort,
} from '../cp/CustomerPortalPort';
import { DemoCustomerPortalPort } from '../cp/DemoCustomerPortalPort';
import { DatabaseCustomerPortalStore } from '../database/DatabaseCustomerPortalStore';
import { DatabaseSubscriptionStore } from '../database/DatabaseSubscriptionStore';
import { seedDemoCustomerPortal } from '../seed/demoCustomerPortal';
import { createRouter } from './router';
import { runScoreJob } from './ScoreJob';
import { SubscriptionCommands } from './SubscriptionCommands';
import { SubscriptionQueries } from './SubscriptionQueries';
import type { RunExports } from './RunExports';
import { subscriptionSettingsFromConfig } from './config';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { subscriptionApi } from './subscriptionApi';

jest.setTimeout(120_000);
const databases = ppTestDatabases();
const settings = {
  ...subscriptionSettingsFromConfig(new ConfigReader({})),
  forceCancelMaxAttempts: 3,
};

/**
 * The demo CP port behind a switch: `down` makes every call a retryable failure (CP unreachable),
 * `refuse` a permanent one (CP answered 400); every call is recorded.
 */
class SwitchablePort implements CustomerPortalPort {
  mode: 'up' | 'down' | 'refuse' = 'up';
  calls: CpCancelRequest[] = [];
  /** Holds calls until released (two runners racing for one action). */
  gate?: Promise<void>;
  constructor(private readonly demo: CustomerPortalPort) {}
  async cancelSubscription(req: CpCancelRequest) {
    this.calls.push(req);
    await this.gate;
    if (this.mode === 'down') {
      throw new CpPortError(
        'The Customer Portal could not be reached (ECONNREFUSED).',
        { retryable: true },
      );
    }
    if (this.mode === 'refuse') {
      throw new CpPortError(
        'The Customer Portal answered 400 Bad Request: plan is locked by billing.',
        { retryable: false, status: 400 },
      );
    }
    return this.demo.cancelSubscription(req);
  }
}

const errorHandler = () =>
  MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  }).error();

describe.each(databases.eachSupportedId())('force-cancel (%s)', id => {
  let knex: Knex;
  let cpDb: Knex;
  let now: Date;
  let app: express.Express;
  let guard: PpGuard;
  let identity: PpIdentityService;
  let port: SwitchablePort;
  let commands: SubscriptionCommands;
  let store: DatabaseSubscriptionStore;
  let cp: DatabaseCustomerPortalStore;
  let queries: SubscriptionQueries;
  let notifier: DatabaseNotifier;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    now = new Date('2026-12-02T12:00:00Z');
    knex = await databases.init(id);
    cpDb = await databases.init(id);
    await seedDemoCustomerPortal(cpDb, now);
    cp = new DatabaseCustomerPortalStore(cpDb);
    store = await DatabaseSubscriptionStore.create({
      database: { getClient: async () => knex },
    });
    await runScoreJob({ cp, store, settings, now });
    await migratePpNotifier(knex);
    const test = await createTestPpGuard(knex, [
      { name: 'Ada Admin', kind: 'user', roles: ['admin'] },
      { name: 'Sam Manager', kind: 'user', roles: ['subscription_manager'] },
      { name: 'Vik Viewer', kind: 'user', roles: ['viewer'] },
    ]);
    Object.assign(tokens, test.tokens);
    guard = test.guard;
    identity = test.identity;
    notifier = new DatabaseNotifier({
      db: knex,
      users: identity.users,
      channels: ppNotificationChannelsFromConfig(new ConfigReader({})),
      logger: mockServices.logger.mock(),
      notifications: { send: jest.fn().mockResolvedValue(undefined) } as any,
      now: () => now,
    });
    port = new SwitchablePort(new DemoCustomerPortalPort(cpDb, () => now));
    commands = new SubscriptionCommands({
      cp,
      store,
      port,
      notifier,
      maxAttempts: settings.forceCancelMaxAttempts,
      claimMs: 70_000,
      logger: mockServices.logger.mock(),
      audit: entry => identity.record(entry),
      now: () => now,
    });
    queries = new SubscriptionQueries(
      cp,
      store,
      settings,
      await DatabaseIncidentStore.create({
        database: { getClient: async () => knex },
      }),
      () => now,
    );
    const routes = await createRouter({
      // exports are not what these tests call
      api: subscriptionApi(queries, commands, {} as RunExports),
      guard,
    });
    app = express().use(routes.router).use(errorHandler());
  });

  afterEach(() => {
    port.mode = 'up';
  });

  let keys = 0;
  const newKey = () => `test-key-${String(++keys).padStart(6, '0')}`;
  const cancel = (
    sub: string,
    body: object,
    opts: { who?: string; key?: string | null } = {},
  ) => {
    const req = request(app).post(`/subscriptions/${sub}/force-cancel`);
    const who = opts.who === undefined ? 'Ada Admin' : opts.who;
    if (who) req.set('authorization', `Bearer ${tokens[who]}`);
    if (opts.key !== null) req.set('Idempotency-Key', opts.key ?? newKey());
    return req.send(body);
  };
  const detail = async (sub: string) => {
    const res = await request(app)
      .get(`/subscriptions/${sub}`)
      .set('authorization', `Bearer ${tokens['Vik Viewer']}`);
    expect(res.status).toBe(200);
    return ppSubscriptionDetailSchema.parse(res.body);
  };
  /** The outbox messages about a subscription, oldest first. */
  const messages = async (sub: string) =>
    (
      await knex('pp_notification_messages')
        .where({ reference: `subscription:${sub}` })
        .orderBy('id')
    ).map(r => ({ topic: String(r.topic), ...JSON.parse(r.payload) }));
  const audits = async (action: string) =>
    (await knex('pp_audit_logs').where({ action }).orderBy('id')).map(r => ({
      ...r,
      details:
        typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
    }));
  const valid = { reason: 'Fraudulent use confirmed', refund: 'prorated' };

  it('is for admins only: 401 without a token, 403 for a subscription manager or a viewer', async () => {
    expect((await cancel('demo-sub-001', valid, { who: '' })).status).toBe(401);
    for (const who of ['Sam Manager', 'Vik Viewer']) {
      const res = await cancel('demo-sub-001', valid, { who });
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
    expect(port.calls).toHaveLength(0);
  });

  it('answers 400 for a missing or malformed Idempotency-Key and a missing or short reason', async () => {
    const missing = await cancel('demo-sub-001', valid, { key: null });
    expect(missing.status).toBe(400);
    expect(missing.body.error.name).toBe('InputError');
    expect(missing.body.error.message).toContain('Idempotency-Key');
    for (const key of ['short', 'x'.repeat(201), 'has space in it']) {
      const res = await cancel('demo-sub-001', valid, { key });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/idempotency_key|Idempotency/);
    }
    for (const body of [
      { refund: 'none' },
      { reason: 'no', refund: 'none' },
      { reason: '    ok    ', refund: 'none' },
      { reason: 'A good reason', refund: 'some' },
      { reason: 'A good reason' },
    ]) {
      const res = await cancel('demo-sub-001', body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    }
    expect(port.calls).toHaveLength(0);
  });

  it('answers 404 for an unknown subscription', async () => {
    const res = await cancel('demo-sub-999', valid);
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('cancels in CP with a prorated refund, tells the managers, shows it at once; a replay is the same action', async () => {
    const key = newKey();
    const res = await cancel('demo-sub-001', valid, { key });
    expect(res.status).toBe(200);
    const { action } = ppSubscriptionActionResponseSchema.parse(res.body);
    // pro plan (399 a month), started 90 days ago: 1 day of the 30-day period used
    expect(action).toMatchObject({
      subscription_id: 'demo-sub-001',
      kind: 'force_cancel',
      status: 'completed',
      reason: 'Fraudulent use confirmed',
      refund: 'prorated',
      refund_amount: 13.3,
      attempts: 1,
      last_error: null,
      next_attempt_at: null,
      requested_by_name: 'Ada Admin',
    });
    expect(action.completed_at).toBe(now.toISOString());
    expect(port.calls).toHaveLength(1);
    // CP is called with the action id as its idempotency key
    expect(port.calls[0]).toEqual({
      subscriptionId: 'demo-sub-001',
      refund: 'prorated',
      reason: 'Fraudulent use confirmed',
      idempotencyKey: action.id,
    });
    expect(
      await cpDb('subscriptions').where({ id: 'demo-sub-001' }).first('status'),
    ).toEqual({ status: 'canceled' });

    const shown = await detail('demo-sub-001');
    expect(shown.status).toBe('canceled');
    expect(shown.actions).toEqual([action]);
    const listed = await queries.list({ status: ['canceled'] });
    expect(listed.items.map(i => i.id)).toContain('demo-sub-001');

    const told = await messages('demo-sub-001');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      topic: 'subscriptions.force-cancel.completed',
      description:
        'Subscription of Demo Bakery Ltd (Marketing Content Strategist) was canceled by Ada Admin: Fraudulent use confirmed; prorated refund of 13.30.',
      to: { roles: ['subscription_manager'] },
    });

    // the denials of the first test are audited too
    const audit = (await audits('pp.subscriptions.force-cancel')).filter(
      a => a.outcome !== 'denied',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      resource: 'subscription:demo-sub-001',
      reason: 'Fraudulent use confirmed',
      outcome: 'success',
    });
    expect(audit[0].details).toMatchObject({
      refund: 'prorated',
      refund_amount: 13.3,
      status: 'completed',
    });

    // the same key and body: the same action, CP not called again
    const replay = await cancel('demo-sub-001', valid, { key });
    expect(replay.status).toBe(200);
    expect(replay.body.action).toEqual(action);
    expect(port.calls).toHaveLength(1);

    // the same key with another body: 409
    const reused = await cancel(
      'demo-sub-001',
      { ...valid, refund: 'full' },
      { key },
    );
    expect(reused.status).toBe(409);
    expect(reused.body.error.name).toBe('ConflictError');
    expect(reused.body.error.message).toContain('Idempotency-Key');
    expect(port.calls).toHaveLength(1);

    // another key: the subscription is canceled already
    const again = await cancel('demo-sub-001', valid);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(
      /Demo Bakery Ltd .*already canceled/,
    );
    expect(port.calls).toHaveLength(1);
  });

  it('answers 409 for a subscription canceled or churned in CP', async () => {
    const canceled = await cancel('demo-sub-009', valid);
    expect(canceled.status).toBe(409);
    expect(canceled.body.error.message).toMatch(
      /Demo Travel Agency .*is already canceled/,
    );
    const churned = await cancel('demo-sub-005', valid);
    expect(churned.status).toBe(409);
    expect(churned.body.error.message).toMatch(
      /Demo Dental Clinic .*is already churned/,
    );
    expect(port.calls).toHaveLength(1);
  });

  it('CP down: 202 pending, visible in the detail, one pending at a time; the retry job completes it with the same key', async () => {
    const calls = port.calls.length;
    port.mode = 'down';
    const key = newKey();
    const body = { reason: 'Customer asked by phone', refund: 'full' };
    const res = await cancel('demo-sub-002', body, { key });
    expect(res.status).toBe(202);
    const { action } = ppSubscriptionActionResponseSchema.parse(res.body);
    expect(action).toMatchObject({
      status: 'pending',
      attempts: 1,
      refund_amount: null,
      last_error: 'The Customer Portal could not be reached (ECONNREFUSED).',
      next_attempt_at: new Date(now.getTime() + 60_000).toISOString(),
      completed_at: null,
    });
    expect((await detail('demo-sub-002')).actions).toEqual([action]);
    expect(
      await cpDb('subscriptions').where({ id: 'demo-sub-002' }).first('status'),
    ).toEqual({ status: 'active' });
    expect(await messages('demo-sub-002')).toHaveLength(0);

    // a replay while pending: 202, the same action, no call
    const replay = await cancel('demo-sub-002', body, { key });
    expect(replay.status).toBe(202);
    expect(replay.body.action.id).toBe(action.id);
    // another request for it meanwhile: 409 naming the pending one
    const other = await cancel('demo-sub-002', valid);
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(
      /force-cancel of Demo Coaching Centre .*requested by Ada Admin .*still pending/,
    );
    expect(port.calls.length).toBe(calls + 1);

    // not due yet: nothing is retried
    port.mode = 'up';
    expect(await commands.retryDue()).toEqual({
      completed: 0,
      retrying: 0,
      failed: 0,
    });
    now = new Date(now.getTime() + 61_000);
    expect(await commands.retryDue()).toEqual({
      completed: 1,
      retrying: 0,
      failed: 0,
    });
    expect(port.calls.length).toBe(calls + 2);
    expect(port.calls[port.calls.length - 1].idempotencyKey).toBe(action.id);
    const [done] = (await detail('demo-sub-002')).actions;
    expect(done).toMatchObject({
      id: action.id,
      status: 'completed',
      attempts: 2,
      refund_amount: 149, // standard plan, full refund
      last_error: null,
      next_attempt_at: null,
    });
    expect((await detail('demo-sub-002')).status).toBe('canceled');
    const told = await messages('demo-sub-002');
    expect(told).toHaveLength(1);
    expect(told[0].description).toContain(
      'was canceled by Ada Admin: Customer asked by phone; full refund of 149.00.',
    );
    const audit = await audits('pp.subscriptions.force-cancel.retry');
    expect(audit[audit.length - 1]).toMatchObject({
      resource: 'subscription:demo-sub-002',
      outcome: 'success',
    });
  });

  it('a permanent CP failure fails the action and tells the admins; a new request may follow', async () => {
    port.mode = 'refuse';
    const res = await cancel('demo-sub-003', {
      reason: 'Abuse of the service',
      refund: 'none',
    });
    expect(res.status).toBe(200);
    expect(res.body.action).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error:
        'The Customer Portal answered 400 Bad Request: plan is locked by billing.',
      next_attempt_at: null,
    });
    const told = await messages('demo-sub-003');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      topic: 'subscriptions.force-cancel.failed',
      to: { roles: ['admin'] },
    });
    expect(told[0].description).toContain('plan is locked by billing');
    expect(told[0].description).toContain('Demo Realty Group');
    expect((await audits('pp.subscriptions.force-cancel')).pop()).toMatchObject(
      { outcome: 'failure' },
    );
    // the failed one does not block a new request
    port.mode = 'up';
    now = new Date(now.getTime() + 1000);
    const retry = await cancel('demo-sub-003', {
      reason: 'Abuse of the service',
      refund: 'none',
    });
    expect(retry.status).toBe(200);
    expect(retry.body.action).toMatchObject({
      status: 'completed',
      refund_amount: null,
    });
    expect((await detail('demo-sub-003')).actions.map(a => a.status)).toEqual([
      'completed',
      'failed',
    ]);
  });

  it('gives up after the configured attempts, with backoff between them', async () => {
    port.mode = 'down';
    const res = await cancel('demo-sub-004', valid);
    expect(res.status).toBe(202);
    const actionId = res.body.action.id;
    now = new Date(now.getTime() + 60_000);
    expect((await commands.retryDue()).retrying).toBe(1);
    const second = (await store.getAction(actionId))!;
    expect(second.attempts).toBe(2);
    // 1 minute after the first attempt, 2 after the second
    expect(second.next_attempt_at!.getTime()).toBe(now.getTime() + 120_000);
    now = new Date(now.getTime() + 120_000);
    expect(await commands.retryDue()).toMatchObject({ failed: 1 });
    const last = (await store.getAction(actionId))!;
    expect(last).toMatchObject({ status: 'failed', attempts: 3 });
    expect(last.last_error).toMatch(/Gave up after 3 attempts\.$/);
    const told = await messages('demo-sub-004');
    expect(told).toHaveLength(1);
    expect(told[0].topic).toBe('subscriptions.force-cancel.failed');
  });

  it('two runners never call CP twice for one action', async () => {
    port.mode = 'down';
    const res = await cancel('demo-sub-010', valid);
    expect(res.status).toBe(202);
    port.mode = 'up';
    const before = port.calls.length;
    let release!: () => void;
    port.gate = new Promise<void>(r => {
      release = r;
    });
    now = new Date(now.getTime() + 60_000);
    const runs = Promise.all([commands.retryDue(), commands.retryDue()]);
    await new Promise(r => setTimeout(r, 200));
    release();
    const [a, b] = await runs;
    port.gate = undefined;
    expect(a.completed + b.completed).toBe(1);
    expect(port.calls.length).toBe(before + 1);
    expect(await messages('demo-sub-010')).toHaveLength(1);
  });

  it('answers 503 with a sentence when the CP API is not configured', async () => {
    const unconfigured = new SubscriptionCommands({
      cp,
      store,
      port: undefined,
      notifier,
      maxAttempts: 3,
      claimMs: 70_000,
      now: () => now,
    });
    const routes = await createRouter({
      api: subscriptionApi(queries, unconfigured, {} as RunExports),
      guard,
    });
    const res = await request(express().use(routes.router).use(errorHandler()))
      .post('/subscriptions/demo-sub-006/force-cancel')
      .set('authorization', `Bearer ${tokens['Ada Admin']}`)
      .set('Idempotency-Key', newKey())
      .send(valid);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe(
      'The Customer Portal API is not configured, so PP cannot cancel subscriptions; ask an administrator to connect it.',
    );
  });
});
