import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import { createPpGuard } from '@internal/plugin-pp-node';
import {
  createTestPpGuard,
  ppTestDatabases,
} from '@internal/plugin-pp-node/testUtils';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { healthTestWiring } from '../__testUtils__/healthWiring';
import { AlertEvaluator } from './alerts';
import { createHealthRouter } from './router';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

/*
 * Conditions another PP plugin measures (issue #17: a knowledge source failing 3 runs in a row
 * raises an alert in the health plugin's alert list): only a PP plugin's own credentials may
 * report; the latest figure is judged at each evaluation against the `ingestion_failing` rule, which
 * fires once, is notified through the outbox, follows threshold edits and resolves on a 0.
 */
describe.each(databases.eachSupportedId())(
  'POST /health/reported-conditions (%s)',
  id => {
    let knex: Knex;
    let now: Date;
    let app: express.Express;
    let tokens: Record<string, string>;
    let wiring: Awaited<ReturnType<typeof healthTestWiring>>;
    let evaluator: AlertEvaluator;
    const notices: any[] = [];

    const report = (who: string | null, body: unknown) => {
      const r = request(app).post('/health/reported-conditions');
      if (who) r.set('authorization', who);
      return r.send(body as object);
    };
    const failing = (value: number) => ({
      alert_type: 'ingestion_failing',
      subject: 'src-google-ads',
      value,
      message: `Google Ads API (marketing) failed ${value} runs in a row: the API answered 503`,
    });
    const asKnowledge = 'Bearer plugin-token:pp-knowledge';

    beforeAll(async () => {
      knex = await databases.init(id);
      now = new Date('2026-12-04T02:00:00Z');
      const test = await createTestPpGuard(knex, [
        { name: 'Ada Admin', kind: 'agent', roles: ['admin'] },
        {
          name: 'Payment Service',
          kind: 'service',
          entityRef: 'component:default/payment-service',
        },
      ]);
      tokens = test.tokens;
      await test.identity.users.ensurePluginPrincipal({
        pluginId: 'pp-knowledge',
        name: 'Industry knowledge (Platform Portal)',
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
            if (plugin) return mockCredentials.service(`plugin:${plugin[1]}`);
            return mockCredentials.service('pp-token');
          }) as any,
        }),
      });
      wiring = await healthTestWiring(knex, () => now);
      app = express()
        .use(createHealthRouter({ guard, ...wiring, maxAgeSeconds: 30 }))
        .use(
          MiddlewareFactory.create({
            config: mockServices.rootConfig(),
            logger: mockServices.logger.mock(),
          }).error(),
        );
      evaluator = new AlertEvaluator({
        store: wiring.store,
        logger: mockServices.logger.mock(),
        queues: async () => [],
        notifier: {
          enqueue: async (tx: Knex.Transaction, notice: any) => {
            expect(tx.isTransaction).toBe(true);
            notices.push(notice);
          },
          flush: () => undefined,
        } as any,
      });
    });

    it('refuses everyone but a PP plugin’s own credentials', async () => {
      expect((await report(null, failing(3))).status).toBe(401);
      const person = await report(`Bearer ${tokens['Ada Admin']}`, failing(3));
      expect(person.status).toBe(403);
      expect(person.body.error.message).toBe(
        'Only another Platform Portal plugin may call this endpoint',
      );
      const service = await report(
        `Bearer ${tokens['Payment Service']}`,
        failing(3),
      );
      expect(service.status).toBe(403);
    });

    it('validates the figure', async () => {
      const bad = await report(asKnowledge, { ...failing(3), value: -1 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.name).toBe('InputError');
      expect(bad.body.error.message).toMatch(/value/);
      const type = await report(asKnowledge, {
        ...failing(3),
        alert_type: 'service_down',
      });
      expect(type.status).toBe(400);
    });

    it('fires the ingestion_failing alert at the third failed run, once, and resolves it on a successful run', async () => {
      const two = await report(asKnowledge, failing(2));
      expect(two.status).toBe(202);
      expect(two.body).toEqual({
        accepted: true,
        alert_type: 'ingestion_failing',
        service_id: 'pp-knowledge',
        subject: 'src-google-ads',
        reported_at: now.toISOString(),
      });
      expect((await evaluator.evaluate(now)).fired).toEqual([]);

      expect((await report(asKnowledge, failing(3))).status).toBe(202);
      now = new Date(now.getTime() + 60_000);
      const { fired } = await evaluator.evaluate(now);
      expect(fired).toEqual([
        expect.objectContaining({
          alert_type: 'ingestion_failing',
          service_id: 'pp-knowledge',
          subject: 'src-google-ads',
          severity: 'warning',
          status: 'firing',
          value: 3,
          threshold: 3,
          message:
            'Google Ads API (marketing) failed 3 runs in a row: the API answered 503',
        }),
      ]);
      expect(notices).toHaveLength(1);
      // a fourth failure updates the figure, nothing fires twice
      await report(asKnowledge, failing(4));
      now = new Date(now.getTime() + 60_000);
      expect((await evaluator.evaluate(now)).fired).toEqual([]);
      expect(notices).toHaveLength(1);

      await report(asKnowledge, failing(0));
      now = new Date(now.getTime() + 60_000);
      const { resolved } = await evaluator.evaluate(now);
      expect(resolved).toEqual([
        expect.objectContaining({
          alert_type: 'ingestion_failing',
          subject: 'src-google-ads',
          status: 'resolved',
        }),
      ]);
      expect(notices).toHaveLength(2);
    });

    it('follows the rule’s threshold as infrastructure engineers edit it', async () => {
      await wiring.store.updateThreshold(
        'ingestion_failing',
        { threshold_value: 5 },
        'ada@waooaw.com',
        now,
      );
      await report(asKnowledge, failing(4));
      now = new Date(now.getTime() + 60_000);
      expect((await evaluator.evaluate(now)).fired).toEqual([]);
      await report(asKnowledge, failing(5));
      now = new Date(now.getTime() + 60_000);
      expect((await evaluator.evaluate(now)).fired).toHaveLength(1);
    });
  },
);
