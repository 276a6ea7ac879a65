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
  registerReadinessActions,
} from '../../actions';
import { DatabaseReadinessStore } from '../../database/DatabaseReadinessStore';
import { READINESS_SPEC_DEFAULTS } from '../../domain/readiness';
import type { CustomerSettingsResult } from '../CustomerSettings';
import type { FactReading } from '../HandoffFactReaders';
import { peopleNamesFrom } from '../peopleNames';
import { Readiness } from '../Readiness';
import { readinessApi } from '../readinessApi';
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
import {
  CodeGeneration,
  CodegenConfig,
  ReadinessSource,
  SCAFFOLDER_ACTOR,
  toApiGeneration,
} from '../../codegen/CodeGeneration';
import type {
  ScaffolderClient,
  ScaffolderTaskState,
} from '../../codegen/ScaffolderClient';
import { generationStore } from '../../database/GenerationStore';

/**
 * The scaffolder as the tests drive it: every started task is recorded with its values, and
 * stays `processing` until the test sets its state (or makes starting fail).
 */
export function fakeScaffolder() {
  const tasks = new Map<
    string,
    { values: Record<string, unknown>; state: ScaffolderTaskState }
  >();
  let n = 0;
  const fake = {
    tasks,
    startError: undefined as Error | undefined,
    async startTask(input: {
      templateRef: string;
      values: Record<string, unknown>;
    }) {
      if (fake.startError) throw fake.startError;
      const id = `task-${++n}`;
      tasks.set(id, { values: input.values, state: { status: 'processing' } });
      return { id };
    },
    async task(id: string) {
      return tasks.get(id)?.state ?? { status: 'gone' as const };
    },
    /** the task started for an agent (the last one) */
    taskOf(agentId: string) {
      const found = [...tasks.entries()]
        .reverse()
        .find(([, t]) => t.values.agent_id === agentId);
      if (!found) throw new Error(`no scaffolder task for ${agentId}`);
      return { id: found[0], ...found[1] };
    },
    finish(agentId: string, state: ScaffolderTaskState) {
      const { id } = fake.taskOf(agentId);
      tasks.get(id)!.state = state;
    },
  };
  return fake satisfies ScaffolderClient & Record<string, unknown>;
}

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
  const scaffolder = fakeScaffolder();
  const readinessSource: { source: ReadinessSource } = {
    source: async () => undefined,
  };
  const late: { codegen?: CodeGeneration } = {};
  const commands = new CreationCommands({
    onApproved: row => late.codegen!.start(row.agent_id, SCAFFOLDER_ACTOR),
    store,
    notifier,
    logger: mockServices.logger.mock(),
    audit,
    now,
  });
  /** code generation's configuration (a test may turn the LLM step on) */
  const codegenConfig: CodegenConfig = {
    publisher: 'local-git',
    workflow: 'CI',
    templateRef: 'template:default/pp-ai-agent',
  };
  const codegen = new CodeGeneration({
    db: knex,
    store,
    commands,
    notifier,
    scaffolder,
    config: codegenConfig,
    readiness: agentId => readinessSource.source(agentId),
    startRetryMs: 0,
    flushAfterStart: false,
    logger: mockServices.logger.mock(),
    audit,
    now,
  });
  late.codegen = codegen;
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
  /** the handoff's fact readers: undefined → the reader is not wired (unknown) */
  const factReadings: {
    alertThresholds?: FactReading;
    onCall?: FactReading;
    sla?: FactReading;
  } = {};
  const reader = (key: keyof typeof factReadings) => ({
    forAgent: async () => {
      const r = factReadings[key];
      if (!r) throw new Error(`${key} reader down`);
      return r;
    },
  });
  const handoffs = new HandoffCommands({
    store,
    commands,
    notifier,
    health,
    alertThresholds: reader('alertThresholds'),
    onCall: reader('onCall'),
    sla: reader('sla'),
    logger: mockServices.logger.mock(),
    audit,
    now,
  });
  const queries = new CreationQueries(store, now, undefined, async row => {
    const latest = await generationStore.latest(knex, row.id);
    return latest ? toApiGeneration(latest) : null;
  });
  const api = orchestrationApi(queries, commands, now, {
    generation: codegen,
    db: knex,
  });
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
  const customer: { result: CustomerSettingsResult; asked: string[] } = {
    result: { ok: false, message: 'The Customer Portal is not reachable.' },
    asked: [],
  };
  const readiness = new Readiness({
    store: await DatabaseReadinessStore.create({
      database: { getClient: async () => knex },
      skipMigrations: true,
    }),
    creations: store,
    defaults: READINESS_SPEC_DEFAULTS,
    customer: {
      forAgent: async agentId => {
        customer.asked.push(agentId);
        return customer.result;
      },
    },
    names: peopleNamesFrom(identity.users),
    now,
  });
  const rApi = readinessApi(readiness);
  registerReadinessActions({ actionsRegistry, guard: test.guard, api: rApi });
  const routes = await createRouter({
    api,
    guard: test.guard,
    pipelineHandoff: phApi,
    readiness: rApi,
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
    codegen,
    codegenConfig,
    scaffolder,
    readinessSource,
    feed,
    handoffs,
    health,
    factReadings,
    readiness,
    customer,
    actions,
    identity,
    userIds: test.userIds,
    tokens: test.tokens,
    get: (path: string, who: string | null) => as(request(app).get(path), who),
    post: (path: string, body: object, who: string | null) =>
      as(request(app).post(path), who).send(body),
    put: (path: string, body: object, who: string | null) =>
      as(request(app).put(path), who).send(body),
    /**
     * A Genesis-approved creation by the orchestrator, its code generation started (`generating`,
     * the scaffolder's task running until the test finishes it); its agent id.
     */
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
