import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ppAgentCreationSchema } from '@internal/plugin-pp-common';
import {
  DatabaseNotifier,
  PpIdentityService,
  PpWebhookDeliveries,
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
import { CREATION_EVENT_TYPES, CreationEventType } from '../domain/creation';
import { DatabaseCreationStore } from '../database/DatabaseCreationStore';
import { registerOrchestrationActions } from '../actions';
import { CreationCommands } from './CreationCommands';
import { CreationQueries } from './CreationQueries';
import { orchestrationApi } from './orchestrationApi';
import { createRouter } from './router';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const errorHandler = () =>
  MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  }).error();

/** Genesis approves: a sovereign sales agent with its specialty's baseline. */
const sovereign = {
  agent_name: 'Lead Hunter',
  industry: 'sales',
  specialty: 'lead-prospecting',
};
/** Genesis rejects: it serves WAOOAW and shares the customer's data. */
const unsovereign = {
  ...sovereign,
  agent_name: 'Data Broker',
  serves: 'waooaw',
  shares_customer_data_with: ['waooaw'],
};

describe.each(databases.eachSupportedId())('agent creations (%s)', id => {
  let knex: Knex;
  let now: Date;
  let app: express.Express;
  let identity: PpIdentityService;
  let commands: CreationCommands;
  let userIds: Record<string, string>;
  const tokens: Record<string, string> = {};
  const actions = new Map<string, any>();

  beforeAll(async () => {
    now = new Date('2026-12-20T10:00:00Z');
    knex = await databases.init(id);
    await migratePpNotifier(knex);
    const test = await createTestPpGuard(knex, [
      { name: 'Ada Admin', kind: 'user', roles: ['admin'] },
      { name: 'Olu Orchestrator', kind: 'user', roles: ['agent_orchestrator'] },
      { name: 'Vik Viewer', kind: 'user', roles: ['viewer'] },
      { name: 'Sam Manager', kind: 'user', roles: ['subscription_manager'] },
      { name: 'Ian Infra', kind: 'user', roles: ['infrastructure_engineer'] },
    ]);
    Object.assign(tokens, test.tokens);
    userIds = test.userIds;
    identity = test.identity;
    const notifier = new DatabaseNotifier({
      db: knex,
      users: identity.users,
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
    commands = new CreationCommands({
      store,
      notifier,
      logger: mockServices.logger.mock(),
      audit: entry => identity.record(entry),
      now: () => now,
    });
    const queries = new CreationQueries(store, () => now);
    const api = orchestrationApi(queries, commands, () => now);
    const routes = await createRouter({
      api,
      guard: test.guard,
      genesisWebhook: {
        commands,
        deliveries: new PpWebhookDeliveries(knex),
        // the built-in validator decides: no external Genesis, no webhook secret
        secret: undefined,
      },
    });
    registerOrchestrationActions({
      actionsRegistry: { register: (a: any) => actions.set(a.name, a) } as any,
      guard: test.guard,
      api,
    });
    app = express().use(routes.router).use(errorHandler());
  });

  const create = (body: object, who: string | null = 'Olu Orchestrator') => {
    const req = request(app).post('/agents/create');
    if (who) req.set('authorization', `Bearer ${tokens[who]}`);
    return req.send(body);
  };
  const status = (agentId: string, who: string | null = 'Vik Viewer') => {
    const req = request(app).get(
      `/agents/${encodeURIComponent(agentId)}/creation-status`,
    );
    if (who) req.set('authorization', `Bearer ${tokens[who]}`);
    return req;
  };
  const audits = async (action: string) =>
    (await knex('pp_audit_logs').where({ action }).orderBy('id')).map(r => ({
      ...r,
      details:
        typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
    }));
  const messages = async (creationId: string) =>
    (
      await knex('pp_notification_messages')
        .where({ reference: `agent-creation:${creationId}` })
        .orderBy('id')
    ).map(r => ({ topic: String(r.topic), ...JSON.parse(r.payload) }));

  it('create: 401 without a token, 403 for viewers and other roles, nothing written', async () => {
    expect((await create(sovereign, null)).status).toBe(401);
    for (const who of ['Vik Viewer', 'Sam Manager', 'Ian Infra']) {
      const res = await create(sovereign, who);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
    expect(await knex('pp_agent_creations')).toHaveLength(0);
  });

  it('create: 400 with the error envelope for an invalid body, nothing written', async () => {
    for (const body of [
      {},
      { ...sovereign, industry: 'mining' },
      { ...sovereign, agent_name: 'x' },
      { ...sovereign, specialty: 'Not A Key' },
    ]) {
      const res = await create(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: expect.any(String),
      });
    }
    const res = await request(app)
      .post('/agents/create')
      .set('authorization', `Bearer ${tokens['Olu Orchestrator']}`)
      .set('content-type', 'application/json')
      .send('{not json');
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBeDefined();
    expect(await knex('pp_agent_creations')).toHaveLength(0);
  });

  it('create: Genesis approves a sovereign request (agent orchestrator and admin), audited, the requester notified', async () => {
    for (const who of ['Olu Orchestrator', 'Ada Admin']) {
      const res = await create(sovereign, who);
      expect(res.status).toBe(201);
      const c = ppAgentCreationSchema.parse(res.body);
      expect(c).toMatchObject({
        agent_name: 'Lead Hunter',
        industry: 'sales',
        specialty: 'lead-prospecting',
        status: 'genesis_approved',
        genesis_status: 'approved',
        genesis: { verdict: 'approved', reasons: [], validator: 'built-in' },
        completed_at: null,
      });
      expect(c.agent_id).toMatch(/^lead-hunter-[0-9a-f]{6}$/);
      expect(c.history.map(e => [e.from, e.to, e.event])).toEqual([
        [null, 'requested', 'request'],
        ['requested', 'genesis_validating', 'start_genesis'],
        ['genesis_validating', 'genesis_approved', 'approve_genesis'],
      ]);
      expect(c.allowed_moves).toEqual([
        { event: 'start_generation', to: 'generating' },
      ]);
      expect(c.steps).toEqual([
        expect.objectContaining({ step: 'genesis', overdue: false }),
      ]);
      const audit = (await audits('pp.agents.create')).pop()!;
      expect(audit).toMatchObject({
        outcome: 'success',
        resource: `agent:${c.agent_id}`,
      });
      expect(audit.details).toMatchObject({
        creation_id: c.creation_id,
        status: 'genesis_approved',
        genesis: 'approved',
        via: 'http',
      });
      expect(
        (await audits('pp.agents.genesis.verdict')).pop()!.details,
      ).toMatchObject({ creation_id: c.creation_id, verdict: 'approved' });
      const notices = await messages(c.creation_id);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        topic: 'orchestration.creation.genesis-approved',
        to: { userIds: [userIds[who]] },
      });
    }
  });

  it('create: Genesis rejects with a reason per failed rule; final for every later move', async () => {
    const res = await create(unsovereign);
    expect(res.status).toBe(201);
    const c = ppAgentCreationSchema.parse(res.body);
    expect(c).toMatchObject({
      status: 'genesis_rejected',
      genesis_status: 'rejected',
      allowed_moves: [],
      completed_at: now.toISOString(),
    });
    expect(c.genesis!.verdict).toBe('rejected');
    expect(c.genesis!.reasons.join(' ')).toMatch(/Customer sovereignty/);
    expect(c.history.pop()).toMatchObject({
      to: 'genesis_rejected',
      event: 'reject_genesis',
      actor: { kind: 'system', id: 'genesis' },
      reason: expect.stringMatching(/Customer sovereignty/),
    });
    expect(await messages(c.creation_id)).toEqual([
      expect.objectContaining({
        topic: 'orchestration.creation.genesis-rejected',
        severity: 'high',
        to: { userIds: [userIds['Olu Orchestrator']] },
      }),
    ]);
    expect((await audits('pp.agents.create')).pop()).toMatchObject({
      outcome: 'success',
      resource: `agent:${c.agent_id}`,
    });

    // no command moves it on: every event of the state machine is a 409, nothing changes
    const before = await knex('pp_agent_creations')
      .where({ id: c.creation_id })
      .first();
    const steps = await knex('pp_agent_creation_steps').where({
      creation_id: c.creation_id,
    });
    for (const type of CREATION_EVENT_TYPES) {
      await expect(
        commands.move(c.agent_id, {
          type: type as CreationEventType,
          actor: { kind: 'user', id: 'user:pp/admin' },
          reason: 'Admin override attempt',
          checklist: { submittable: true, complete: true, problems: [] },
        }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(/a Genesis rejection is final/),
      });
    }
    expect(
      await knex('pp_agent_creations').where({ id: c.creation_id }).first(),
    ).toEqual(before);
    expect(
      await knex('pp_agent_creation_steps').where({
        creation_id: c.creation_id,
      }),
    ).toHaveLength(steps.length);

    const read = await status(c.agent_id);
    expect(read.status).toBe(200);
    expect(ppAgentCreationSchema.parse(read.body).status).toBe(
      'genesis_rejected',
    );
  });

  it('an approved creation moves on; a stale version is a 409', async () => {
    const c = ppAgentCreationSchema.parse((await create(sovereign)).body);
    const actor = { kind: 'system' as const, id: 'scaffolder' };
    await expect(
      commands.move(c.agent_id, { type: 'start_generation', actor }, 1),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    const moved = await commands.move(
      c.agent_id,
      { type: 'start_generation', actor },
      2,
    );
    expect(moved).toMatchObject({ status: 'generating', version: 3 });

    // two moves on the same version at once: exactly one applies
    const results = await Promise.allSettled([
      commands.move(c.agent_id, { type: 'start_ci', actor }, 3),
      commands.move(
        c.agent_id,
        { type: 'fail_generation', actor, reason: 'template broke' },
        3,
      ),
    ]);
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.filter(r => r.status === 'rejected').map(r => r.reason.name),
    ).toEqual(['ConflictError']);
    const after = await knex('pp_agent_creation_steps').where({
      creation_id: c.creation_id,
    });
    expect(after).toHaveLength(5); // request, genesis ×2, generation, one of the two
  });

  it('creation status: agent orchestrators, admins and viewers read it with step timings and overdue flags; others 403, unknown 404', async () => {
    const c = ppAgentCreationSchema.parse((await create(sovereign)).body);
    await commands.move(c.agent_id, {
      type: 'start_generation',
      actor: { kind: 'system', id: 'scaffolder' },
    });
    const start = now;
    try {
      now = new Date(start.getTime() + 20 * 60_000); // generation budget: 15 min
      for (const who of ['Vik Viewer', 'Olu Orchestrator', 'Ada Admin']) {
        const res = await status(c.agent_id, who);
        expect(res.status).toBe(200);
        const read = ppAgentCreationSchema.parse(res.body);
        expect(read.status).toBe('generating');
        expect(read.overdue).toBe(true);
        expect(read.steps).toEqual([
          expect.objectContaining({ step: 'genesis', overdue: false }),
          expect.objectContaining({
            step: 'generation',
            ended_at: null,
            elapsed_ms: 20 * 60_000,
            budget_ms: 15 * 60_000,
            overdue: true,
          }),
        ]);
      }
    } finally {
      now = start;
    }
    expect((await status(c.agent_id, null)).status).toBe(401);
    for (const who of ['Sam Manager', 'Ian Infra']) {
      const res = await status(c.agent_id, who);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
    const missing = await status('no-such-agent');
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');
    const bad = await status('Not An Id');
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('InputError');
    // denials are audited by the guard
    expect(
      (await knex('pp_audit_logs').where({ outcome: 'denied' })).length,
    ).toBeGreaterThan(0);
  });

  it('serves the MCP tools under the same permissions and audit', async () => {
    const as = (who: string) =>
      mockCredentials.service(`pp-principal:${userIds[who]}`);
    await expect(
      actions
        .get('pp-agents-create')
        .action({ input: sovereign, credentials: as('Vik Viewer') }),
    ).rejects.toThrow(/need the role/);
    const made = await actions
      .get('pp-agents-create')
      .action({ input: unsovereign, credentials: as('Olu Orchestrator') });
    expect(made.output.creation).toMatchObject({
      status: 'genesis_rejected',
      genesis_status: 'rejected',
    });
    const read = await actions.get('pp-agents-creation-status').action({
      input: { agent_id: made.output.creation.agent_id },
      credentials: as('Vik Viewer'),
    });
    expect(read.output.creation.status).toBe('genesis_rejected');
    const audit = (await audits('pp.agents.create')).pop()!;
    expect(audit).toMatchObject({
      resource: `agent:${made.output.creation.agent_id}`,
    });
    expect(audit.details).toMatchObject({ via: 'actions' });
  });
});
