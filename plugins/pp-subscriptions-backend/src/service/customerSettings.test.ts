import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ppAgentCustomerSettingsSchema } from '@internal/plugin-pp-common';
import { createPpApiRouter, ppAuditErrors } from '@internal/plugin-pp-node';
import {
  createTestPpGuard,
  ppTestDatabases,
} from '@internal/plugin-pp-node/testUtils';
import express from 'express';
import request from 'supertest';
import { CpPortError, CustomerSettingsPort } from '../cp/CustomerPortalPort';
import { DemoCustomerPortalPort } from '../cp/DemoCustomerPortalPort';
import { seedDemoCustomerPortal } from '../seed/demoCustomerPortal';
import {
  addCustomerSettingsRoutes,
  customerSettingsApi,
} from './customerSettingsApi';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

describe.each(databases.eachSupportedId())(
  'GET /subscriptions/agents/{agent_id}/customer-settings (%s)',
  id => {
    let get: (path: string, who: string | null) => request.Test;
    let port: CustomerSettingsPort & { down?: boolean };

    beforeAll(async () => {
      const knex = await databases.init(id);
      const test = await createTestPpGuard(knex, [
        { name: 'Ada Admin', kind: 'user', roles: ['admin'] },
        { name: 'Sam Manager', kind: 'user', roles: ['subscription_manager'] },
        {
          name: 'Olu Orchestrator',
          kind: 'user',
          roles: ['agent_orchestrator'],
        },
        { name: 'Ian Infra', kind: 'user', roles: ['infrastructure_engineer'] },
        { name: 'Vik Viewer', kind: 'user', roles: ['viewer'] },
        { name: 'Hal Helpdesk', kind: 'user', roles: ['helpdesk_agent'] },
      ]);
      const cpDb = await databases.init(id);
      await seedDemoCustomerPortal(cpDb, new Date('2026-12-02T12:00:00Z'));
      const demo = new DemoCustomerPortalPort(cpDb);
      port = {
        source: demo.source,
        agentSettings: async agentId => {
          if (port.down) {
            throw new CpPortError(
              'The Customer Portal did not answer within 10 seconds.',
              { retryable: true },
            );
          }
          return demo.agentSettings(agentId);
        },
      };
      const routes = createPpApiRouter({
        pluginId: 'pp-subscriptions',
        title: 'Subscriptions',
        guard: test.guard,
      });
      addCustomerSettingsRoutes(routes, customerSettingsApi(port));
      routes.router.use(ppAuditErrors(test.guard));
      const app = express()
        .use(routes.router)
        .use(
          MiddlewareFactory.create({
            config: mockServices.rootConfig(),
            logger: mockServices.logger.mock(),
          }).error(),
        );
      get = (path, who) => {
        const req = request(app).get(path);
        return who
          ? req.set('authorization', `Bearer ${test.tokens[who]}`)
          : req;
      };
    });

    const path = (agent: string) =>
      `/subscriptions/agents/${agent}/customer-settings`;

    it('answers the live subscriptions’ settings to the reading roles', async () => {
      for (const who of [
        'Ada Admin',
        'Sam Manager',
        'Olu Orchestrator',
        'Ian Infra',
        'Vik Viewer',
      ]) {
        const res = await get(path('marketing-content-strategist'), who);
        expect(res.status).toBe(200);
        ppAgentCustomerSettingsSchema.parse(res.body);
      }
      const res = await get(path('marketing-content-strategist'), 'Vik Viewer');
      expect(res.body.source).toBe('demo_customer_portal');
      // active, trial and paused only (the churned and canceled ones are left out)
      expect(res.body.subscriptions.map((s: any) => s.customer_name)).toEqual([
        'Demo Bakery Ltd',
        'Demo Book Shop',
        'Demo Fitness Studio',
        'Demo Garden Centre',
      ]);
      const bakery = res.body.subscriptions[0];
      expect(bakery).toMatchObject({
        subscription_id: 'demo-sub-001',
        working_hours: {
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          start: '09:00',
          end: '18:00',
          timezone: 'Asia/Kolkata',
        },
        approval_threshold: { amount: 500, currency: 'USD' },
        data_freshness_hours: 24,
        error_tolerance_percent: 5,
        budget_limit: { amount: 300, currency: 'USD', period: 'month' },
      });
      // a subscription without settings has every one unset
      expect(res.body.subscriptions[1]).toMatchObject({
        working_hours: null,
        approval_threshold: null,
        budget_limit: null,
      });
      // customer core data never leaves CP
      expect(JSON.stringify(res.body)).not.toMatch(/SECRET|4242/);
      // an agent without subscriptions has none
      expect(
        (await get(path('lead-hunter'), 'Vik Viewer')).body.subscriptions,
      ).toEqual([]);
    });

    it('401, 403 for other roles, 400 for a bad id, 503 when CP fails', async () => {
      expect((await get(path('lead-hunter'), null)).status).toBe(401);
      expect((await get(path('lead-hunter'), 'Hal Helpdesk')).status).toBe(403);
      expect((await get(path('Bad!'), 'Vik Viewer')).status).toBe(400);
      port.down = true;
      try {
        const res = await get(path('lead-hunter'), 'Vik Viewer');
        expect(res.status).toBe(503);
        expect(res.body.error.message).toBe(
          'The Customer Portal did not answer within 10 seconds.',
        );
      } finally {
        port.down = false;
      }
    });
  },
);

describe('customer settings without a CP port', () => {
  it('is a 503 naming the missing configuration', async () => {
    const api = customerSettingsApi(undefined);
    await expect(
      api.agentSettings.run({} as any, { agent_id: 'lead-hunter' }),
    ).rejects.toThrow(/pp.customerPortal.api.baseUrl/);
  });
});
