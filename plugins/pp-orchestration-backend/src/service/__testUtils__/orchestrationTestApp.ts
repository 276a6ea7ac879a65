import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DatabaseNotifier,
  PpIdentityService,
  migratePpNotifier,
  ppNotificationChannelsFromConfig,
} from '@internal/plugin-pp-node';
import { createTestPpGuard } from '@internal/plugin-pp-node/testUtils';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import {
  registerOrchestrationActions,
  registerPipelineHandoffActions,
} from '../../actions';
import { DatabaseCreationStore } from '../../database/DatabaseCreationStore';
import { AgentHealthFacts } from '../AgentHealthFacts';
import { CreationCommands } from '../CreationCommands';
import { CreationQueries } from '../CreationQueries';
import { HandoffCommands } from '../HandoffCommands';
import { orchestrationApi } from '../orchestrationApi';
import { PipelineFeed } from '../PipelineFeed';
import { PipelineHandoffQueries } from '../PipelineHandoffQueries';
import { pipelineHandoffApi } from '../pipelineHandoffApi';
import { createRouter } from '../router';

export const TEST_PEOPLE = [
  { name: 'Ada Admin', kind: 'user' as const, roles: ['admin' as const] },
  {
    name: 'Olu Orchestrator',
    kind: 'user' as const,
    roles: ['agent_orchestrator' as const],
  },
  { name: 'Vik Viewer', kind: 'user' as const, roles: ['viewer' as const] },
  {
    name: 'Ian Infra',
    kind: 'user' as const,
    roles: ['infrastructure_engineer' as const],
  },
  {
    name: 'Sam Manager',
    kind: 'user' as const,
    roles: ['subscription_manager' as const],
  },
];

/**
 * The plugin's routes, actions, pipeline feed and handoff commands over a test database, as
 * plugin.ts wires them, with a clock the test moves and the health plugin's answer set per test.
 */
export async function orchestrationTestApp(
  knex: Knex,
  owner = 'waooaw-agents',
) {
  const clock = { now: new Date('2026-12-21T09:00:00Z') };
  const now = () => clock.now;
  await migratePpNotifier(knex);
  const test = await createTestPpGuard(knex, TEST_PEOPLE);
  const identity: PpIdentityService = test.identity;
  const notifier = new DatabaseNotifier({
    db: knex,
    users: identity.users,
    channels: ppNotificationChannelsFromConfig(
      mockServices.rootConfig({ data: {} }),
    ),
    logger: mockServices.logger.mock(),
    notifications: { send: jest.fn().mockResolvedValue(undefined) } as any,
    now,
  });
  const store = await DatabaseCreationStore.create({
    database: { getClient: async () => knex },
  });
  const audit = (entry: any) => identity.record(entry);
  const commands = new CreationCommands({
    store,
    notifier,
    logger: mockServices.logger.mock(),
    audit,
    now,
  });
  const health: {
    last: Awaited<ReturnType<AgentHealthFacts['lastCheck']>>;
  } & AgentHealthFacts = {
    last: undefined,
    async lastCheck() {
      return this.last;
    },
  };
  const feed = new PipelineFeed({
    store,
    commands,
    notifier,
    owner,
    workflow: 'CI',
    logger: mockServices.logger.mock(),
    audit,
    now,
  });
  const handoffs = new HandoffCommands({
    store,
    commands,
    notifier,
    health,
    logger: mockServices.logger.mock(),
    audit,
    now,
  });
  const api = orchestrationApi(new CreationQueries(store, now), commands, now);
  const phApi = pipelineHandoffApi(
    new PipelineHandoffQueries(store, now),
    handoffs,
    now,
  );
  const actions = new Map<string, any>();
  const actionsRegistry = {
    register: (a: any) => actions.set(a.name, a),
  } as any;
  registerOrchestrationActions({ actionsRegistry, guard: test.guard, api });
  registerPipelineHandoffActions({
    actionsRegistry,
    guard: test.guard,
    api: phApi,
  });
  const routes = await createRouter({
    api,
    guard: test.guard,
    pipelineHandoff: phApi,
  });
  const app = express()
    .use(routes.router)
    .use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );

  const as = (req: request.Test, who: string | null) =>
    who ? req.set('authorization', `Bearer ${test.tokens[who]}`) : req;
  return {
    clock,
    app,
    knex,
    guard: test.guard,
    notifier,
    store,
    commands,
    feed,
    handoffs,
    health,
    actions,
    identity,
    userIds: test.userIds,
    tokens: test.tokens,
    get: (path: string, who: string | null) => as(request(app).get(path), who),
    post: (path: string, body: object, who: string | null) =>
      as(request(app).post(path), who).send(body),
    /** a Genesis-approved creation by the orchestrator; its agent id */
    async approvedAgent(name = 'Lead Hunter') {
      const res = await as(
        request(app).post('/agents/create'),
        'Olu Orchestrator',
      ).send({
        agent_name: name,
        industry: 'sales',
        specialty: 'lead-prospecting',
      });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return res.body.agent_id as string;
    },
    messages: async (reference: string) =>
      (
        await knex('pp_notification_messages')
          .where({ reference })
          .orderBy('id')
      ).map(r => ({ topic: String(r.topic), ...JSON.parse(r.payload) })),
    audits: async (action: string) =>
      (await knex('pp_audit_logs').where({ action }).orderBy('id')).map(r => ({
        ...r,
        details:
          typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
      })),
  };
}
