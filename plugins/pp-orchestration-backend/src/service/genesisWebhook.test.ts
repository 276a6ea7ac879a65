import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ppAgentCreationSchema } from '@internal/plugin-pp-common';
import {
  DatabaseNotifier,
  PpWebhookDeliveries,
  migratePpNotifier,
  migratePpSignedWebhooks,
  ppNotificationChannelsFromConfig,
  ppSignature,
  ppSignedHeaders,
} from '@internal/plugin-pp-node';
import {
  createTestPpGuard,
  ppTestDatabases,
  startTestGenesisReceiver,
  type PpTestGenesisReceiver,
} from '@internal/plugin-pp-node/testUtils';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseCreationStore } from '../database/DatabaseCreationStore';
import { GenesisRequestStore } from '../database/GenesisRequestStore';
import { CreationCommands } from './CreationCommands';
import { CreationQueries } from './CreationQueries';
import { GenesisDispatcher } from './GenesisDispatcher';
import { orchestrationApi } from './orchestrationApi';
import { createRouter } from './router';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const OUTGOING_SECRET = 'pp-to-genesis-secret-0123456789';
const WEBHOOK_SECRET = 'genesis-to-pp-secret-0123456789';

const sovereign = {
  agent_name: 'Lead Hunter',
  industry: 'sales',
  specialty: 'lead-prospecting',
};

describe.each(databases.eachSupportedId())('the Genesis webhook (%s)', id => {
  let knex: Knex;
  let now: Date;
  let app: express.Express;
  let genesis: PpTestGenesisReceiver;
  let dispatcher: GenesisDispatcher;
  let requests: GenesisRequestStore;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    now = new Date();
    genesis = await startTestGenesisReceiver();
    knex = await databases.init(id);
    await migratePpNotifier(knex);
    await migratePpSignedWebhooks(knex);
    const test = await createTestPpGuard(knex, [
      { name: 'Olu Orchestrator', kind: 'user', roles: ['agent_orchestrator'] },
    ]);
    Object.assign(tokens, test.tokens);
    const notifier = new DatabaseNotifier({
      db: knex,
      users: test.identity.users,
      channels: ppNotificationChannelsFromConfig(
        mockServices.rootConfig({ data: {} }),
      ),
      logger: mockServices.logger.mock(),
      notifications: { send: jest.fn().mockResolvedValue(undefined) } as any,
      now: () => now,
    });
    const store = await DatabaseCreationStore.create({
      database: { getClient: async () => knex },
    });
    requests = new GenesisRequestStore(knex);
    dispatcher = new GenesisDispatcher({
      config: {
        url: genesis.url,
        secret: OUTGOING_SECRET,
        timeoutMs: 2000,
      },
      requests,
      creations: store,
      now: () => now,
    });
    const commands = new CreationCommands({
      store,
      notifier,
      audit: entry => test.identity.record(entry),
      now: () => now,
      externalGenesis: { requests, dispatcher },
    });
    const api = orchestrationApi(
      new CreationQueries(store, () => now),
      commands,
      () => now,
    );
    const routes = await createRouter({
      api,
      guard: test.guard,
      genesisWebhook: {
        commands,
        deliveries: new PpWebhookDeliveries(knex),
        secret: WEBHOOK_SECRET,
        audit: entry => test.identity.record(entry),
        now: () => now,
      },
    });
    app = express()
      .use(routes.router)
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: mockServices.logger.mock(),
        }).error(),
      );
  });

  afterAll(async () => {
    await genesis?.close();
  });

  const create = async () => {
    const res = await request(app)
      .post('/agents/create')
      .set('authorization', `Bearer ${tokens['Olu Orchestrator']}`)
      .send(sovereign);
    expect(res.status).toBe(201);
    await dispatcher.flush();
    return ppAgentCreationSchema.parse(res.body);
  };
  const verdict = (body: object, headers?: Record<string, string>) => {
    const raw = JSON.stringify(body);
    return request(app)
      .post('/webhooks/genesis')
      .set('content-type', 'application/json')
      .set(headers ?? ppSignedHeaders(WEBHOOK_SECRET, raw, { now }))
      .send(raw);
  };
  const status = async (agentId: string) =>
    (
      await request(app)
        .get(`/agents/${agentId}/creation-status`)
        .set('authorization', `Bearer ${tokens['Olu Orchestrator']}`)
    ).body;

  it('create with an external Genesis: waits in genesis_validating, the request posted signed', async () => {
    const c = await create();
    expect(c.status).toBe('genesis_validating');
    expect(c.genesis).toBeNull();
    const sent = genesis.received.pop()!;
    const body = JSON.parse(sent.body);
    expect(body).toMatchObject({
      creation_id: c.creation_id,
      agent_id: c.agent_id,
      industry: 'sales',
      callback: '/pp/v1/webhooks/genesis',
    });
    const ts = String(sent.headers['x-pp-timestamp']);
    expect(sent.headers['x-pp-signature']).toBe(
      ppSignature(OUTGOING_SECRET, ts, sent.body),
    );
    expect(await requests.get(c.creation_id)).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
  });

  it('keeps the request while Genesis is down and sends it later', async () => {
    genesis.state.status = 503;
    const c = await create();
    expect(await requests.get(c.creation_id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringMatching(/503/),
    });
    genesis.state.status = 202;
    // not yet due: nothing sent
    expect(await dispatcher.sendDue()).toEqual({ sent: 0, failed: 0 });
    now = new Date(now.getTime() + 31_000);
    expect(await dispatcher.sendDue()).toEqual({ sent: 1, failed: 0 });
    expect(await requests.get(c.creation_id)).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('approves: 200, moved by the system actor genesis, audited, the requester notified', async () => {
    const c = await create();
    const res = await verdict({
      creation_id: c.creation_id,
      verdict: 'approved',
    });
    expect(res.status).toBe(200);
    const after = ppAgentCreationSchema.parse(res.body);
    expect(after).toMatchObject({
      status: 'genesis_approved',
      genesis: { verdict: 'approved', validator: 'genesis-agent' },
    });
    expect(after.history.at(-1)).toMatchObject({
      from: 'genesis_validating',
      to: 'genesis_approved',
      actor: { kind: 'system', id: 'genesis' },
    });
    const audit = await knex('pp_audit_logs')
      .where({ action: 'pp.agents.genesis.verdict' })
      .orderBy('id', 'desc')
      .first();
    expect(audit).toMatchObject({
      principal: 'plugin:pp-orchestration/genesis',
      resource: `agent:${c.agent_id}`,
      outcome: 'success',
    });
    const notices = await knex('pp_notification_messages').where({
      reference: `agent-creation:${c.creation_id}`,
    });
    expect(notices.map(n => n.topic)).toEqual([
      'orchestration.creation.genesis-approved',
    ]);
  });

  it('rejects by agent id; a rejected creation cannot be approved (409), nothing changes', async () => {
    const c = await create();
    const res = await verdict({
      agent_id: c.agent_id,
      verdict: 'rejected',
      reasons: ['Customer sovereignty: it serves WAOOAW.'],
      rules: [
        {
          rule: 'customer_sovereignty',
          passed: false,
          reason: 'it serves WAOOAW',
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('genesis_rejected');
    const before = await status(c.agent_id);
    const again = await verdict({ agent_id: c.agent_id, verdict: 'approved' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(/final/),
    });
    expect(await status(c.agent_id)).toEqual(before);
  });

  it('a rejection needs a reason (400); an unknown creation is a 404; a decided one a 409', async () => {
    const c = await create();
    const noReason = await verdict({
      creation_id: c.creation_id,
      verdict: 'rejected',
    });
    expect(noReason.status).toBe(400);
    const both = await verdict({
      creation_id: c.creation_id,
      agent_id: c.agent_id,
      verdict: 'approved',
    });
    expect(both.status).toBe(400);
    const unknown = await verdict({
      creation_id: 'no-such-creation',
      verdict: 'approved',
    });
    expect(unknown.status).toBe(404);
    expect(
      (await verdict({ creation_id: c.creation_id, verdict: 'approved' }))
        .status,
    ).toBe(200);
    // signed anew a second later: not a replay, but the creation is decided
    now = new Date(now.getTime() + 1000);
    const twice = await verdict({
      creation_id: c.creation_id,
      verdict: 'approved',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/start_generation/);
  });

  it('401 for a bad signature, a stale timestamp, a replay, or a bearer token alone; nothing moves', async () => {
    const c = await create();
    const body = { creation_id: c.creation_id, verdict: 'approved' };
    const raw = JSON.stringify(body);
    const good = ppSignedHeaders(WEBHOOK_SECRET, raw, { now });
    const attempts: Array<Record<string, string>> = [
      ppSignedHeaders('not-the-secret', raw, { now }),
      ppSignedHeaders(WEBHOOK_SECRET, raw, {
        now: new Date(now.getTime() - 6 * 60_000),
      }),
      { authorization: `Bearer ${tokens['Olu Orchestrator']}` },
    ];
    for (const headers of attempts) {
      const res = await verdict(body, headers);
      expect(res.status).toBe(401);
      expect(res.body.error.name).toBe('AuthenticationError');
    }
    expect((await status(c.agent_id)).status).toBe('genesis_validating');
    expect((await verdict(body, good)).status).toBe(200);
    const replay = await verdict(body, good);
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/replay/);
    const denied = await knex('pp_audit_logs').where({
      action: 'pp.webhooks.genesis',
      outcome: 'denied',
    });
    expect(denied.length).toBeGreaterThanOrEqual(4);
  });
});
