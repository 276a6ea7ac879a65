import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthenticationError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ppAgentCustomerContactsSchema } from '@internal/plugin-pp-common';
import {
  createPpApiRouter,
  createPpGuard,
  ppAuditErrors,
} from '@internal/plugin-pp-node';
import {
  createTestPpGuard,
  ppTestDatabases,
} from '@internal/plugin-pp-node/testUtils';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseCustomerPortalStore } from '../database/DatabaseCustomerPortalStore';
import { seedDemoCustomerPortal } from '../seed/demoCustomerPortal';
import { addCustomerContactsRoutes } from './customerContactsApi';

jest.setTimeout(120_000);
const databases = ppTestDatabases();

/*
 * The contacts of an agent's live subscriptions, for other PP plugins only: a plugin calling with
 * its own Backstage service credentials reads them (audited); people, a person's API token and a
 * service principal's API token are refused (403), nobody at all is a 401.
 */
describe.each(databases.eachSupportedId())(
  'GET /subscriptions/agents/{agent_id}/customer-contacts (%s)',
  id => {
    let knex: Knex;
    let get: (path: string, who: string | null) => request.Test;
    let cpDown = false;

    beforeAll(async () => {
      knex = await databases.init(id);
      const test = await createTestPpGuard(knex, [
        { name: 'Ada Admin', kind: 'user', roles: ['admin'] },
        { name: 'Sam Manager', kind: 'user', roles: ['subscription_manager'] },
        {
          name: 'Customer Portal',
          kind: 'service',
          entityRef: 'component:default/customer-portal-backend',
        },
      ]);
      await test.identity.users.ensurePluginPrincipal({
        pluginId: 'pp-sla',
        name: 'SLA and OLA management (Platform Portal)',
        roles: ['viewer'],
      });
      // Backstage's plugin token handler: `plugin-token:<id>` stands for a verified plugin token
      const guard = createPpGuard({
        identity: test.identity,
        httpAuth: mockServices.httpAuth.mock({
          credentials: (async (req: express.Request) => {
            const auth = req.headers.authorization;
            if (!auth) throw new AuthenticationError('Missing credentials');
            const plugin = /^Bearer plugin-token:(.+)$/.exec(auth);
            return mockCredentials.service(
              plugin ? `plugin:${plugin[1]}` : 'pp-token',
            );
          }) as any,
        }),
      });
      const cpDb = await databases.init(id);
      await seedDemoCustomerPortal(cpDb, new Date('2026-12-02T12:00:00Z'));
      // a live subscription without a contact address is left out
      await cpDb('subscriptions').insert({
        id: 'demo-sub-099',
        customer_id: 'demo-cust-099',
        customer_name: 'Demo No Contact Ltd',
        agent_id: 'marketing-content-strategist',
        status: 'active',
        contact_email: null,
      });
      const store = new DatabaseCustomerPortalStore(cpDb);
      const cp = Object.create(store) as DatabaseCustomerPortalStore;
      cp.liveContacts = async agentId => {
        if (cpDown) {
          throw new ServiceUnavailableError(
            'The Customer Portal database is not configured (pp.customerPortal.database)',
          );
        }
        return store.liveContacts(agentId);
      };
      const routes = createPpApiRouter({
        pluginId: 'pp-subscriptions',
        title: 'Subscriptions',
        guard,
      });
      addCustomerContactsRoutes(routes, { guard, cp });
      routes.router.use(ppAuditErrors(guard));
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
        if (!who) return req;
        return req.set(
          'authorization',
          who.startsWith('plugin-token:')
            ? `Bearer ${who}`
            : `Bearer ${test.tokens[who]}`,
        );
      };
    });

    const path = (agent: string) =>
      `/subscriptions/agents/${agent}/customer-contacts`;

    it('answers another plugin the live subscriptions’ contacts, and audits the read', async () => {
      const res = await get(
        path('marketing-content-strategist'),
        'plugin-token:pp-sla',
      );
      expect(res.status).toBe(200);
      expect(ppAgentCustomerContactsSchema.parse(res.body)).toEqual({
        agent_id: 'marketing-content-strategist',
        agent_name: 'Marketing Content Strategist',
        // active, trial and paused with an address (churned, canceled and no address left out)
        items: [
          {
            subscription_id: 'demo-sub-001',
            customer_name: 'Demo Bakery Ltd',
            contact_email: 'ops@demo-bakery-ltd.example',
          },
          {
            subscription_id: 'demo-sub-004',
            customer_name: 'Demo Fitness Studio',
            contact_email: 'ops@demo-fitness-studio.example',
          },
          {
            subscription_id: 'demo-sub-006',
            customer_name: 'Demo Book Shop',
            contact_email: 'ops@demo-book-shop.example',
          },
          {
            subscription_id: 'demo-sub-010',
            customer_name: 'Demo Garden Centre',
            contact_email: 'ops@demo-garden-centre.example',
          },
        ],
      });
      // customer core data never leaves CP
      expect(JSON.stringify(res.body)).not.toMatch(/SECRET|4242/);
      const audit = await knex('pp_audit_logs')
        .where({ action: 'pp.subscriptions.customer-contacts.read' })
        .select('principal', 'resource', 'outcome');
      expect(audit).toEqual([
        {
          principal: 'user:pp/plugin:pp-sla',
          resource: 'agent:marketing-content-strategist',
          outcome: 'success',
        },
      ]);
      // an agent without subscriptions has none; its name comes from CP when it has one
      expect(
        (await get(path('sales-prospecting-sdr'), 'plugin-token:pp-sla')).body
          .items,
      ).toHaveLength(2);
      expect(
        (await get(path('lead-hunter'), 'plugin-token:pp-sla')).body,
      ).toEqual({ agent_id: 'lead-hunter', agent_name: null, items: [] });
    });

    it('refuses people and API tokens (403), nobody (401), a bad id (400); 503 without CP', async () => {
      expect((await get(path('lead-hunter'), null)).status).toBe(401);
      for (const who of ['Ada Admin', 'Sam Manager', 'Customer Portal']) {
        const res = await get(path('marketing-content-strategist'), who);
        expect(res.status).toBe(403);
        expect(res.body.error).toEqual({
          name: 'NotAllowedError',
          message: 'Only another Platform Portal plugin may call this endpoint',
        });
      }
      // a plugin that is no Platform Portal principal
      expect(
        (await get(path('lead-hunter'), 'plugin-token:catalog')).status,
      ).toBe(403);
      expect((await get(path('Bad!'), 'plugin-token:pp-sla')).status).toBe(400);
      cpDown = true;
      try {
        expect(
          (await get(path('lead-hunter'), 'plugin-token:pp-sla')).status,
        ).toBe(503);
      } finally {
        cpDown = false;
      }
    });
  },
);
