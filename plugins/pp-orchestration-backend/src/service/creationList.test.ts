import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ppAgentCreationPageSchema } from '@internal/plugin-pp-common';
import {
  DatabaseNotifier,
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
import { DatabaseCreationList } from '../database/DatabaseCreationList';
import { DatabaseCreationStore } from '../database/DatabaseCreationStore';
import { CreationCommands } from './CreationCommands';
import { CreationList, creationListApi } from './creationList';
import { CreationQueries } from './CreationQueries';
import { orchestrationApi } from './orchestrationApi';
import { peopleNamesFrom } from './peopleNames';
import { createRouter } from './router';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

const MINUTE = 60_000;

describe.each(databases.eachSupportedId())('creations board (%s)', id => {
  let knex: Knex;
  let now: Date;
  let app: express.Express;
  let commands: CreationCommands;
  const tokens: Record<string, string> = {};
  const agents: Record<string, string> = {};

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
    commands = new CreationCommands({
      store,
      notifier,
      logger: mockServices.logger.mock(),
      audit: entry => test.identity.record(entry),
      now: () => now,
    });
    const names = peopleNamesFrom(test.identity.users);
    const api = orchestrationApi(
      new CreationQueries(store, () => now, names),
      commands,
      () => now,
    );
    const list = creationListApi(
      new CreationList(new DatabaseCreationList(knex), () => now, names),
    );
    const routes = await createRouter({ api, guard: test.guard, list });
    app = express()
      .use(routes.router)
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: mockServices.logger.mock(),
        }).error(),
      );

    // four creations, a minute apart: two approved, one rejected, one approved then generating
    const requests = [
      {
        agent_name: 'Lead Hunter',
        industry: 'sales',
        specialty: 'lead-prospecting',
      },
      {
        agent_name: 'Data Broker 100%',
        industry: 'sales',
        specialty: 'sales-forecasting',
        serves: 'waooaw',
        shares_customer_data_with: ['waooaw'],
      },
      {
        agent_name: 'Maths Tutor',
        industry: 'education',
        specialty: 'jee-mathematics',
      },
      {
        agent_name: 'Forecaster',
        industry: 'sales',
        specialty: 'sales-forecasting',
      },
    ];
    for (const body of requests) {
      const res = await request(app)
        .post('/agents/create')
        .set('authorization', `Bearer ${tokens['Olu Orchestrator']}`)
        .send(body);
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      agents[body.agent_name] = res.body.agent_id;
      now = new Date(now.getTime() + MINUTE);
    }
    const actor = { kind: 'system' as const, id: 'scaffolder' };
    await commands.move(agents['Maths Tutor'], {
      type: 'start_generation',
      actor,
    });
    // 20 minutes later: the tutor's code generation (15 min budget) is overdue; the forecaster
    // has just started its own
    now = new Date(now.getTime() + 20 * MINUTE);
    await commands.move(agents.Forecaster, { type: 'start_generation', actor });
  });

  const list = (query: string, who: string | null = 'Vik Viewer') => {
    const req = request(app).get(`/agents/creations${query}`);
    if (who) req.set('authorization', `Bearer ${tokens[who]}`);
    return req;
  };
  const names = (body: any) => body.items.map((i: any) => i.agent_name);

  it('401 without a token, 403 for roles that may not read agents', async () => {
    expect((await list('', null)).status).toBe(401);
    for (const who of ['Sam Manager', 'Ian Infra']) {
      const res = await list('', who);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
  });

  it('viewers, orchestrators and admins see every creation, newest first, with counts per status', async () => {
    for (const who of ['Vik Viewer', 'Olu Orchestrator', 'Ada Admin']) {
      const res = await list('', who);
      expect(res.status).toBe(200);
      const page = ppAgentCreationPageSchema.parse(res.body);
      expect(names(page)).toEqual([
        'Forecaster',
        'Maths Tutor',
        'Data Broker 100%',
        'Lead Hunter',
      ]);
      expect(page.status_counts).toEqual({
        genesis_approved: 1,
        genesis_rejected: 1,
        generating: 2,
      });
      expect(page.next_cursor).toBeNull();
    }
  });

  it('summaries: requester, request time, the current step timed against its budget', async () => {
    const { body } = await list('');
    const byName = Object.fromEntries(
      body.items.map((i: any) => [i.agent_name, i]),
    );
    expect(byName['Maths Tutor']).toMatchObject({
      agent_id: agents['Maths Tutor'],
      industry: 'education',
      specialty: 'jee-mathematics',
      status: 'generating',
      requested_by: expect.stringMatching(/^user:pp\//),
      requested_by_name: 'Olu Orchestrator',
      requested_at: '2026-12-20T10:02:00.000Z',
      current_step: {
        step: 'generation',
        title: 'Code generation',
        elapsed_ms: 20 * MINUTE,
        budget_ms: 15 * MINUTE,
        overdue: true,
      },
    });
    expect(byName.Forecaster.current_step).toMatchObject({
      step: 'generation',
      elapsed_ms: 0,
      overdue: false,
    });
    expect(byName['Lead Hunter'].current_step).toBeNull();
    expect(byName['Data Broker 100%'].status).toBe('genesis_rejected');
  });

  it('the creation status names the requester and the people in its history', async () => {
    const res = await request(app)
      .get(`/agents/${agents['Maths Tutor']}/creation-status`)
      .set('authorization', `Bearer ${tokens['Vik Viewer']}`);
    expect(res.status).toBe(200);
    expect(res.body.people).toEqual({
      [res.body.created_by]: 'Olu Orchestrator',
    });
  });

  it('filters by status, overdue and name; counts ignore only the status filter', async () => {
    const rejected = await list('?status=genesis_rejected');
    expect(names(rejected.body)).toEqual(['Data Broker 100%']);
    expect(rejected.body.status_counts.generating).toBe(2);
    expect(
      names((await list('?status=genesis_approved,genesis_rejected')).body),
    ).toEqual(['Data Broker 100%', 'Lead Hunter']);
    const overdue = await list('?overdue=true');
    expect(names(overdue.body)).toEqual(['Maths Tutor']);
    expect(overdue.body.status_counts).toEqual({ generating: 1 });
    expect(names((await list('?overdue=false')).body)).toEqual([
      'Forecaster',
      'Data Broker 100%',
      'Lead Hunter',
    ]);
    expect(names((await list('?q=HUNT')).body)).toEqual(['Lead Hunter']);
    // LIKE wildcards are text
    expect(names((await list('?q=100%25')).body)).toEqual(['Data Broker 100%']);
    expect(names((await list('?q=_')).body)).toEqual([]);
  });

  it('sorts by name and pages with next_cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await list(
        `?sort=name&limit=3${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
      );
      expect(res.status).toBe(200);
      seen.push(...names(res.body));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([
      'Data Broker 100%',
      'Forecaster',
      'Lead Hunter',
      'Maths Tutor',
    ]);
    const first = await list('?limit=2');
    expect(names(first.body)).toEqual(['Forecaster', 'Maths Tutor']);
    const second = await list(
      `?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`,
    );
    expect(names(second.body)).toEqual(['Data Broker 100%', 'Lead Hunter']);
    expect(second.body.next_cursor).toBeNull();
  });

  it('400 for an unknown status, sort or a cursor that is not one', async () => {
    for (const q of [
      '?status=done',
      '?sort=score',
      '?overdue=yes',
      '?cursor=nonsense',
      `?cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
    ]) {
      const res = await list(q);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    }
  });
});
