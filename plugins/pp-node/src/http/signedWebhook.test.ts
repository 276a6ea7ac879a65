import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import request from 'supertest';
import { z } from 'zod';
import { ppTestDatabases } from '../testUtils/databases';
import {
  PpWebhookDeliveries,
  migratePpSignedWebhooks,
  ppSignature,
  ppSignedHeaders,
  ppSignedWebhookHandler,
} from './signedWebhook';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

const SECRET = 'genesis-webhook-secret-0123456789';

describe.each(databases.eachSupportedId())('signed webhooks (%s)', id => {
  let knex: Knex;
  let now: Date;
  let handled: unknown[];
  let fail: Error | undefined;
  let audits: any[];
  const apps: express.Express[] = [];

  beforeAll(async () => {
    knex = await databases.init(id);
    await migratePpSignedWebhooks(knex);
    // two instances over one database: a replay to the other one is refused too
    const instance = () => {
      const router = Router();
      router.post(
        '/webhooks/genesis',
        ppSignedWebhookHandler({
          source: 'genesis',
          route: 'POST /pp/v1/webhooks/genesis',
          secret: () => SECRET,
          deliveries: new PpWebhookDeliveries(knex),
          schema: z.object({ verdict: z.enum(['approved', 'rejected']) }),
          handle: async input => {
            if (fail) throw fail;
            handled.push(input);
            return { ok: true };
          },
          audit: async entry => {
            audits.push(entry);
          },
          now: () => now,
        }),
      );
      return express()
        .use(router)
        .use(
          MiddlewareFactory.create({
            config: mockServices.rootConfig(),
            logger: mockServices.logger.mock(),
          }).error(),
        );
    };
    apps.push(instance(), instance());
  });

  beforeEach(() => {
    now = new Date('2026-12-20T10:00:00Z');
    handled = [];
    audits = [];
    fail = undefined;
  });

  const post = (
    body: string,
    headers: Record<string, string>,
    app = apps[0],
  ) => {
    const req = request(app)
      .post('/webhooks/genesis')
      .set('content-type', 'application/json');
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req.send(body);
  };

  it('accepts a signed request once, on any instance', async () => {
    const body = JSON.stringify({ verdict: 'approved' });
    const headers = ppSignedHeaders(SECRET, body, { now });
    const res = await post(body, headers);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(handled).toEqual([{ verdict: 'approved' }]);

    const again = await post(body, headers, apps[1]);
    expect(again.status).toBe(401);
    expect(again.body.error).toMatchObject({
      name: 'AuthenticationError',
      message: expect.stringMatching(/already received/),
    });
    // the same delivery id, signed anew, is a replay too
    const resigned = await post(body, {
      ...ppSignedHeaders(SECRET, body, {
        now: new Date(now.getTime() + 1000),
        deliveryId: headers['X-PP-Delivery'],
      }),
    });
    expect(resigned.status).toBe(401);
    expect(handled).toHaveLength(1);
    expect(audits.map(a => a.outcome)).toEqual(['denied', 'denied']);
  });

  it('refuses a bad signature, a stale or future timestamp, and missing headers', async () => {
    const body = JSON.stringify({ verdict: 'rejected' });
    const good = ppSignedHeaders(SECRET, body, { now });
    const cases: Array<[Record<string, string>, RegExp]> = [
      [
        {
          ...good,
          'X-PP-Signature': ppSignature('other', good['X-PP-Timestamp'], body),
        },
        /does not match/,
      ],
      [
        ppSignedHeaders(SECRET, body, {
          now: new Date(now.getTime() - 301_000),
        }),
        /300 seconds/,
      ],
      [
        ppSignedHeaders(SECRET, body, {
          now: new Date(now.getTime() + 301_000),
        }),
        /300 seconds/,
      ],
      [{ 'X-PP-Timestamp': good['X-PP-Timestamp'] }, /headers are required/],
      [{ ...good, 'X-PP-Timestamp': 'yesterday' }, /300 seconds/],
    ];
    for (const [headers, message] of cases) {
      const res = await post(body, headers);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(message);
    }
    // the body changed after signing
    const tampered = await post(JSON.stringify({ verdict: 'approved' }), good);
    expect(tampered.status).toBe(401);
    expect(handled).toEqual([]);
    expect(audits).toHaveLength(cases.length + 1);
    // within the window, the good one still goes through
    now = new Date(now.getTime() + 299_000);
    expect((await post(body, good)).status).toBe(200);
  });

  it('answers 400 for a signed body that is not the schema, 413 over the limit', async () => {
    const bad = JSON.stringify({ verdict: 'maybe' });
    const res = await post(bad, ppSignedHeaders(SECRET, bad, { now }));
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    const notJson = '{verdict';
    const res2 = await post(notJson, ppSignedHeaders(SECRET, notJson, { now }));
    expect(res2.status).toBe(400);
    const big = JSON.stringify({
      verdict: 'approved',
      pad: 'x'.repeat(110_000),
    });
    const res3 = await post(big, ppSignedHeaders(SECRET, big, { now }));
    expect(res3.status).toBe(413);
    expect(handled).toEqual([]);
  });

  it('lets the sender retry a delivery that failed on PP’s side, not one it answered 4xx', async () => {
    const body = JSON.stringify({ verdict: 'approved', n: 'retry' });
    const headers = ppSignedHeaders(SECRET, body, { now });
    fail = new Error('database down');
    expect((await post(body, headers)).status).toBe(500);
    fail = undefined;
    expect((await post(body, headers)).status).toBe(200);

    const other = JSON.stringify({ verdict: 'rejected', n: 'retry' });
    const h2 = ppSignedHeaders(SECRET, other, { now });
    fail = new NotFoundError('No such creation');
    expect((await post(other, h2)).status).toBe(404);
    fail = undefined;
    expect((await post(other, h2)).status).toBe(401);
  });

  it('forgets deliveries once their window is over', async () => {
    const body = JSON.stringify({ verdict: 'approved', n: 1 });
    await post(body, ppSignedHeaders(SECRET, body, { now }));
    const count = async () =>
      Number((await knex('pp_webhook_deliveries').count({ n: '*' }))[0].n);
    expect(await count()).toBeGreaterThan(0);
    now = new Date(now.getTime() + 11 * 60_000);
    const later = JSON.stringify({ verdict: 'rejected', n: 2 });
    await post(later, ppSignedHeaders(SECRET, later, { now }));
    expect(await count()).toBe(2);
  });
});
