import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import type {
  PpAgentCustomerContacts,
  PpHealthDay,
} from '@internal/plugin-pp-common';
import {
  DatabaseNotifier,
  migratePpNotifier,
  ppNotificationChannelsFromConfig,
} from '@internal/plugin-pp-node';
import { createTestPpGuard } from '@internal/plugin-pp-node/testUtils';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { registerSlaActions } from '../../actions';
import { DatabaseSlaStore } from '../../database/DatabaseSlaStore';
import { DEFAULT_CREDIT_TABLE } from '../../domain/compliance';
import { DEFAULT_TEMPLATES } from '../../domain/definitions';
import { PagerDutyClient } from '../pagerDuty';
import { SlaJobs } from '../SlaJobs';
import { SlaService } from '../SlaService';
import { slaApi } from '../slaApi';
import { createRouter } from '../router';
import { HandoffFacts, SlaSources, TicketFacts } from '../sources';

export const TEST_PEOPLE = [
  { name: 'Ada Admin', kind: 'user' as const, roles: ['admin'] },
  {
    name: 'Olu Orchestrator',
    kind: 'user' as const,
    roles: ['agent_orchestrator'],
  },
  { name: 'Vik Viewer', kind: 'user' as const, roles: ['viewer'] },
  {
    name: 'Ian Infra',
    kind: 'user' as const,
    roles: ['infrastructure_engineer'],
  },
  { name: 'Hana Helpdesk', kind: 'user' as const, roles: ['helpdesk_agent'] },
  {
    name: 'Customer Portal',
    kind: 'service' as const,
    entityRef: 'component:default/customer-portal-backend',
  },
];

/** The other plugins as the test sets them: health days per service, tickets, handoffs. */
export class FakeSources implements SlaSources {
  health = new Map<string, PpHealthDay[]>();
  ticketList: TicketFacts[] = [];
  handoffList: HandoffFacts[] = [];
  subscriptions = new Map<string, string>();
  silences: Array<{ service_id: string; starts_at: string; ends_at: string }> =
    [];
  healthDown = false;
  /** The subscriptions plugin's customer contacts per agent. */
  contacts = new Map<string, PpAgentCustomerContacts>();
  /** Reads the contacts instead of `contacts` (e.g. over HTTP). */
  contactsReader?: (
    agentId: string,
  ) => Promise<PpAgentCustomerContacts | undefined>;

  async healthDays(serviceId: string, from: string, to: string) {
    if (this.healthDown) return undefined;
    return (this.health.get(serviceId) ?? []).filter(
      d => d.day >= from && d.day <= to,
    );
  }
  async tickets(f: { entityRef?: string; priority?: string; since: Date }) {
    return this.ticketList.filter(
      t =>
        (!f.entityRef || t.entity_ref === f.entityRef) &&
        (!f.priority || t.priority === f.priority) &&
        t.created_at >= f.since,
    );
  }
  async handoffs() {
    return this.handoffList;
  }
  /** The catalog's agent titles by agent id. */
  agentTitles = new Map<string, string>();
  /** How many times the catalog was asked for titles. */
  agentNameReads = 0;
  async agentNames(ids: readonly string[]) {
    this.agentNameReads++;
    return new Map(
      ids.flatMap(id =>
        this.agentTitles.has(id)
          ? [[id, this.agentTitles.get(id)!] as [string, string]]
          : [],
      ),
    );
  }
  async subscriptionAgent(id: string) {
    return this.subscriptions.get(id);
  }
  async customerContacts(agentId: string) {
    if (this.contactsReader) return this.contactsReader(agentId);
    return this.contacts.get(agentId);
  }
  async createMaintenanceSilence(input: {
    service_id: string;
    starts_at: string;
    ends_at: string;
  }) {
    this.silences.push(input);
    return `silence-${this.silences.length}`;
  }

  /** `days` healthy days ending with `lastDay` (288 checks, p95 500 ms, 0.1 % errors). */
  seedHealthy(serviceId: string, lastDay: string, days: number, p95 = 500) {
    const out: PpHealthDay[] = [];
    const last = new Date(`${lastDay}T00:00:00Z`).getTime();
    for (let i = days - 1; i >= 0; i--) {
      out.push({
        day: new Date(last - i * 86_400_000).toISOString().slice(0, 10),
        checks: 288,
        down_checks: 0,
        observed_minutes: 1440,
        down_minutes: 0,
        p95_response_ms: p95,
        error_rate_sum: 288 * 0.001,
        down_buckets: [],
      });
    }
    this.health.set(serviceId, out);
  }

  /** An outage of `minutes` (a multiple of 5) from `start`: every check down in its buckets. */
  seedOutage(serviceId: string, start: string, minutes: number) {
    const days = this.health.get(serviceId)!;
    const s = new Date(start).getTime();
    for (let m = 0; m < minutes; m += 5) {
      const at = new Date(s + m * 60_000).toISOString();
      const d = days.find(x => x.day === at.slice(0, 10))!;
      d.down_checks += 1;
      d.down_minutes += 5;
      d.down_buckets.push({ start: at, minutes: 5 });
    }
  }
}

/** The plugin's routes, actions and jobs over a test database, as plugin.ts wires them. */
export async function slaTestApp(
  knex: Knex,
  opts: {
    now?: string;
    pagerDutyUrl?: string;
    /** `pp.sla.customerEmails.enabled` */
    customerEmails?: boolean;
    /** email through a local SMTP server on this port */
    smtpPort?: number;
  } = {},
) {
  const clock = { now: new Date(opts.now ?? '2026-12-01T06:00:00Z') };
  const now = () => clock.now;
  await migratePpNotifier(knex);
  const test = await createTestPpGuard(knex, TEST_PEOPLE);
  const notifier = new DatabaseNotifier({
    db: knex,
    users: test.identity.users,
    channels: ppNotificationChannelsFromConfig(
      mockServices.rootConfig({
        data: opts.smtpPort
          ? {
              pp: {
                notifications: {
                  email: {
                    from: 'WAOOAW <service@waooaw.com>',
                    smtp: { host: '127.0.0.1', port: opts.smtpPort },
                  },
                },
              },
            }
          : {},
      }),
    ),
    logger: mockServices.logger.mock(),
    notifications: { send: jest.fn().mockResolvedValue(undefined) } as any,
    now,
  });
  const store = await DatabaseSlaStore.create({
    database: { getClient: async () => knex },
  });
  const sources = new FakeSources();
  const service = new SlaService({
    store,
    sources,
    notifier,
    templates: DEFAULT_TEMPLATES,
    now,
  });
  const logger = mockServices.logger.mock();
  const jobs = new SlaJobs({
    store,
    sources,
    notifier,
    logger,
    customerEmails: opts.customerEmails,
    creditTable: DEFAULT_CREDIT_TABLE,
    pagerDuty: opts.pagerDutyUrl
      ? new PagerDutyClient({
          routingKey: 'test-routing-key',
          url: opts.pagerDutyUrl,
          timeoutMs: 2000,
        })
      : undefined,
    now,
  });
  const api = slaApi(service);
  const actions = new Map<string, any>();
  registerSlaActions({
    actionsRegistry: { register: (a: any) => actions.set(a.name, a) } as any,
    guard: test.guard,
    api,
  });
  const routes = createRouter({ api, service, guard: test.guard });
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
    store,
    sources,
    service,
    jobs,
    notifier,
    logger,
    actions,
    knex,
    get: (path: string, who: string | null) => as(request(app).get(path), who),
    post: (path: string, body: object, who: string | null) =>
      as(request(app).post(path), who).send(body),
    put: (path: string, body: object, who: string | null) =>
      as(request(app).put(path), who).send(body),
    messages: async (topic: string) =>
      (await knex('pp_notification_messages').where({ topic })).map(r => ({
        ...JSON.parse(r.payload),
      })),
  };
}
